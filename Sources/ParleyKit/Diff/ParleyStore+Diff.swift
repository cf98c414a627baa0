import GRDB

extension ParleyStore {
  /// What changed in the world for `holder` between two dates (valid time): the whole path
  /// inside the window, slot by slot.
  ///
  /// Every position held on `from`, held on `to`, or taken up in between is placed on a chain
  /// of `supersedes` relations (which may cross to a broader or narrower slot). A chain from a
  /// position held at the start to one held at the end is a change, with a dated step per link
  /// and its net classification (``ChangeClassifier``); a chain that ends inside the window is
  /// dropped, one that begins inside it is added, and one that does both came and went —
  /// whatever ended it (superseded, withdrawn, expired, fulfilled). A position that ended and
  /// one taken up later with the same issue and proposition key pair as a change. Positions
  /// held at both ends are unchanged; their restatements inside the window are listed. Each
  /// position carries the evidence said up to its end of the window.
  public func diff(
    holder: String, issues: [String] = [], from: PartialDate, to: PartialDate,
    knownAt: KnownAt = .latest, showRestatements: Bool = false, publishedBy: PartialDate? = nil,
    includeMachineCoded: Bool = false
  ) throws -> PositionDiff {
    try reader.read { db in
      var path = try WindowPath.read(
        holder: holder, issues: issues, from: from, to: to, knownAt: knownAt,
        publishedBy: publishedBy, includeMachineCoded: includeMachineCoded, db: db)
      var restated: [Restatement] = []
      var unchanged = 0
      // Restatements: of positions held at both ends, inside the window; of positions taken up
      // inside it (on a chain, or came and went), after the day they were taken up.
      for position in path.after + path.inside {
        let heldThroughout = path.beforeIds.contains(position.id)
        if heldThroughout { unchanged += 1 }
        let after = heldThroughout ? from.lastDay : max(from.lastDay, position.validFrom.lastDay)
        let restatements = position.evidence.filter {
          $0.role == .supports && $0.date.firstDay > after
        }
        if !restatements.isEmpty {
          restated.append(
            Restatement(
              position: position.id, issue: position.issue, proposition: position.proposition,
              count: restatements.count, evidence: showRestatements ? restatements : [],
              statements: restatements.map(RestatementLine.init)))
        }
      }
      let changes = try Self.changes(
        of: path, issues: issues, to: to, knownAt: knownAt, publishedBy: publishedBy, db: db)
      path.after.removeAll()
      let point = try Self.recordPoint(knownAt, db: db)
      let published = publishedBy.map { ", as published by \($0)" } ?? ""
      var diff = PositionDiff(
        axis: .validTime,
        question:
          "What changed in the world for \(holder) between \(from) and \(to) (valid time, as known at \(point.description)\(published))",
        holder: holder, issues: issues, from: from, to: to, since: nil, knownAt: point,
        changes: changes, restated: restated.sorted { $0.issue < $1.issue },
        unchanged: unchanged)
      diff.publishedBy = publishedBy
      return diff
    }
  }

  /// The changes of a window's path, as `diff` and the brief show them: each on the slot asked
  /// for, with the positions it relates to (only those stated, and published, by `to`), in
  /// order.
  static func changes(
    of path: WindowPath, issues: [String], to: PartialDate, knownAt: KnownAt,
    publishedBy: PartialDate?, db: Database
  ) throws -> [PositionChange] {
    var changes = path.changes()
    // A position on several slots is shown on the slot asked for (its first, if several).
    for index in changes.indices where !issues.isEmpty && !issues.contains(changes[index].issue) {
      let position = changes[index].after ?? changes[index].before
      if let slot = position?.issues.first(where: issues.contains) { changes[index].issue = slot }
    }
    try attachRelations(
      &changes, knownAt: knownAt, statedBy: to.lastDay, publishedBy: publishedBy?.lastDay, db: db)
    return sorted(changes)
  }

  // MARK: - Shared with the record-time diff

  /// Names, for each change, the positions its own positions contradict, respond to or are
  /// conditional on, and those that do so to them (one query for all).
  ///
  /// With `statedBy` (a yyyymmdd day: the end of the window), only positions someone had stated
  /// by that day are named, and with `publishedBy` only those stated in a document published by
  /// then: a diff never names a position from after the question's day.
  static func attachRelations(
    _ changes: inout [PositionChange], knownAt: KnownAt, statedBy: Int? = nil,
    publishedBy: Int? = nil, db: Database
  ) throws {
    var owners: [String: [Int]] = [:]
    for (index, change) in changes.enumerated() {
      let ids = [change.before?.id, change.after?.id].compactMap { $0 } + change.through.map(\.id)
      for id in Set(ids) { owners[id, default: []].append(index) }
    }
    guard !owners.isEmpty else { return }
    let ids = owners.keys.sorted()
    let visible = RecordFilter.visible("r", at: knownAt)
    var stated: SQL = "1"
    if statedBy != nil || publishedBy != nil {
      let said: SQL = statedBy.map { "os.saidOn <= \($0)" } ?? "1"
      let published: SQL = publishedBy.map { publishedStatement("os.id", by: $0) } ?? "1"
      stated = """
        EXISTS (SELECT 1 FROM evidence oe JOIN statement os ON os.id = oe.statementId
                WHERE oe.positionId = o.id AND \(RecordFilter.visible("oe", at: knownAt))
                  AND \(said) AND \(published))
        """
    }
    let rows = try Row.fetchCursor(
      db,
      SQLRequest<Row>(
        literal: """
          SELECT r.fromPositionId, 'outgoing', r.kind, o.id, o.holderId, o.kind, o.proposition
          FROM positionRelation r JOIN position o ON o.id = r.toPositionId
          WHERE r.fromPositionId IN \(ids) AND r.kind <> 'supersedes' AND \(visible)
            AND \(stated)
          UNION ALL
          SELECT r.toPositionId, 'incoming', r.kind, o.id, o.holderId, o.kind, o.proposition
          FROM positionRelation r JOIN position o ON o.id = r.fromPositionId
          WHERE r.toPositionId IN \(ids) AND r.kind <> 'supersedes' AND \(visible)
            AND \(stated)
          ORDER BY 1, 2 DESC, 3, 4
          """, cached: true))
    while let row = try rows.next() {
      let relation = ChangeRelation(
        position: row[0], direction: row[1], kind: row[2], other: row[3], otherHolder: row[4],
        otherKind: row[5], otherProposition: row[6])
      for index in owners[relation.position] ?? [] { changes[index].related.append(relation) }
    }
  }

  /// How a position's interval ended, in words: "withdrawn on 2025-04-01 (per statement …)".
  static func endDescription(_ position: PositionSummary) -> String {
    guard let end = position.validTo else { return "no longer held" }
    let per = position.endedBy.map { ", per statement \($0)" } ?? ""
    switch position.endReason {
    case .withdrawn: return "withdrawn on \(end)\(per)"
    case .superseded:
      return "superseded on \(end) (\(position.statusReason ?? "superseded")\(per))"
    case .fulfilled: return "fulfilled on \(end)\(per)"
    case .expired:
      let term = position.term.map { " (its term ran out: \($0.description))" } ?? ""
      return "expired on \(end)\(term)\(per)"
    default: return "ended on \(end)"
    }
  }

  static func sorted(_ changes: [PositionChange]) -> [PositionChange] {
    let order = Dictionary(uniqueKeysWithValues: ChangeKind.allCases.enumerated().map { ($1, $0) })
    func key(_ change: PositionChange) -> (String, Int, String, String) {
      let first = change.steps.first?.on.description ?? ""
      let id = change.after?.id ?? change.before?.id ?? change.through.first?.id ?? ""
      return (change.issue, order[change.change]!, first, id)
    }
    return changes.sorted { key($0) < key($1) }
  }
}

extension PositionSummary {
  /// Keeps only the evidence said on or before `date` (the end of its period), in place.
  mutating func trimEvidence(through date: PartialDate) {
    let last = date.lastDay
    if evidence.contains(where: { $0.date.firstDay > last }) {
      evidence.removeAll { $0.date.firstDay > last }
    }
  }

  func trimmedEvidence(through date: PartialDate) -> PositionSummary {
    var copy = self
    copy.evidence = evidence.filter { $0.date.firstDay <= date.lastDay }
    return copy
  }
}
