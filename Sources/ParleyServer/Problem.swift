import Foundation
import ParleyKit

/// An RFC 9457 problem detail: what went wrong, in the CLI's words, with the parts a program
/// reads (the parameter at fault, close names, locations) as fields of their own.
public struct Problem: Error, Sendable, Encodable {
  /// A URI naming the kind of problem (`urn:parley:problem:unknown-party`).
  public var type: String
  public var title: String
  public var status: Int
  /// The message the CLI prints for the same mistake.
  public var detail: String
  /// The request path and query it answers.
  public var instance: String?
  /// The query parameter at fault, when one is.
  public var parameter: String?
  /// Close names, for a name that matches nothing.
  public var suggestions: [String]?
  /// The column of a query expression that cannot be read, counted from 1.
  public var column: Int?
  /// Every problem of a rejected load, each with its file:line:column.
  public var errors: [LoadProblemDetail]?

  public init(
    _ kind: String, title: String, status: Int, detail: String, parameter: String? = nil,
    suggestions: [String]? = nil, column: Int? = nil, errors: [LoadProblemDetail]? = nil
  ) {
    self.type = "urn:parley:problem:\(kind)"
    self.title = title
    self.status = status
    self.detail = detail
    self.parameter = parameter
    self.suggestions = suggestions
    self.column = column
    self.errors = errors
  }

  /// The problem body as JSON with sorted keys.
  public func json() -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return ((try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}") + "\n"
  }
}

/// One problem of a rejected load.
public struct LoadProblemDetail: Sendable, Encodable {
  public var file: String
  public var line: Int
  public var column: Int
  public var field: String
  public var message: String
  /// `file:line:column: field: message`, as `parley load` prints it.
  public var location: String
}

extension Problem {
  /// The problem a Parley error stands for; nil for an error that is not Parley's (a bug).
  public init?(_ error: any Error) {
    switch error {
    case let problem as Problem:
      self = problem
    case let error as QuestionError:
      switch error {
      case .usage(let message, let parameter):
        self.init(
          "bad-parameter", title: "A parameter cannot be used as given", status: 400,
          detail: message, parameter: parameter)
      case .badDate(let message, let parameter):
        self.init(
          "bad-date", title: "Not a date", status: 400, detail: message, parameter: parameter)
      }
    case let error as QueryError:
      let detail = error.description
      switch error {
      case .unknownParty(_, let suggestions):
        self.init(
          "unknown-party", title: "No such party", status: 404, detail: detail,
          suggestions: suggestions)
      case .unknownIssue(_, let suggestions):
        self.init(
          "unknown-issue", title: "No such issue", status: 404, detail: detail,
          suggestions: suggestions)
      case .unknownPosition(_, let suggestions):
        self.init(
          "unknown-position", title: "No such position", status: 404, detail: detail,
          suggestions: suggestions)
      case .unknownDocument(_, let suggestions):
        self.init(
          "unknown-document", title: "No such document", status: 404, detail: detail,
          suggestions: suggestions)
      case .machineCoded:
        self.init(
          "machine-coded", title: "A machine-coded position", status: 404, detail: detail,
          parameter: "include-machine")
      case .unknownKind:
        self.init(
          "unknown-stance", title: "Not a stance", status: 400, detail: detail, parameter: "stance")
      case .badKnownAt:
        self.init(
          "bad-known-at", title: "Not a point in the store's history", status: 400, detail: detail)
      case .badDate:
        self.init("bad-date", title: "Not a date", status: 400, detail: detail)
      case .tooMany:
        self.init("too-many", title: "Too many values", status: 400, detail: detail)
      case .noSuchRevision:
        self.init(
          "no-such-revision", title: "No such revision", status: 400, detail: detail)
      }
    case let error as QuerySyntaxError:
      self.init(
        "bad-query", title: "The query expression cannot be read", status: 400,
        detail: error.description, parameter: "expression", column: error.column)
    case let error as LoadError:
      self.init(
        "rejected-load", title: "The load was rejected; nothing was written", status: 422,
        detail: error.description,
        errors: error.problems.map {
          LoadProblemDetail(
            file: $0.location.file, line: $0.location.line, column: $0.location.column,
            field: $0.location.field, message: $0.message, location: $0.description)
        })
    case let error as StoreError:
      let status = error.reason == .locked ? 503 : 500
      self.init(
        "store", title: "The store cannot answer", status: status,
        detail: error.description)
    default:
      guard let storeError = StoreError(translating: error, path: nil) else { return nil }
      self.init(storeError)
    }
  }
}
