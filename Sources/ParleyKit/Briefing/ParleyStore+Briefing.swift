import Foundation
import GRDB

extension ParleyStore {
  /// Builds the briefing feed for `asOf`, as known at `knownAt`.
  ///
  /// - Parameters:
  ///   - parties: the parties to brief on; by default every state, organisation, government
  ///     body or person holding a position on the as-of day (analysts' and media's claims
  ///     appear among the contested claims).
  ///   - since: count world changes from the start of this day (the state on the day before is
  ///     compared with the as-of day), so a change made on `since` itself is included.
  ///   - knownSince: list what the store learned after this revision (record time).
  public func briefing(
    asOf: PartialDate, knownAt: KnownAt = .latest, since: PartialDate? = nil,
    knownSince: Int64? = nil, parties requested: [String] = [], publishedBy: PartialDate? = nil,
    includeMachineCoded: Bool = false, focus: BriefFocus = .focused,
    generator: String = "parley \(ParleyStore.toolVersion)"
  ) throws -> Briefing {
    // Asked for named parties, only their positions are read. Standings are read without their
    // evidence (a focused brief keeps a few of them): only each one's last supporting date, for
    // staleness; the kept ones get their details once the focus has chosen them.
    let heldFilter = PositionFilter(
      holders: requested, asOf: asOf, knownAt: knownAt, publishedBy: publishedBy,
      includeMachineCoded: includeMachineCoded)
    let (held, lastStated) = try reader.read { db in
      let held = try Self.positions(heldFilter, details: false, db: db)
      // Only a position not stated within the stale limit can be stale: those stated since are
      // found from the statements of those days, and only the others' last dates are read.
      let recent = try Self.supportedSince(
        CivilDate(
          daysSince1970: CivilDate(yyyymmdd: asOf.lastDay).daysSince1970
            - focus.staleAfterDays
        ).yyyymmdd,
        filter: heldFilter, speakingFor: requested, db: db)
      let candidates = held.map(\.id).filter { !recent.contains($0) }
      return (held, try Self.lastSupportDates(of: candidates, filter: heldFilter, db: db))
    }
    let partyRecords = try reader.read { db in
      try Party.fetchAll(db).reduce(into: [String: Party]()) { $0[$1.id] = $1 }
    }
    var partyIds = requested
    if partyIds.isEmpty {
      // A joint position counts for each of its holders.
      let counts = Dictionary(grouping: held.flatMap(\.holders), by: { $0 }).mapValues(\.count)
      // A part of a listed party (a ministry of a state) is briefed under that party, which
      // reads its parts' positions: listed on its own as well, it would say everything twice.
      let holders = Set(counts.keys)
      let parents = partyRecords.compactMapValues(\.parentId)
      func hasListedAncestor(_ id: String) -> Bool {
        Self.ancestors(of: id, parents: parents).contains(where: holders.contains)
      }
      partyIds = counts.keys
        .filter { ![.analyst, .media].contains(partyRecords[$0]?.kind) }
        .filter { !hasListedAncestor($0) }
        .sorted { (counts[$0]!, $1) > (counts[$1]!, $0) }
    }
    var briefParties: [BriefParty] = []
    var worldChanges: [BriefChange] = []
    var learned: [BriefChange] = []
    // Each held position's index under each of its holders, so that a party's positions are
    // found without going through every position once per party.
    var heldIndexes: [String: [Int]] = [:]
    for (index, position) in held.enumerated() {
      for holder in Set(position.holders) { heldIndexes[holder, default: []].append(index) }
    }
    for id in partyIds {
      let parts = try reader.read { db in try Self.partyWithParts(id, db: db) }
      let own = Set(parts.flatMap { heldIndexes[$0] ?? [] }).sorted().map { held[$0] }
      briefParties.append(
        BriefParty(
          id: id, name: partyRecords[id]?.name ?? id, kind: partyRecords[id]?.kind ?? .state,
          positions: own.map(BriefPosition.init)))
      if let since {
        // The diff's changes, without reading the evidence of what stayed unchanged.
        let changes = try reader.read { db in
          let path = try WindowPath.read(
            holder: id, issues: [], from: since.dayBefore, to: asOf, knownAt: knownAt,
            publishedBy: publishedBy, includeMachineCoded: includeMachineCoded,
            restatements: false, db: db)
          return try Self.changes(
            of: path, issues: [], to: asOf, knownAt: knownAt, publishedBy: publishedBy, db: db)
        }
        worldChanges += changes.map { BriefChange($0, holder: id) }
      }
      if let knownSince {
        learned += try learnedSince(
          holder: id, since: knownSince, includeMachineCoded: includeMachineCoded
        ).changes.map {
          BriefChange($0, holder: id)
        }
      }
    }
    // Parties asked for together with one of their parts see the part's changes once.
    worldChanges = Self.once(worldChanges)
    learned = Self.once(learned)

    var openConditions: [BriefCondition] = []
    let relations = try reader.read { db in
      try Row.fetchAll(
        db,
        SQLRequest<Row>(
          literal: """
            SELECT r.fromPositionId, r.toPositionId FROM positionRelation r
            WHERE r.kind = 'conditional-on' AND \(RecordFilter.visible("r", at: knownAt))
            """))
    }
    let conditionalOn = Dictionary(
      grouping: relations, by: { $0["fromPositionId"] as String }
    ).mapValues { $0.map { $0["toPositionId"] as String }.sorted() }
    let listed = Set(briefParties.flatMap { $0.positions.map(\.id) })
    for position in held
    where (position.kind == .condition || position.modality == .conditional)
      && listed.contains(position.id)
    {
      openConditions.append(
        BriefCondition(
          holder: position.holder, position: position.id, issue: position.issue,
          proposition: position.proposition, conditions: position.conditions,
          waitsOn: position.target, conditionalOn: conditionalOn[position.id] ?? [],
          statements: position.evidence.map(\.statement)))
    }

    let claims = try contested(
      holders: requested, asOf: asOf, knownAt: knownAt, publishedBy: publishedBy,
      includeMachineCoded: includeMachineCoded, reactionDetails: false
    ).claims
    let contested = claims.map { item in
      BriefClaim(
        position: item.claim.id, holder: item.claim.holder, issue: item.claim.issue,
        proposition: item.claim.proposition, status: item.status, flags: item.flags,
        statements: item.claim.evidence.map(\.statement), machineCoded: item.claim.machineCoded)
    }

    // A focused brief keeps a few commitments: all are read without their details (the
    // outcomes, flags and order need none), the kept ones in full once the focus has chosen.
    let commitmentEntries = try self.commitments(
      holders: requested, asOf: asOf, knownAt: knownAt, publishedBy: publishedBy,
      includeMachineCoded: includeMachineCoded, details: focus.maxItems == nil
    ).commitments
    let commitments = commitmentEntries.map(BriefCommitment.init)

    var briefing = Briefing(
      generator: generator, asOf: asOf,
      knownAt: try describe(knownAt), since: since,
      knownSince: try knownSince.map { try describe(.revision($0)) }, parties: briefParties,
      worldChanges: worldChanges, learned: learned, openConditions: openConditions,
      contested: contested, commitments: commitments, sources: [])
    briefing.publishedBy = publishedBy
    briefing.focus(focus, held: held, lastStated: lastStated, commitments: commitmentEntries)
    if focus.maxItems != nil {
      let keptCommitments = Set(
        briefing.commitments.map(\.position)
          + briefing.stale.filter { $0.reason == "past-term-no-outcome" }.map(\.position))
      briefing.attachCommitmentDetails(
        try self.commitments(
          holders: requested, asOf: asOf, knownAt: knownAt, publishedBy: publishedBy,
          includeMachineCoded: includeMachineCoded, details: true,
          only: keptCommitments.sorted()
        ).commitments)
    }
    // The details of what the brief kept: its standings and its open conditions.
    let kept = Set(
      briefing.parties.flatMap { $0.positions.map(\.id) } + briefing.openConditions.map(\.position))
    try briefing.attachStandingDetails(
      try reader.read { db in try Self.positions(heldFilter, ids: kept.sorted(), db: db) })

    // Sources: the documents of what the brief kept.
    var cited = Set<String>()
    for party in briefing.parties {
      for position in party.positions { cited.formUnion(position.statements) }
    }
    for change in briefing.worldChanges + briefing.learned { cited.formUnion(change.statements) }
    for condition in briefing.openConditions { cited.formUnion(condition.statements) }
    for claim in briefing.contested { cited.formUnion(claim.statements) }
    for commitment in briefing.commitments { cited.formUnion(commitment.statements) }
    briefing.sources = try self.sources(for: cited)
    return briefing
  }

  /// The positions with a supporting statement said from `firstDay` (`yyyymmdd`) to the filter's
  /// as-of day, as the filter sees statements and evidence.
  ///
  /// With `parties`, only statements made on behalf of them or their parts are searched (by
  /// their index on the speaking side and day), which may miss positions another side
  /// supports: the caller reads those in full.
  /// `CROSS JOIN` keeps the statements of those days the outer loop: without the statistics of
  /// `ANALYZE` (a loaded store has none), SQLite would scan every piece of evidence instead
  /// (6.7 s against 0.9 s at 1M statements).
  static func supportedSince(
    _ firstDay: Int, filter: PositionFilter, speakingFor parties: [String], db: Database
  ) throws -> Set<String> {
    let lastDay = filter.asOf?.lastDay ?? Int.max
    let side: SQL =
      parties.isEmpty ? "1" : "s.onBehalfOfId IN \(try partiesWithParts(parties, db: db))"
    return try Set(
      String.fetchAll(
        db,
        SQLRequest<String>(
          literal: """
            SELECT DISTINCT e.positionId
            FROM statement s CROSS JOIN evidence e ON e.statementId = s.id
            WHERE s.saidOn >= \(firstDay) AND s.saidOn <= \(lastDay) AND \(side)
              AND \(supportingEvidence(filter))
            """)))
  }

  /// The changes with each one listed once: a change of a ministry's position reaches the brief
  /// through its state's diff and, when both are asked for, through its own.
  static func once(_ changes: [BriefChange]) -> [BriefChange] {
    var seen = Set<String>()
    return changes.filter { change in
      let key =
        [change.change.rawValue, change.before ?? "", change.after ?? ""]
        + change.through
      return seen.insert(key.joined(separator: "\u{1F}")).inserted
    }
  }

  /// The documents the given statements come from, each with the cited statement ids.
  func sources(for statementIds: Set<String>) throws -> [BriefSource] {
    guard !statementIds.isEmpty else { return [] }
    return try reader.read { db in
      let ids = statementIds.sorted()
      var byDocument: [String: [String]] = [:]
      for chunkStart in stride(from: 0, to: ids.count, by: 500) {
        let chunk = Array(ids[chunkStart..<min(chunkStart + 500, ids.count)])
        // Each statement's own document, and every further document that reports it.
        for row in try Row.fetchAll(
          db,
          SQLRequest<Row>(
            literal: """
              SELECT id, documentId FROM statement WHERE id IN \(chunk)
              UNION
              SELECT statementId, documentId FROM statementSource
              WHERE statementId IN \(chunk) AND retiredIn IS NULL
              """))
        {
          byDocument[row[1], default: []].append(row[0])
        }
      }
      let documents = try Document.filter(keys: Array(byDocument.keys)).fetchAll(db)
      return documents.map { document in
        BriefSource(
          document: document.id, title: document.title, outlet: document.outlet,
          url: document.url, published: document.published?.description,
          statements: byDocument[document.id, default: []].sorted())
      }
      .sorted { ($0.published ?? "", $0.document) < ($1.published ?? "", $1.document) }
    }
  }
}

extension Briefing {
  /// Replaces the standings and open conditions, chosen from positions read without their
  /// details, with the same positions read in full (targets, conditions, evidence).
  mutating func attachStandingDetails(_ full: [PositionSummary]) throws {
    let byId = Dictionary(full.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    for party in parties.indices {
      parties[party].positions = parties[party].positions.map { position in
        byId[position.id].map(BriefPosition.init) ?? position
      }
    }
    for index in openConditions.indices {
      guard let position = byId[openConditions[index].position] else { continue }
      openConditions[index].conditions = position.conditions
      openConditions[index].waitsOn = position.target
      openConditions[index].statements = position.evidence.map(\.statement)
    }
  }
}

extension Briefing {
  /// Replaces the kept commitments, and the last stated day of the commitments flagged past
  /// their term, chosen from commitments read without their details, with the same commitments
  /// read in full.
  mutating func attachCommitmentDetails(_ full: [CommitmentEntry]) {
    let byId = Dictionary(
      full.map { ($0.position.id, $0) }, uniquingKeysWith: { first, _ in first })
    commitments = commitments.map { commitment in
      byId[commitment.position].map(BriefCommitment.init) ?? commitment
    }
    for index in stale.indices where stale[index].reason == "past-term-no-outcome" {
      guard let entry = byId[stale[index].position] else { continue }
      stale[index].lastStated = entry.position.lastStated
    }
  }
}

extension BriefChange {
  init(_ change: PositionChange, holder: String) {
    self.holder = holder
    issue = change.issue
    self.change = change.change
    details = change.details
    through = change.through.map(\.id)
    steps = change.steps
    related = change.related
    let newest = change.after ?? change.through.last ?? change.before
    var cited = newest?.evidence.map(\.statement) ?? []
    for position in change.through where position.id != newest?.id {
      cited += position.evidence.map(\.statement).filter { !cited.contains($0) }
    }
    statements = cited
    machineCoded = newest?.machineCoded ?? false
    let subject = change.after ?? change.through.last ?? change.before
    // The position's own holder: a ministry's change is said as the ministry's; a joint
    // position's names the others it is held with.
    coHolders = subject?.coHolders ?? []
    let who =
      (subject?.holder ?? holder)
      + (coHolders.isEmpty ? "" : " (with \(coHolders.joined(separator: ", ")))")
    switch change.change {
    case .added:
      summary = "\(who) \(subject?.kind.verb ?? "holds"): \(subject?.proposition ?? "")"
    case .dropped, .ended:
      let end = subject.map { ParleyStore.endDescription($0) } ?? "ended"
      summary = "\(who) no longer holds (\(end)): \(subject?.proposition ?? "")"
    case .cameAndWent:
      let first = change.through.first ?? subject
      let end = subject.map { ParleyStore.endDescription($0) } ?? "ended"
      summary =
        "\(who) \(first?.kind.verb ?? "held"), from \(first?.validFrom.description ?? "?"), then \(end): \(first?.proposition ?? "")"
    case .newEvidence:
      summary =
        "new evidence on \(who)'s \(subject?.kind.rawValue ?? "position"): \(subject?.proposition ?? "")"
    default:
      let kinds = [change.before?.kind.rawValue, change.after?.kind.rawValue].compactMap { $0 }
      summary =
        "\(who) \(change.change.rawValue) on \(issue) (\(kinds.joined(separator: " → "))): \(subject?.proposition ?? "")"
    }
    // Wrapped (`@ExplicitNull`) properties are set once the others are.
    before = change.before?.id
    after = change.after?.id
  }
}

extension BriefCommitment {
  init(_ entry: CommitmentEntry) {
    let position = entry.position
    self.position = position.id
    holder = position.holder
    issue = position.issue
    kind = position.kind
    proposition = position.proposition
    outcome = entry.outcome
    basis = entry.basis
    flags = entry.flags
    term = position.term?.description
    lastDayInForce = position.lastDayInForce.map {
      PartialDate(storedValue: $0, precision: .day).description
    }
    validTo = position.validTo?.description
    endReason = position.endReason
    assessedOn = entry.assessments.last?.on.description
    machineCoded = position.machineCoded
    statements =
      position.evidence.map(\.statement)
      + entry.assessments.compactMap(\.statement).filter { id in
        !position.evidence.contains { $0.statement == id }
      }
  }
}

extension PartialDate {
  /// The day before the period starts.
  var dayBefore: PartialDate {
    let start = CivilDate(year: year, month: month ?? 1, day: day ?? 1)
    let previous = CivilDate(daysSince1970: start.daysSince1970 - 1)
    // CivilDate only produces real dates.
    return try! PartialDate(year: previous.year, month: previous.month, day: previous.day)
  }
}
