import GRDB

extension ParleyStore {
  /// What the store learned about `holder` since revision `since` (record time): positions recorded
  /// since; positions it learned ended (withdrawn, expired, fulfilled, superseded) or whose
  /// interval moved; and, for positions it already had, new third-party evidence (corroborates,
  /// disputes, no-comment), new relations and new outcomes.
  ///
  /// Restatements recorded since are listed, dated, with their speakers.
  public func learnedSince(
    holder: String, issues: [String] = [], since: Int64, showRestatements: Bool = false,
    includeMachineCoded: Bool = false
  ) throws -> PositionDiff {
    try reader.read { db in
      var base = PositionFilter(
        holders: [holder], issues: issues, includeDeprecated: true,
        includeMachineCoded: includeMachineCoded)
      base.referenceDay = PartialDate.today(clock()).firstDay
      var thenFilter = base
      thenFilter.knownAt = .revision(since)
      let then = Dictionary(
        uniqueKeysWithValues: try Self.positions(thenFilter, db: db).map { ($0.id, $0) })
      let now = try Self.positions(base, db: db)
      let newRelations = try Self.relationsRecorded(
        after: since, touching: now.map(\.id), db: db)
      var changes: [PositionChange] = []
      var restated: [Restatement] = []
      var unchanged = 0
      for position in now {
        guard let old = then[position.id] else {
          var change = PositionChange(
            issue: position.issue, change: .added,
            details: ["recorded in r\(position.recordedIn)", "held since \(position.validFrom)"]
              + (position.validTo != nil ? [Self.endDescription(position)] : []),
            before: nil, after: position)
          change.steps = [
            DiffStep(
              on: position.validFrom, from: nil, to: position.id, change: .added, details: [])
          ]
          changes.append(change)
          continue
        }
        let newEvidence = position.evidence.filter { $0.recordedIn > since }
        if let change = Self.learnedChange(from: old, to: position, since: since) {
          changes.append(change)
        } else {
          var learned = newEvidence.filter { $0.role != .supports }.map {
            "\($0.role.rawValue) by \($0.onBehalfOf) on \($0.date) (\($0.statement))"
          }
          learned += (newRelations[position.id] ?? []).map { "new relation: \($0.line)" }
          if let outcome = position.outcome, outcome.recordedIn > since {
            learned.append(
              "outcome: \(outcome.outcome.rawValue) on \(outcome.on)"
                + (outcome.statement.map { " (\($0))" } ?? ""))
          }
          if learned.isEmpty {
            unchanged += 1
          } else {
            changes.append(
              PositionChange(
                issue: position.issue, change: .newEvidence, details: learned, before: old,
                after: position))
          }
        }
        let restatements = newEvidence.filter { $0.role == .supports }
        if !restatements.isEmpty {
          restated.append(
            Restatement(
              position: position.id, issue: position.issue, proposition: position.proposition,
              count: restatements.count, evidence: showRestatements ? restatements : [],
              statements: restatements.map(RestatementLine.init)))
        }
      }
      try Self.attachRelations(&changes, knownAt: .latest, db: db)
      let sincePoint = try Self.recordPoint(.revision(since), db: db)
      let nowPoint = try Self.recordPoint(.latest, db: db)
      return PositionDiff(
        axis: .recordTime,
        question:
          "What the store learned about \(holder) since \(sincePoint.description) (record time, up to \(nowPoint.description))",
        holder: holder, issues: issues, from: nil, to: nil, since: sincePoint, knownAt: nowPoint,
        changes: Self.sorted(changes), restated: restated.sorted { $0.issue < $1.issue },
        unchanged: unchanged)
    }
  }

  /// A known position whose interval or status the store changed since: it ended ("withdrawn on …",
  /// "expired on …"), was deprecated, or its dates moved.
  ///
  /// Nil when neither changed.
  private static func learnedChange(
    from old: PositionSummary, to new: PositionSummary, since: Int64
  ) -> PositionChange? {
    guard new.versionRecordedIn > since else { return nil }
    let sameEnd = old.validTo == new.validTo && old.endReason == new.endReason
    let deprecated = new.status == .deprecated && old.status != .deprecated
    guard !sameEnd || old.validFrom != new.validFrom || deprecated else { return nil }
    var details: [String] = []
    var kind: ChangeKind = .changed
    if deprecated {
      kind = .dropped
      details.append("deprecated: \(new.statusReason ?? "marked wrong")")
    } else if old.validTo == nil, new.validTo != nil {
      kind = .ended
      details.append(endDescription(new))
    } else if let scheduled = old.validTo, old.endReason == .expired, new.validTo != nil,
      new.endReason != .expired
    {
      // A term's scheduled end, brought forward by what really happened.
      kind = .ended
      details.append(endDescription(new))
      details.append("before its scheduled end on \(scheduled)")
    } else if !sameEnd {
      let was = old.validTo == nil ? "open" : endDescription(old)
      let now = new.validTo == nil ? "open" : endDescription(new)
      details.append("end: \(was) → \(now)")
    }
    if old.validFrom != new.validFrom {
      details.append("held from: \(old.validFrom) → \(new.validFrom)")
    }
    var change = PositionChange(
      issue: new.issue, change: kind, details: details, before: old, after: new)
    if kind == .ended, let end = new.validTo {
      change.steps = [DiffStep(on: end, from: new.id, to: nil, change: .dropped, details: details)]
    }
    return change
  }

  /// Relations (other than supersession) recorded after revision `since` that touch one of the
  /// positions, keyed by that position.
  private static func relationsRecorded(
    after since: Int64, touching ids: [String], db: Database
  ) throws -> [String: [ChangeRelation]] {
    guard !ids.isEmpty else { return [:] }
    var result: [String: [ChangeRelation]] = [:]
    for chunkStart in stride(from: 0, to: ids.count, by: 500) {
      let chunk = Array(ids[chunkStart..<min(chunkStart + 500, ids.count)])
      let rows = try Row.fetchCursor(
        db,
        SQLRequest<Row>(
          literal: """
            SELECT r.fromPositionId, 'outgoing', r.kind, o.id, o.holderId, o.kind, o.proposition
            FROM positionRelation r JOIN position o ON o.id = r.toPositionId
            WHERE r.fromPositionId IN \(chunk) AND r.kind <> 'supersedes'
              AND r.recordedIn > \(since) AND r.retiredIn IS NULL
            UNION ALL
            SELECT r.toPositionId, 'incoming', r.kind, o.id, o.holderId, o.kind, o.proposition
            FROM positionRelation r JOIN position o ON o.id = r.fromPositionId
            WHERE r.toPositionId IN \(chunk) AND r.kind <> 'supersedes'
              AND r.recordedIn > \(since) AND r.retiredIn IS NULL
            ORDER BY 1, 2 DESC, 3, 4
            """, cached: true))
      while let row = try rows.next() {
        let relation = ChangeRelation(
          position: row[0], direction: row[1], kind: row[2], other: row[3],
          otherHolder: row[4], otherKind: row[5], otherProposition: row[6])
        result[relation.position, default: []].append(relation)
      }
    }
    return result
  }
}
