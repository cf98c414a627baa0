import GRDB

/// A holder's positions inside a valid-time window, linked into chains of supersession: what
/// ``ParleyStore/diff(holder:issues:from:to:knownAt:showRestatements:)`` reports.
struct WindowPath {
  let from: PartialDate
  let to: PartialDate
  /// Held on the first day, with evidence up to it.
  var before: [PositionSummary]
  /// Held on the last day, with evidence up to it.
  var after: [PositionSummary]
  /// Taken up and ended inside the window, with evidence up to its end.
  var inside: [PositionSummary]
  /// `successor[old] = new` for every `supersedes` relation between these positions.
  var successor: [String: String]
  var predecessors: [String: [String]]
  var beforeIds: Set<String> { Set(before.map(\.id)) }

  /// Reads the path; with `restatements` off, positions held at both ends and on no chain are
  /// read without their details (the brief counts them, it does not list their restatements).
  static func read(
    holder: String, issues: [String], from: PartialDate, to: PartialDate, knownAt: KnownAt,
    publishedBy: PartialDate? = nil, includeMachineCoded: Bool = false, restatements: Bool = true,
    db: Database
  ) throws -> WindowPath {
    var base = PositionFilter(
      holders: [holder], issues: issues, knownAt: knownAt,
      includeMachineCoded: includeMachineCoded)
    base.showsLaterFacts = true
    base.publishedBy = publishedBy
    let cutoff = publishedBy?.lastDay
    var atEnd = base
    atEnd.asOf = to
    var atStart = base
    atStart.asOf = from
    // Every end and the window are read without details first: a position held at both ends is
    // unchanged unless a chain runs through it, so only its restatements need its evidence.
    var after = try ParleyStore.positions(atEnd, details: false, db: db)
    var before = try ParleyStore.positions(atStart, details: false, db: db)
    let startIds = Set(before.map(\.id))
    let endIds = Set(after.map(\.id))

    // Taken up inside the window and over by its end.
    var window = base
    window.startingWithin = DayWindow(after: from.lastDay, through: to.lastDay)
    window.referenceDay = to.lastDay
    var inside = try ParleyStore.positions(window, details: false, db: db)
      .filter { !endIds.contains($0.id) && ($0.validTo.map { $0.firstDay <= to.lastDay } ?? false) }

    // Supersession links into and out of the window.
    let newer = after.map(\.id).filter { !startIds.contains($0) } + inside.map(\.id)
    var links = try ParleyStore.directPredecessors(of: newer, knownAt: knownAt, db: db)
    let linked = Set(links.keys).union(links.values.joined())
    let unchanged = after.map(\.id).filter { startIds.contains($0) && !linked.contains($0) }
    var restated = Set<String>()
    if restatements && !unchanged.isEmpty {
      for (id, dates) in try ParleyStore.supportDates(of: unchanged, filter: atEnd, db: db)
      where dates.contains(where: { $0.firstDay > from.lastDay && $0.firstDay <= to.lastDay }) {
        restated.insert(id)
      }
    }
    let plain = Set(unchanged).subtracting(restated)
    var detailed = after.filter { !plain.contains($0.id) }
    try ParleyStore.attachDetails(
      &detailed, through: to.lastDay, knownAt: knownAt, publishedBy: cutoff, db: db)
    let detailedById = Dictionary(uniqueKeysWithValues: detailed.map { ($0.id, $0) })
    for index in after.indices {
      if let full = detailedById[after[index].id] { after[index] = full }
      after[index].trimEvidence(through: to)
    }
    // A position held at both ends is the same record at both: its details are read once.
    let afterById = Dictionary(uniqueKeysWithValues: after.map { ($0.id, $0) })
    var unread: [PositionSummary] = []
    for index in before.indices {
      if let known = afterById[before[index].id] {
        var copy = known
        copy.status = before[index].status
        before[index] = copy
      } else {
        unread.append(before[index])
      }
    }
    try ParleyStore.attachDetails(
      &unread, through: from.lastDay, knownAt: knownAt, publishedBy: cutoff, db: db)
    let read = Dictionary(uniqueKeysWithValues: unread.map { ($0.id, $0) })
    for index in before.indices {
      if let fetched = read[before[index].id] { before[index] = fetched }
      before[index].trimEvidence(through: from)
    }
    var known = Set(before.map(\.id)).union(after.map(\.id)).union(inside.map(\.id))

    // A predecessor outside the issues asked for (a broader or narrower slot) joins the path
    // when it was held inside the window.
    let missing = Set(links.flatMap(\.value)).subtracting(known).sorted()
    if !missing.isEmpty {
      var byId = PositionFilter(
        knownAt: knownAt, publishedBy: publishedBy, includeMachineCoded: includeMachineCoded)
      byId.referenceDay = to.lastDay
      var heldAtStart: [PositionSummary] = []
      for position in try ParleyStore.positions(byId, ids: missing, details: false, db: db) {
        let start = position.validFrom.firstDay
        let end = position.validTo?.firstDay
        if start <= from.lastDay && (end.map { $0 > from.lastDay } ?? true) {
          var held = position
          held.status = .active
          heldAtStart.append(held)
        } else if start > from.lastDay && start <= to.lastDay {
          inside.append(position)
        } else {
          continue
        }
        known.insert(position.id)
      }
      try ParleyStore.attachDetails(
        &heldAtStart, through: from.lastDay, knownAt: knownAt, publishedBy: cutoff, db: db)
      for index in heldAtStart.indices { heldAtStart[index].trimEvidence(through: from) }
      before += heldAtStart
    }
    try ParleyStore.attachDetails(
      &inside, through: to.lastDay, knownAt: knownAt, publishedBy: cutoff, db: db)
    for index in inside.indices { inside[index].trimEvidence(through: to) }

    var successor: [String: String] = [:]
    var predecessors: [String: [String]] = [:]
    for (new, olds) in links.sorted(by: { $0.key < $1.key }) {
      for old in olds where known.contains(old) && known.contains(new) {
        predecessors[new, default: []].append(old)
        if successor[old] == nil { successor[old] = new }
      }
    }
    links.removeAll()
    return WindowPath(
      from: from, to: to, before: before, after: after, inside: inside, successor: successor,
      predecessors: predecessors)
  }

  /// The changes along the path: one per chain, then ended and later positions of the same
  /// slot and key paired.
  func changes() -> [PositionChange] {
    let beforeIds = self.beforeIds
    let afterIds = Set(after.map(\.id))
    var byId: [String: PositionSummary] = [:]
    for position in inside { byId[position.id] = position }
    for position in after { byId[position.id] = position }
    for position in before where !afterIds.contains(position.id) { byId[position.id] = position }

    var visited: Set<String> = []
    var changes: [PositionChange] = []
    var loneDropped: [PositionChange] = []
    var loneAdded: [PositionChange] = []
    // Roots: positions no other position here supersedes, oldest first.
    let roots = byId.values
      .filter {
        predecessors[$0.id] == nil && !(beforeIds.contains($0.id) && afterIds.contains($0.id))
      }
      .sorted { ($0.validFrom.firstDay, $0.id) < ($1.validFrom.firstDay, $1.id) }
    for root in roots where !visited.contains(root.id) {
      var chain = [root]
      visited.insert(root.id)
      var merged = false
      while let next = successor[chain.last!.id], let position = byId[next] {
        chain.append(position)
        if !visited.insert(next).inserted {
          merged = true
          break
        }
      }
      let change = self.change(
        along: chain, beforeIds: beforeIds, afterIds: afterIds, merged: merged)
      if chain.count == 1 && change.change == .dropped {
        loneDropped.append(change)
      } else if chain.count == 1 && change.change == .added {
        loneAdded.append(change)
      } else {
        changes.append(change)
      }
    }
    // A position that ended and a later one on the same slot with the same key: one change.
    for dropped in loneDropped {
      guard let old = dropped.before,
        let index = loneAdded.firstIndex(where: {
          $0.after!.issue == old.issue && $0.after!.propositionKey == old.propositionKey
        })
      else {
        changes.append(dropped)
        continue
      }
      let new = loneAdded.remove(at: index).after!
      var (kind, details) = ChangeClassifier.classify(from: old, to: new)
      if let end = old.validTo, end != new.validFrom {
        details.append(ParleyStore.endDescription(old))
      }
      var change = PositionChange(
        issue: new.issue, change: kind, details: details, before: old, after: new)
      change.steps = [
        DiffStep(on: new.validFrom, from: old.id, to: new.id, change: kind, details: details)
      ]
      changes.append(change)
    }
    return changes + loneAdded
  }

  /// The change along one chain of positions, oldest first.
  private func change(
    along chain: [PositionSummary], beforeIds: Set<String>, afterIds: Set<String>, merged: Bool
  ) -> PositionChange {
    let first = chain.first!
    let last = chain.last!
    let startsHeld = beforeIds.contains(first.id)
    let endsHeld = afterIds.contains(last.id) && !merged
    var steps: [DiffStep] = []
    if !startsHeld {
      steps.append(
        DiffStep(
          on: first.validFrom, from: nil, to: first.id, change: .added, details: ["taken up"]))
    }
    for (old, new) in zip(chain, chain.dropFirst()) {
      let (kind, details) = ChangeClassifier.classify(from: old, to: new)
      steps.append(
        DiffStep(on: new.validFrom, from: old.id, to: new.id, change: kind, details: details))
    }
    if !afterIds.contains(last.id), let end = last.validTo {
      steps.append(
        DiffStep(
          on: end, from: last.id, to: nil, change: .dropped,
          details: [ParleyStore.endDescription(last)]))
    }
    let kind: ChangeKind
    var details: [String]
    switch (startsHeld, endsHeld) {
    case (true, true):
      (kind, details) = ChangeClassifier.classify(from: first, to: last)
    case (true, false):
      kind = .dropped
      details = [ParleyStore.endDescription(last)]
    case (false, true) where chain.count > 1:
      // Nothing was held at the start, but the path is a change all the same: from its first
      // position (taken up inside the window) to its last.
      (kind, details) = ChangeClassifier.classify(from: first, to: last)
      details.append(
        "the earlier position was itself taken up on \(first.validFrom), after \(from)")
    case (false, true):
      kind = .added
      details = []
    case (false, false):
      kind = .cameAndWent
      details = ["taken up on \(first.validFrom), \(ParleyStore.endDescription(last))"]
    }
    if chain.count > 2 || (chain.count == 2 && !(startsHeld && endsHeld)) {
      details.append("\(steps.count) steps")
    }
    let middle = chain.filter {
      !((startsHeld || (endsHeld && chain.count > 1)) && $0.id == first.id)
        && !(endsHeld && $0.id == last.id)
    }
    let shownBefore = startsHeld || (endsHeld && chain.count > 1)
    var change = PositionChange(
      issue: (endsHeld ? last : first).issue, change: kind, details: details,
      before: shownBefore ? first : nil, after: endsHeld ? last : nil)
    change.steps = steps
    change.through = middle
    return change
  }
}

extension ParleyStore {
  /// The days each position's supporting evidence was said on, in the evidence's own order
  /// (``attachDetails(_:through:knownAt:publishedBy:optional:db:)``), up to the filter's as-of
  /// day when it has one, read without the statements' documents and speakers.
  static func supportDates(
    of ids: [String], filter: PositionFilter, db: Database
  ) throws -> [String: [PartialDate]] {
    var result: [String: [PartialDate]] = [:]
    let supporting = supportingEvidence(filter)
    let last = filter.asOf?.lastDay
    for chunkStart in stride(from: 0, to: ids.count, by: 500) {
      let chunk = Array(ids[chunkStart..<min(chunkStart + 500, ids.count)])
      let rows = try Row.fetchCursor(
        db,
        SQLRequest<Row>(
          literal: """
            SELECT e.positionId, s.saidOn, s.saidPrecision
            FROM evidence e JOIN statement s ON s.id = e.statementId
            WHERE e.positionId IN \(chunk) AND \(supporting)
            ORDER BY e.positionId, s.saidOn, s.id
            """, cached: true))
      while let row = try rows.next() {
        let date = PartialDate(storedValue: row[1], precision: row[2])
        if let last, date.firstDay > last { continue }
        result[row[0], default: []].append(date)
      }
    }
    return result
  }

  /// Supporting evidence (`e`) of statements (`s`) as the filter sees them: visible at its record
  /// point and, with `publishedBy`, published by then.
  static func supportingEvidence(_ filter: PositionFilter) -> SQL {
    let published: SQL =
      filter.publishedBy.map { publishedStatement("s.id", by: $0.lastDay) } ?? "1"
    return """
      e.role = 'supports' AND \(RecordFilter.visible("e", at: filter.knownAt))
        AND \(RecordFilter.visible("s", at: filter.knownAt)) AND \(published)
      """
  }

  /// Each position's last supporting date (the last of ``supportDates(of:filter:db:)``), found
  /// by SQLite: one row per position instead of one per piece of evidence.
  static func lastSupportDates(
    of ids: [String], filter: PositionFilter, db: Database
  ) throws -> [String: PartialDate] {
    var result: [String: PartialDate] = [:]
    let supporting = supportingEvidence(filter)
    let saidBy: SQL = filter.asOf.map { day -> SQL in "s.saidOn <= \(day.lastDay)" } ?? "1"
    for chunkStart in stride(from: 0, to: ids.count, by: 500) {
      let chunk = Array(ids[chunkStart..<min(chunkStart + 500, ids.count)])
      // The last in the order `supportDates` reads them: by day, then by statement id.
      let rows = try Row.fetchCursor(
        db,
        SQLRequest<Row>(
          literal: """
            SELECT positionId, saidOn, saidPrecision FROM (
              SELECT e.positionId, s.saidOn, s.saidPrecision, ROW_NUMBER() OVER (
                PARTITION BY e.positionId ORDER BY s.saidOn DESC, s.id DESC) AS newest
              FROM evidence e JOIN statement s ON s.id = e.statementId
              WHERE e.positionId IN \(chunk) AND \(supporting) AND \(saidBy))
            WHERE newest = 1
            """, cached: true))
      while let row = try rows.next() {
        result[row[0]] = PartialDate(storedValue: row[1], precision: row[2])
      }
    }
    return result
  }

  /// For each position, the positions it directly supersedes (one query for all).
  static func directPredecessors(of ids: [String], knownAt: KnownAt, db: Database) throws
    -> [String: [String]]
  {
    guard !ids.isEmpty else { return [:] }
    var result: [String: [String]] = [:]
    let visible = RecordFilter.visible("r", at: knownAt)
    for chunkStart in stride(from: 0, to: ids.count, by: 500) {
      let chunk = Array(ids[chunkStart..<min(chunkStart + 500, ids.count)])
      let rows = try Row.fetchCursor(
        db,
        SQLRequest<Row>(
          literal: """
            SELECT r.fromPositionId, r.toPositionId FROM positionRelation r
            WHERE r.fromPositionId IN \(chunk) AND r.kind = 'supersedes' AND \(visible)
            ORDER BY 1, 2
            """, cached: true))
      while let row = try rows.next() { result[row[0], default: []].append(row[1]) }
    }
    return result
  }
}
