import GRDB

extension ParleyStore {
  /// What changed in the world for `holder` between two dates (valid time), slot by slot.
  ///
  /// The positions held on `from` are paired with those held on `to`: the same position
  /// (unchanged; restatements in between are counted), a successor through `supersedes`
  /// relations, or a position on the same issue with the same proposition key. What pairs up is
  /// changed, hardened, softened, or had a condition added or removed; what does not is added or
  /// dropped. Each side carries the evidence known for it at its own end.
  public func diff(
    holder: String, issues: [String] = [], from: PartialDate, to: PartialDate,
    knownAt: KnownAt = .latest, showRestatements: Bool = false
  ) throws -> PositionDiff {
    try reader.read { db in
      let base = PositionFilter(holders: [holder], issues: issues, knownAt: knownAt)
      var atStart = base
      atStart.asOf = from
      var atEnd = base
      atEnd.asOf = to
      var after = try Self.positions(atEnd, db: db)
      for index in after.indices { after[index].trimEvidence(through: to) }
      // A position held at both ends is the same record at both: its details are read once.
      let afterById = Dictionary(uniqueKeysWithValues: after.map { ($0.id, $0) })
      var before = try Self.positions(atStart, details: false, db: db)
      var unread: [PositionSummary] = []
      for index in before.indices {
        if let known = afterById[before[index].id] {
          before[index].target = known.target
          before[index].conditions = known.conditions
          before[index].evidence = known.evidence
        } else {
          unread.append(before[index])
        }
      }
      try Self.attachDetails(&unread, knownAt: knownAt, db: db)
      let read = Dictionary(uniqueKeysWithValues: unread.map { ($0.id, $0) })
      for index in before.indices {
        if let fetched = read[before[index].id] { before[index] = fetched }
        before[index].trimEvidence(through: from)
      }

      let beforeIds = Set(before.map(\.id))
      let afterIds = Set(after.map(\.id))
      var changes: [PositionChange] = []
      var restated: [Restatement] = []
      var unchanged = 0
      for position in after where beforeIds.contains(position.id) {
        unchanged += 1
        let isRestatement = { (item: EvidenceItem) in
          item.role == .supports && item.date.firstDay > from.lastDay
        }
        // Counted without copying the evidence unless it is to be listed.
        let count = position.evidence.reduce(0) { $0 + (isRestatement($1) ? 1 : 0) }
        if count > 0 {
          restated.append(
            Restatement(
              position: position.id, issue: position.issue, proposition: position.proposition,
              count: count,
              evidence: showRestatements ? position.evidence.filter(isRestatement) : []))
        }
      }

      var remainingBefore = before.filter { !afterIds.contains($0.id) }
      var remainingAfter = after.filter { !beforeIds.contains($0.id) }
      let predecessors = try Self.supersededChains(
        of: remainingAfter.map(\.id), knownAt: knownAt, db: db)
      // Pair successors with what they supersede, then same-slot positions with the same key.
      for matchesSlot in [
        { (old: PositionSummary, new: PositionSummary) in
          predecessors[new.id, default: []].contains(old.id)
        },
        { (old: PositionSummary, new: PositionSummary) in
          old.issue == new.issue && old.propositionKey == new.propositionKey
        },
      ] {
        for new in remainingAfter {
          guard let index = remainingBefore.firstIndex(where: { matchesSlot($0, new) }) else {
            continue
          }
          let old = remainingBefore.remove(at: index)
          remainingAfter.removeAll { $0.id == new.id }
          let (kind, details) = Self.classify(from: old, to: new)
          changes.append(
            PositionChange(
              issue: new.issue, change: kind, details: details, before: old, after: new))
        }
      }
      // Positions that began and ended inside the window: a successor held at the end is a
      // change from the nearest of them it supersedes.
      var transientFilter = base
      transientFilter.asOf = nil
      transientFilter.startingWithin = DayWindow(after: from.lastDay, through: to.lastDay)
      // Details (evidence above all) are read only for the ones that pair with a successor.
      let transient = try Self.positions(transientFilter, details: false, db: db)
        .filter { position in position.validTo.map { $0.firstDay <= to.lastDay } ?? false }
      let transientById = Dictionary(uniqueKeysWithValues: transient.map { ($0.id, $0) })
      var pairs: [(new: PositionSummary, old: PositionSummary)] = []
      for new in remainingAfter {
        guard
          let nearest = predecessors[new.id, default: []].first(where: { transientById[$0] != nil }
          ),
          let old = transientById[nearest]
        else { continue }
        pairs.append((new, old))
      }
      var olds = pairs.map(\.old)
      try Self.attachDetails(&olds, knownAt: knownAt, db: db)
      for index in olds.indices { olds[index].trimEvidence(through: to) }
      for (pair, old) in zip(pairs, olds) {
        let new = pair.new
        remainingAfter.removeAll { $0.id == new.id }
        var (kind, details) = Self.classify(from: old, to: new)
        details.append(
          "the earlier position was itself taken up on \(old.validFrom), after \(from)")
        changes.append(
          PositionChange(issue: new.issue, change: kind, details: details, before: old, after: new))
      }
      for old in remainingBefore {
        changes.append(
          PositionChange(
            issue: old.issue, change: .dropped, details: [Self.endDescription(old)], before: old,
            after: nil))
      }
      for new in remainingAfter {
        changes.append(
          PositionChange(
            issue: new.issue, change: .added, details: [],
            before: nil, after: new))
      }
      let point = try Self.recordPoint(knownAt, db: db)
      return PositionDiff(
        axis: .validTime,
        question:
          "What changed in the world for \(holder) between \(from) and \(to) (valid time, as known at \(point.description))",
        holder: holder, issues: issues, from: from, to: to, since: nil, knownAt: point,
        changes: Self.sorted(changes), restated: restated.sorted { $0.issue < $1.issue },
        unchanged: unchanged)
    }
  }

  /// What the store learned about `holder` since revision `since` (record time): positions
  /// recorded since, positions whose interval or status was changed since, and new evidence.
  public func learnedSince(
    holder: String, issues: [String] = [], since: Int64, showRestatements: Bool = false
  ) throws -> PositionDiff {
    try reader.read { db in
      let base = PositionFilter(holders: [holder], issues: issues, includeDeprecated: true)
      var thenFilter = base
      thenFilter.knownAt = .revision(since)
      let then = Dictionary(
        uniqueKeysWithValues: try Self.positions(thenFilter, db: db).map { ($0.id, $0) })
      let now = try Self.positions(base, db: db)
      var changes: [PositionChange] = []
      var restated: [Restatement] = []
      var unchanged = 0
      for position in now {
        guard let old = then[position.id] else {
          changes.append(
            PositionChange(
              issue: position.issue, change: .added,
              details: [
                "recorded in r\(position.recordedIn)", "held since \(position.validFrom)",
              ], before: nil, after: position))
          continue
        }
        var details: [String] = []
        if old.status != position.status {
          details.append("status: \(old.status.rawValue) → \(position.status.rawValue)")
        }
        if old.validTo != position.validTo {
          details.append(
            "held until: \(old.validTo?.description ?? "open") → \(position.validTo?.description ?? "open")"
          )
        }
        if old.validFrom != position.validFrom {
          details.append("held from: \(old.validFrom) → \(position.validFrom)")
        }
        if old.statusReason != position.statusReason, let reason = position.statusReason {
          details.append("reason: \(reason)")
        }
        let newEvidence = position.evidence.filter { $0.recordedIn > since }
        let thirdParty = newEvidence.filter { $0.role != .supports }
        if !details.isEmpty {
          let kind: ChangeKind = position.status == .deprecated ? .dropped : .changed
          changes.append(
            PositionChange(
              issue: position.issue, change: kind, details: details, before: old, after: position))
        } else if !thirdParty.isEmpty {
          changes.append(
            PositionChange(
              issue: position.issue, change: .newEvidence,
              details: thirdParty.map {
                "\($0.role.rawValue) by \($0.onBehalfOf) (\($0.statement))"
              },
              before: old, after: position))
        } else {
          unchanged += 1
        }
        let restatements = newEvidence.filter { $0.role == .supports }
        if !restatements.isEmpty {
          restated.append(
            Restatement(
              position: position.id, issue: position.issue, proposition: position.proposition,
              count: restatements.count, evidence: showRestatements ? restatements : []))
        }
      }
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

  // MARK: - Private

  /// For each position, every position it supersedes directly or through a chain, nearest first.
  ///
  /// One recursive query for all of them (breadth first, at most 20 steps), rather than a query
  /// per position and step.
  private static func supersededChains(of ids: [String], knownAt: KnownAt, db: Database) throws
    -> [String: [String]]
  {
    guard !ids.isEmpty else { return [:] }
    let visible = RecordFilter.visible("r", at: knownAt)
    let rows = try Row.fetchCursor(
      db,
      SQLRequest<Row>(
        literal: """
          WITH RECURSIVE chain(start, id, depth) AS (
            SELECT r.fromPositionId, r.toPositionId, 1 FROM positionRelation r
            WHERE r.fromPositionId IN \(ids) AND r.kind = 'supersedes' AND \(visible)
            UNION
            SELECT chain.start, r.toPositionId, chain.depth + 1
            FROM chain JOIN positionRelation r
              ON r.fromPositionId = chain.id AND r.kind = 'supersedes' AND \(visible)
            WHERE chain.depth < 20
          )
          SELECT start, id FROM chain ORDER BY start, depth, id
          """, cached: true))
    var result: [String: [String]] = [:]
    var seen: Set<[String]> = []
    while let row = try rows.next() {
      let start: String = row[0]
      let id: String = row[1]
      if id != start && seen.insert([start, id]).inserted { result[start, default: []].append(id) }
    }
    for id in ids where result[id] == nil { result[id] = [] }
    return result
  }

  /// The change between a position and its successor on the same slot, and every aspect of it.
  static func classify(from old: PositionSummary, to new: PositionSummary) -> (
    ChangeKind, [String]
  ) {
    var details: [String] = []
    if old.kind != new.kind { details.append("kind: \(old.kind.rawValue) → \(new.kind.rawValue)") }
    if old.modality != new.modality {
      details.append("modality: \(old.modality.rawValue) → \(new.modality.rawValue)")
    }
    if old.polarity != new.polarity {
      details.append("polarity: \(old.polarity.rawValue) → \(new.polarity.rawValue)")
    }
    if old.propositionKey != new.propositionKey || old.proposition != new.proposition {
      details.append("proposition: “\(old.proposition)” → “\(new.proposition)”")
    }
    let addedTargets = Set(new.target).subtracting(old.target).sorted()
    let removedTargets = Set(old.target).subtracting(new.target).sorted()
    if !addedTargets.isEmpty || !removedTargets.isEmpty {
      let parts = addedTargets.map { "+\($0)" } + removedTargets.map { "−\($0)" }
      details.append("target: \(parts.joined(separator: " "))")
    }
    let addedConditions = new.conditions.filter { !old.conditions.contains($0) }
    let removedConditions = old.conditions.filter { !new.conditions.contains($0) }
    details += addedConditions.map { "condition added: \($0)" }
    details += removedConditions.map { "condition removed: \($0)" }

    let reversed = old.kind.isNegative != new.kind.isNegative || old.polarity != new.polarity
    if reversed {
      details.insert("reversal", at: 0)
      return (.changed, details)
    }
    if let before = StanceStrength(kind: old.kind, modality: old.modality),
      let after = StanceStrength(kind: new.kind, modality: new.modality), before != after
    {
      return (after > before ? .hardened : .softened, details)
    }
    if !addedConditions.isEmpty && removedConditions.isEmpty
      && details.count == addedConditions.count
    {
      return (.conditionAdded, details)
    }
    if !removedConditions.isEmpty && addedConditions.isEmpty
      && details.count == removedConditions.count
    {
      return (.conditionRemoved, details)
    }
    return (.changed, details.isEmpty ? ["restated in other words"] : details)
  }

  private static func endDescription(_ position: PositionSummary) -> String {
    guard let end = position.validTo else { return "no longer held" }
    switch position.status {
    case .withdrawn: return "withdrawn on \(end)"
    case .superseded: return "ended on \(end) (\(position.statusReason ?? "superseded"))"
    default: return "ended on \(end)"
    }
  }

  private static func sorted(_ changes: [PositionChange]) -> [PositionChange] {
    let order = Dictionary(uniqueKeysWithValues: ChangeKind.allCases.enumerated().map { ($1, $0) })
    return changes.sorted {
      ($0.issue, order[$0.change]!, $0.after?.id ?? $0.before?.id ?? "")
        < ($1.issue, order[$1.change]!, $1.after?.id ?? $1.before?.id ?? "")
    }
  }
}

extension PositionSummary {
  /// The position with only the evidence said on or before `date` (the end of its period).
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
