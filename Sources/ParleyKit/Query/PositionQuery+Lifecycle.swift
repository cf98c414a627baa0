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
    }
    // The latest assessment up to the day: the last of each position's history.
    for (id, history) in try assessments(of: ids, through: day, knownAt: knownAt, db: db) {
      summaries[indexById[id]!].outcome = history.last
    }
  }
}
