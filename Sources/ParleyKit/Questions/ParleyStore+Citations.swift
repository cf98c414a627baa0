import GRDB

/// What a writer needs to cite one statement: who said it, for whom, when, the verbatim quote
/// and where it was published.
public struct StatementCitation: Sendable, Equatable {
  public var statement: String
  /// The speaker's name, or nil for an unnamed source.
  public var speaker: String?
  /// The party spoken for (id).
  public var onBehalfOf: String
  public var date: String
  public var quote: String?
  public var attribution: String
  public var document: String
  public var documentTitle: String
  public var outlet: String?
  public var url: String?
}

extension ParleyStore {
  /// The citation of each statement id given (ids that name no statement are left out).
  ///
  /// Ids reach SQLite only as bound values.
  public func citations(statements ids: some Collection<String>) throws -> [String:
    StatementCitation]
  {
    let unique = Array(Set(ids))
    guard !unique.isEmpty else { return [:] }
    return try reader.read { db in
      var result: [String: StatementCitation] = [:]
      // At most 500 ids per query, well under SQLite's limit on bound values.
      for start in stride(from: 0, to: unique.count, by: 500) {
        let chunk = Array(unique[start..<min(start + 500, unique.count)])
        let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
        let rows = try Row.fetchAll(
          db,
          sql: """
            SELECT s.id, p.name AS speaker, s.onBehalfOfId, s.saidOn, s.saidPrecision, s.quote,
                   s.attribution, d.id AS documentId, d.title, d.outlet, d.url
            FROM statement s
            JOIN document d ON d.id = s.documentId
            LEFT JOIN party p ON p.id = s.speakerId
            WHERE s.id IN (\(marks))
            """, arguments: StatementArguments(chunk))
        for row in rows {
          let id: String = row["id"]
          let precision = DatePrecision(rawValue: row["saidPrecision"]) ?? .day
          result[id] = StatementCitation(
            statement: id, speaker: row["speaker"], onBehalfOf: row["onBehalfOfId"],
            date: PartialDate(storedValue: row["saidOn"], precision: precision).description,
            quote: row["quote"], attribution: row["attribution"], document: row["documentId"],
            documentTitle: row["title"], outlet: row["outlet"], url: row["url"])
        }
      }
      return result
    }
  }
}
