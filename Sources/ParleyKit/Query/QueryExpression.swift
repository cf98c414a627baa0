/// A field of the query language: what a `field:value` term filters on.
public enum QueryField: String, Sendable, CaseIterable {
  case holder, target, kind, issue, status, modality, attribution, speaker, document
  case asOf = "as-of"
  case knownAt = "known-at"
  case text

  /// Whether the field takes one value only: a query is answered at one point in time.
  var isSingleValued: Bool { self == .asOf || self == .knownAt }

  static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// One value of a term, with the column it starts at (counted in characters from 1).
public struct QueryValue: Sendable, Equatable {
  public var text: String
  public var column: Int

  public init(_ text: String, column: Int) {
    self.text = text
    self.column = column
  }
}

/// One `field:value[,value…]` term; its values are alternatives.
public struct QueryTerm: Sendable, Equatable {
  public var field: QueryField
  /// The column the field name starts at.
  public var column: Int
  public var values: [QueryValue]

  public init(field: QueryField, column: Int, values: [QueryValue]) {
    self.field = field
    self.column = column
    self.values = values
  }
}

/// A filter over positions in the query language, read but not yet resolved against a store.
///
/// The grammar:
///
/// ```text
/// expression  = { space } [ term { space { space } term } ] { space }
/// term        = field ":" value { "," value }
/// field       = holder | target | kind | issue | status | modality | attribution | speaker
///             | document | as-of | known-at | text                  (any letter case)
/// value       = bare | quoted
/// bare        = 1*( any character but space, ',' and '"' )
/// quoted      = '"' *( any character but '"' and '\' | '\"' | '\\' | '\' other ) '"'
/// ```
///
/// Terms are ANDed; the values of a field, in a comma list or in repeated terms, are ORed.
/// `kind`, `status`, `modality` and `attribution` values and `as-of` dates are checked here;
/// names of parties, issues and documents are resolved by
/// ``ParleyStore/positionFilter(for:)``.
///
/// ```swift
/// let expression = try QueryExpression(parsing: "holder:russia,ukraine kind:demand")
/// expression.terms.count  // 2
/// ```
public struct QueryExpression: Sendable, Equatable {
  /// The expression as typed.
  public var source: String
  public var terms: [QueryTerm]

  /// Reads `source`, or throws where it stops making sense.
  public init(parsing source: String) throws(QuerySyntaxError) {
    self.source = source
    if source.count > InputLimits.expressionCharacters {
      throw QuerySyntaxError(
        expression: String(source.prefix(80)) + "…", column: 81,
        message:
          "the expression is \(source.count.grouped) characters long (expected at most \(InputLimits.expressionCharacters.grouped))"
      )
    }
    var reader = Reader(source)
    var terms: [QueryTerm] = []
    var valueCount = 0
    while let term = try reader.nextTerm() {
      valueCount += term.values.count
      if valueCount > InputLimits.expressionValues {
        let extra = term.values[term.values.count - (valueCount - InputLimits.expressionValues)]
        throw reader.error(
          at: extra.column,
          "more than \(InputLimits.expressionValues) values (expected at most \(InputLimits.expressionValues) in one expression)"
        )
      }
      if term.field.isSingleValued {
        if terms.contains(where: { $0.field == term.field }) {
          throw reader.error(
            at: term.column, "'\(term.field.rawValue)' can be given only once")
        }
        if term.values.count > 1 {
          throw reader.error(
            at: term.values[1].column, "'\(term.field.rawValue)' takes one value, not a list")
        }
      }
      for value in term.values { try reader.check(value, of: term.field) }
      terms.append(term)
    }
    self.terms = terms
  }

  /// Every value given for `field`, in the order typed.
  public func values(of field: QueryField) -> [QueryValue] {
    terms.filter { $0.field == field }.flatMap(\.values)
  }
}

/// Walks an expression character by character, keeping columns for error messages.
private struct Reader {
  let source: String
  let characters: [Character]
  var index = 0

  init(_ source: String) {
    self.source = source
    characters = Array(source)
  }

  func error(at column: Int, _ message: String) -> QuerySyntaxError {
    QuerySyntaxError(expression: source, column: column, message: message)
  }

  private var atEnd: Bool { index == characters.count }
  private var current: Character? { atEnd ? nil : characters[index] }
  private var column: Int { index + 1 }

  /// The next term, or nil at the end.
  mutating func nextTerm() throws(QuerySyntaxError) -> QueryTerm? {
    while let character = current, character.isWhitespace { index += 1 }
    guard !atEnd else { return nil }
    let start = column
    var name = ""
    while let character = current,
      character.isLetter || character.isNumber || "-_".contains(character)
    {
      name.append(character)
      index += 1
    }
    let field = QueryField(rawValue: name.lowercased())
    guard !name.isEmpty else {
      throw error(
        at: column, "expected a field name (one of: \(QueryField.names)), found '\(current!)'")
    }
    guard current == ":" else {
      if field == nil {
        throw error(
          at: start,
          "expected field:value, found '\(name)' (to look for words, write text:\(name))")
      }
      throw error(at: column, "expected ':' after '\(name)' (a term is field:value)")
    }
    guard let field else {
      throw error(at: start, "unknown field '\(name)' (expected one of: \(QueryField.names))")
    }
    index += 1  // ':'
    var values = [try nextValue(after: "'\(name):'")]
    while current == "," {
      index += 1
      values.append(try nextValue(after: "','"))
    }
    return QueryTerm(field: field, column: start, values: values)
  }

  /// A bare or quoted value, which must be followed by a space, a ',' or the end.
  private mutating func nextValue(after what: String) throws(QuerySyntaxError) -> QueryValue {
    let start = column
    guard let first = current, !first.isWhitespace, first != "," else {
      throw error(at: start, "expected a value after \(what)")
    }
    var text = ""
    if first == "\"" {
      index += 1
      var closed = false
      while let character = current {
        index += 1
        if character == "\"" {
          closed = true
          break
        }
        if character == "\\", let next = current, next == "\"" || next == "\\" {
          text.append(next)
          index += 1
        } else {
          text.append(character)
        }
      }
      guard closed else {
        throw error(at: start, "unterminated quoted value (expected a closing '\"')")
      }
      if let next = current, !next.isWhitespace, next != "," {
        throw error(at: column, "expected a space or ',' after the quoted value, found '\(next)'")
      }
    } else {
      while let character = current, !character.isWhitespace, character != "," {
        if character == "\"" {
          throw error(
            at: column, "unexpected '\"' inside a value (quote the whole value: \"…\")")
        }
        text.append(character)
        index += 1
      }
    }
    guard text.contains(where: { !$0.isWhitespace }) else {
      throw error(at: start, "expected a value after \(what), found an empty one")
    }
    return QueryValue(text, column: start)
  }

  /// Checks values whose vocabulary is fixed: stances, statuses, modalities, attributions, dates.
  func check(_ value: QueryValue, of field: QueryField) throws(QuerySyntaxError) {
    func expected<T: RawRepresentable & CaseIterable>(_: T.Type, _ what: String) -> QuerySyntaxError
    where T.RawValue == String {
      let names = T.allCases.map(\.rawValue).joined(separator: ", ")
      return error(
        at: value.column, "'\(value.text)' is not \(what) (expected one of: \(names))")
    }
    let folded = value.text.lowercased()
    switch field {
    case .kind:
      guard StanceKind(userInput: folded) != nil else {
        throw expected(StanceKind.self, "a stance")
      }
    case .status:
      guard PositionStatus(rawValue: folded) != nil else {
        throw expected(PositionStatus.self, "a status")
      }
    case .modality:
      guard Modality(rawValue: folded) != nil else {
        throw expected(Modality.self, "a modality")
      }
    case .attribution:
      guard Attribution(rawValue: folded) != nil else {
        throw expected(Attribution.self, "an attribution")
      }
    case .asOf:
      guard folded != "today" else { return }
      do {
        _ = try PartialDate(parsing: value.text)
      } catch .malformed {
        throw self.error(
          at: value.column,
          "'\(value.text)' is not a date (expected YYYY-MM-DD, YYYY-MM, YYYY or today)")
      } catch {
        throw self.error(at: value.column, "'\(value.text)' is not a date: \(error.description)")
      }
    case .holder, .target, .issue, .speaker, .document, .knownAt, .text:
      return
    }
  }
}
