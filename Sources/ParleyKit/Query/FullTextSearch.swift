import Foundation
import GRDB

/// Builds FTS5 MATCH strings from what a user typed, so that typed text is only ever words.
///
/// Each whitespace-separated word becomes an FTS5 string literal (`"…"`, embedded quotes doubled),
/// so operators (`OR`, `NEAR(`), column filters (`text:`), `*`, `^` and quotes in the input
/// are searched for as text, never interpreted. Words are ANDed. The result is bound as a value,
/// never spliced into SQL.
enum FullTextQuery {
  /// The words of `text`: whitespace-separated, without control characters, each holding at least
  /// one letter or digit (anything else has nothing for the tokenizer to find).
  static func words(_ text: String) -> [String] {
    text.split(whereSeparator: \.isWhitespace)
      .map { word in
        String(
          String.UnicodeScalarView(
            word.unicodeScalars.filter { $0.properties.generalCategory != .control }))
      }
      .filter { word in word.contains { $0.isLetter || $0.isNumber } }
  }

  /// `word` as an FTS5 string literal.
  static func literal(_ word: String) -> String {
    "\"" + word.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// Every word of `text` must match (with `prefix`, as the start of a word); nil when `text` has
  /// no words.
  static func matchExpression(_ text: String, prefix: Bool) -> String? {
    let words = words(text)
    guard !words.isEmpty else { return nil }
    return words.map { literal($0) + (prefix ? " *" : "") }.joined(separator: " ")
  }

  /// One of `texts` must match; nil when none has words.
  static func matchExpression(anyOf texts: [String], prefix: Bool) -> String? {
    let parts = texts.compactMap { matchExpression($0, prefix: prefix) }
    guard parts.count > 1 else { return parts.first }
    return parts.map { "(\($0))" }.joined(separator: " OR ")
  }
}

extension SearchHitKind: DatabaseValueConvertible {}

extension ParleyStore {
  /// How well a hit matches, from the hit alone: BM25's term-frequency saturation and length
  /// normalisation (k1 = 1.2, b = 0.75) over how many times the words occur in the hit's text and
  /// key, against a fixed typical length of 12 words, with no weight from the rest of the index.
  ///
  /// SQLite's `bm25()` weighs words by how many rows of the whole index hold them, rows recorded
  /// after a `--known-at` revision included, so its order (and, with a limit, its hits) moved as
  /// later loads arrived; this score makes an answer as known at a revision the same whatever is
  /// loaded later.
  static let stableScore: SQL = """
    (WITH m(f, dl) AS (SELECT
        (length(highlight(searchIndex, 2, char(1), '')) - length(coalesce(searchIndex.text, '')))
          + (length(highlight(searchIndex, 3, char(1), '')) - length(coalesce(searchIndex.keywords, ''))),
        (length(trim(coalesce(searchIndex.text, ''))) - length(replace(trim(coalesce(searchIndex.text, '')), ' ', '')) + 1)
          + CASE WHEN coalesce(searchIndex.keywords, '') = '' THEN 0
            ELSE length(searchIndex.keywords) - length(replace(searchIndex.keywords, '-', '')) + 1 END)
      SELECT round(f * 2.2 / (f + 1.2 * (0.25 + 0.75 * dl / 12.0)), 6) FROM m)
    """

  /// Positions, statements and documents whose words match `text`, best first (a score of the
  /// hit alone, ``stableScore``).
  ///
  /// A position matches on its proposition or key, a statement on its quote, a document on its
  /// title; every word of `text` must appear (case and diacritics aside). Deprecated positions and
  /// retired statements and documents are left out. Text with no words finds nothing.
  ///
  /// ```swift
  /// let results = try store.search("crimea recognition", limit: 5)
  /// results.hits.first?.id  // "ru-crimea-recognition-2025-03"
  /// ```
  ///
  /// Machine-coded hits (imported event data) are left out unless `includeMachineCoded`, and
  /// marked when included. With `publishedBy`, only what the public record held that day: a
  /// statement from a document published by then (or a further source), a document published by
  /// then, a position with such evidence.
  public func search(
    _ text: String, limit: Int = 20, knownAt: KnownAt = .latest,
    includeMachineCoded: Bool = false, publishedBy: PartialDate? = nil
  ) throws -> SearchResults {
    let words = FullTextQuery.words(text).count
    if words > InputLimits.searchWords {
      throw QueryError.tooMany(
        "words", given: words, limit: InputLimits.searchWords,
        advice: "Search for the few words that matter (every word must appear in a hit).")
    }
    return try reader.read { db in
      let point = try Self.recordPoint(knownAt, db: db)
      guard let match = FullTextQuery.matchExpression(text, prefix: false), limit > 0 else {
        return SearchResults(query: text, knownAt: point, hits: [], publishedBy: publishedBy)
      }
      let version = RecordFilter.visible("v", at: knownAt)
      let statement = RecordFilter.visible("s", at: knownAt)
      let document = RecordFilter.visible("d", at: knownAt)
      let positionRecorded: SQL =
        switch knownAt {
        case .latest: "1"
        case .revision(let revision): "p.recordedIn <= \(revision)"
        }
      let machineCoded: SQL = """
        EXISTS (SELECT 1 FROM machineCoded mc
                WHERE mc.recordKind = searchIndex.kind AND mc.recordId = searchIndex.id)
        """
      var scope: [SQL] = []
      if !includeMachineCoded { scope.append("NOT \(machineCoded)") }
      if let day = publishedBy?.lastDay {
        let evidence = RecordFilter.visible("pe", at: knownAt)
        scope.append(
          """
          CASE searchIndex.kind
            WHEN 'statement' THEN \(Self.publishedStatement("s.id", by: day))
            WHEN 'document' THEN d.publishedOn <= \(day)
            ELSE EXISTS (SELECT 1 FROM evidence pe WHERE pe.positionId = p.id AND \(evidence)
                         AND \(Self.publishedStatement("pe.statementId", by: day)))
          END
          """)
      }
      let inScope: SQL = scope.isEmpty ? "1" : "\(scope.joined(operator: .and))"
      let rows = try Row.fetchAll(
        db,
        SQL(
          """
          SELECT searchIndex.kind, searchIndex.id, searchIndex.text,
                 snippet(searchIndex, 2, '[', ']', '…', 16) AS snippet,
                 \(Self.stableScore) AS score,
                 p.holderId, p.kind AS stance, p.issueId,
                 s.onBehalfOfId, sp.name AS speakerName, s.saidOn, s.saidPrecision, s.documentId,
                 d.outlet, d.publishedOn, d.publishedPrecision, \(machineCoded) AS machineCoded
          FROM searchIndex
          LEFT JOIN position p
            ON searchIndex.kind = 'position' AND p.id = searchIndex.id AND \(positionRecorded)
          LEFT JOIN positionVersion v
            ON v.positionId = p.id AND \(version) AND v.status <> 'deprecated'
          LEFT JOIN statement s
            ON searchIndex.kind = 'statement' AND s.id = searchIndex.id AND \(statement)
          LEFT JOIN party sp ON sp.id = s.speakerId
          LEFT JOIN document d
            ON searchIndex.kind = 'document' AND d.id = searchIndex.id AND \(document)
          WHERE searchIndex MATCH \(match)
            AND (v.id IS NOT NULL OR s.id IS NOT NULL OR d.id IS NOT NULL) AND \(inScope)
          ORDER BY score DESC, searchIndex.kind, searchIndex.id
          LIMIT \(limit)
          """))
      var hits = rows.map { row -> SearchHit in
        let kind: SearchHitKind = row["kind"]
        let context: String
        switch kind {
        case .position:
          context =
            "\(row["holderId"] as String) \(row["stance"] as String) on \(row["issueId"] as String)"
        case .statement:
          let date = PartialDate(storedValue: row["saidOn"], precision: row["saidPrecision"])
          let speaker: String = row["speakerName"] ?? "unnamed source"
          context =
            "\(speaker) for \(row["onBehalfOfId"] as String), \(date); \(row["documentId"] as String)"
        case .document:
          let published = (row["publishedOn"] as Int?).map {
            PartialDate(storedValue: $0, precision: row["publishedPrecision"] ?? .day).description
          }
          context = [row["outlet"] as String?, published].compactMap { $0 }.joined(separator: ", ")
        }
        return SearchHit(
          kind: kind, id: row["id"], snippet: row["snippet"], text: row["text"], context: context,
          score: row["score"] ?? 0, positions: [], machineCoded: row["machineCoded"])
      }
      let statements = hits.filter { $0.kind == .statement }.map(\.id)
      if !statements.isEmpty {
        let evidence = RecordFilter.visible("e", at: knownAt)
        let links = try Row.fetchAll(
          db,
          SQL(
            """
            SELECT e.statementId, e.positionId FROM evidence e
            JOIN positionVersion v ON v.positionId = e.positionId AND \(version)
            WHERE e.statementId IN \(statements) AND \(evidence) AND v.status <> 'deprecated'
              AND \(includeMachineCoded ? "1" : Self.curatedPosition("e.positionId"))
            ORDER BY e.statementId, e.positionId
            """))
        var positions: [String: [String]] = [:]
        for link in links { positions[link["statementId"], default: []].append(link["positionId"]) }
        for index in hits.indices where hits[index].kind == .statement {
          hits[index].positions = positions[hits[index].id] ?? []
        }
      }
      return SearchResults(query: text, knownAt: point, hits: hits, publishedBy: publishedBy)
    }
  }
}
