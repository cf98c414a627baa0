import GRDB

extension ParleyStore {
  /// Fills in each position's term or period in force, and for commitments and threats the
  /// latest outcome assessed on or before `day` (as known at `knownAt`).
  ///
  /// Two batched reads per 500 positions; both tables are small next to evidence, and most
  /// positions have neither.
  static func attachLifecycle(
    _ summaries: inout [PositionSummary], through day: Int, knownAt: KnownAt, db: Database
  ) throws {
    guard !summaries.isEmpty else { return }
    let indexById = Dictionary(
      uniqueKeysWithValues: summaries.enumerated().map { ($0.element.id, $0.offset) })
    let ids = summaries.map(\.id)
    let termVisible: SQL =
      switch knownAt {
      case .latest: "1"
      case .revision(let revision): "t.recordedIn <= \(revision)"
      }
    let outcomeVisible = RecordFilter.visible("o", at: knownAt)
    for chunkStart in stride(from: 0, to: ids.count, by: 500) {
      let chunk = Array(ids[chunkStart..<min(chunkStart + 500, ids.count)])
      let terms = try Row.fetchCursor(
        db,
        SQLRequest<Row>(
          literal: """
            SELECT t.positionId, t.termDays, t.inForceFrom, t.inForceFromPrecision,
                   t.inForceUntil, t.inForceUntilPrecision
            FROM positionTerm t WHERE t.positionId IN \(chunk) AND \(termVisible)
            """, cached: true))
      while let row = try terms.next() {
        let from: Int? = row[2]
        let until: Int? = row[4]
        summaries[indexById[row[0]]!].term = PositionTermView(
          termDays: row[1],
          inForceFrom: from.map { PartialDate(storedValue: $0, precision: row[3] ?? .day) },
          inForceUntil: until.map { PartialDate(storedValue: $0, precision: row[5] ?? .day) })
      }
      let outcomes = try Row.fetchCursor(
        db,
        SQLRequest<Row>(
          literal: """
            SELECT o.positionId, o.outcome, o.assessedOn, o.assessedPrecision, o.statementId,
                   o.note, o.recordedIn
            FROM positionOutcome o
            WHERE o.positionId IN \(chunk) AND o.assessedOn <= \(day) AND \(outcomeVisible)
            ORDER BY o.positionId, o.assessedOn, o.id
            """, cached: true))
      while let row = try outcomes.next() {
        // Ordered by day: the last one read for a position is its latest.
        summaries[indexById[row[0]]!].outcome = OutcomeEntry(
          outcome: row[1], on: PartialDate(storedValue: row[2], precision: row[3]),
          statement: row[4], note: row[5], recordedIn: row[6])
      }
    }
  }
}
