import Foundation
import GRDB

extension ParleyStore {
  /// The answer to `parley query EXPR`: the positions an expression of the query language selects.
  ///
  /// Without an `as-of` term every position ever held matches, ended ones included; without
  /// `known-at`, the store is read as it is now.
  ///
  /// ```swift
  /// let list = try store.positionList(query: "holder:kremlin kind:demand issue:territory/*")
  /// ```
  ///
  /// Machine-coded positions are left out unless `includeMachineCoded`; `publishedBy` asks what
  /// the public record held that day.
  public func positionList(
    query source: String, publishedBy: PartialDate? = nil, includeMachineCoded: Bool = false
  ) throws -> PositionList {
    let expression = try QueryExpression(parsing: source)
    var filter = try positionFilter(for: expression)
    filter.publishedBy = publishedBy
    filter.includeMachineCoded = includeMachineCoded
    let question = "query " + expression.source.trimmingCharacters(in: .whitespacesAndNewlines)
    return try positionList(filter, question: question)
  }

  /// Resolves an expression's names against the store and turns it into a filter.
  ///
  /// Parties (`holder`, `target`, `speaker`) are found by id, alias or name and issues by id,
  /// prefix or word, as everywhere else (a name that matches nothing is a ``QueryError``);
  /// documents by id. A `known-at` value that is no point in the store's history is a
  /// ``QuerySyntaxError`` at its column. Asking for the `deprecated` status shows deprecated records.
  public func positionFilter(for expression: QueryExpression) throws -> PositionFilter {
    var filter = PositionFilter()
    func appendNew<T: Equatable>(_ items: [T], to list: inout [T]) {
      for item in items where !list.contains(item) { list.append(item) }
    }
    for term in expression.terms {
      for value in term.values {
        let text = value.text
        let folded = text.lowercased()
        switch term.field {
        case .holder:
          appendNew([try resolveParty(text).id], to: &filter.holders)
        case .target:
          appendNew([try resolveParty(text).id], to: &filter.targets)
        case .speaker:
          appendNew([try resolveParty(text).id], to: &filter.speakers)
        case .kind:
          // The parser has checked every vocabulary value.
          appendNew([StanceKind(userInput: folded)!], to: &filter.kinds)
        case .issue:
          appendNew(try resolveIssues(text), to: &filter.issues)
        case .status:
          let status = PositionStatus(rawValue: folded)!
          appendNew([status], to: &filter.statuses)
          if status == .deprecated { filter.includeDeprecated = true }
        case .modality:
          appendNew([Modality(rawValue: folded)!], to: &filter.modalities)
        case .attribution:
          appendNew([Attribution(rawValue: folded)!], to: &filter.attributions)
        case .document:
          appendNew([try resolveDocument(text)], to: &filter.documents)
        case .asOf:
          filter.asOf = folded == "today" ? PartialDate.today() : try PartialDate(parsing: text)
        case .knownAt:
          do {
            filter.knownAt = try knownAt(parsing: text)
          } catch QueryError.badKnownAt {
            throw QuerySyntaxError(
              expression: expression.source, column: value.column,
              message:
                "'\(text)' is not a point in the store's history (expected a revision r3, a date 2025-03-14 or a UTC time 2025-03-14T09:30:00Z)"
            )
          }
        case .text:
          appendNew([text], to: &filter.textMatches)
        }
      }
    }
    return filter
  }

  /// The id of the document a user means (ids are compared without regard to case).
  public func resolveDocument(_ text: String) throws -> String {
    try reader.read { db in
      let folded = text.trimmingCharacters(in: .whitespaces).lowercased()
      if let id = try String.fetchOne(
        db, sql: "SELECT id FROM document WHERE lower(id) = ? ORDER BY id LIMIT 1",
        arguments: [folded])
      {
        return id
      }
      let close = try String.fetchAll(
        db, sql: "SELECT id FROM document WHERE id LIKE ? ESCAPE '\\' ORDER BY id LIMIT 5",
        arguments: ["%" + Self.escapeLike(folded) + "%"])
      throw QueryError.unknownDocument(text, suggestions: close)
    }
  }
}
