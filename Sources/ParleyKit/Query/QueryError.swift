/// A query argument that does not name anything in the store.
public enum QueryError: Error, Equatable, CustomStringConvertible {
  case unknownParty(String, suggestions: [String])
  case unknownIssue(String, suggestions: [String])
  case unknownPosition(String, suggestions: [String])
  case unknownDocument(String, suggestions: [String])
  /// A machine-coded position asked for by id without asking for machine-coded records.
  case machineCoded(String)
  case unknownKind(String)
  case badKnownAt(String)
  case badDate(String, reason: String)
  case noSuchRevision(Int64, latest: Int64)
  /// More parties, issues or words than a command accepts; `advice` says what to do instead.
  case tooMany(String, given: Int, limit: Int, advice: String)

  public var description: String {
    func hint(_ suggestions: [String]) -> String {
      suggestions.isEmpty
        ? "" : " Did you mean \(suggestions.map { "'\($0)'" }.joined(separator: ", "))?"
    }
    switch self {
    case .unknownParty(let text, let suggestions):
      return "No party is called '\(text)'; see 'parley parties'.\(hint(suggestions))"
    case .unknownIssue(let text, let suggestions):
      return "No issue matches '\(text)'; see 'parley issues'.\(hint(suggestions))"
    case .unknownPosition(let text, let suggestions):
      return "No position has the id '\(text)'.\(hint(suggestions))"
    case .unknownDocument(let text, let suggestions):
      return "No document has the id '\(text)'.\(hint(suggestions))"
    case .machineCoded(let id):
      return
        "'\(id)' is a machine-coded position (imported event data, not curated); ask again with include-machine ('--include-machine') to see it."
    case .unknownKind(let text):
      let verbs = StanceKind.allCases.map(\.verb).joined(separator: ", ")
      return "'\(text)' is not a stance; expected one of: \(verbs)."
    case .badKnownAt(let text):
      return
        "'\(text)' is not a point in the store's history; expected a revision ('r3' or '3'), a date (2025-03-14) or a UTC time (2025-03-14T09:30:00Z)."
    case .noSuchRevision(let revision, let latest):
      return
        "The store has no revision r\(revision); its history runs from r0 (empty) to r\(latest)."
    case .badDate(let text, let reason):
      return "'\(text)' is not a date: \(reason)."
    case .tooMany(let what, let given, let limit, let advice):
      return "\(given.grouped) \(what) were given; at most \(limit.grouped) are accepted. \(advice)"
    }
  }
}
