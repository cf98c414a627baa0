import GRDB

/// The answer to `parley contested`: claims that are contradicted, disputed or unconfirmed, and
/// positions of any kind that another party contradicts or disputes.
///
/// Nothing here is resolved: each claim is shown with who contradicts, disputes, corroborates
/// it or stays silent, and the reader judges.
public struct ContestedClaims: Sendable, Equatable, Encodable {
  @ExplicitNull public var asOf: PartialDate? = nil
  public var knownAt: RecordPoint
  public var claims: [ContestedClaim]
  /// The publication day asked for (`--published-by`), if one was.
  @ExplicitNull public var publishedBy: PartialDate? = nil

  enum CodingKeys: String, CodingKey {
    case claims
    case asOf = "as_of"
    case knownAt = "known_at"
    case publishedBy = "published_by"
  }

}

/// A claim and the reactions to it.
public struct ContestedClaim: Sendable, Equatable, Encodable {
  /// `contested` when another party contradicts or disputes it; else `unconfirmed` when no
  /// other party confirms it; else `unanswered` (confirmed, but a party stayed silent on it).
  public var status: String
  /// Every signal found: contradicted, disputed, corroborated, no-comment, unconfirmed.
  public var flags: [String]
  public var claim: PositionSummary
  /// Other parties' positions that contradict it.
  public var contradictedBy: [PositionSummary]
  /// Other parties' claims of the same proposition.
  public var matchingClaims: [PositionSummary]
  /// How many other parties' statements corroborate it (or state it as their own), plus their
  /// matching claims.
  public var corroborations = 0
  /// How many further documents report one of its statements (another outlet's copy of the same
  /// words): corroborating reports of what was said, never another party's confirmation.
  public var furtherReports = 0

  enum CodingKeys: String, CodingKey {
    case status, flags, claim, corroborations
    case contradictedBy = "contradicted_by"
    case matchingClaims = "matching_claims"
    case furtherReports = "further_reports"
  }
}

extension ParleyStore {
  /// Claims that another party contradicts or disputes, or that no other party confirms, and
  /// positions of every other kind that another party contradicts or disputes.
  ///
  /// Without `asOf` the answer is for today: positions held today (`all` asks for every
  /// position, held or not, superseded and withdrawn ones included).
  ///
  /// With `reactionDetails` off, the contradicting positions and matching claims are listed
  /// without their targets, conditions and evidence (the brief shows only the flags they set).
  public func contested(
    holders: [String] = [], issues: [String] = [], asOf: PartialDate? = nil,
    knownAt: KnownAt = .latest, all: Bool = false, publishedBy: PartialDate? = nil,
    includeMachineCoded: Bool = false, reactionDetails: Bool = true
  ) throws -> ContestedClaims {
    let day = all ? asOf : (asOf ?? PartialDate.today(clock()))
    return try reader.read { db in
      var filter = PositionFilter(
        kinds: [.claim], holders: holders, issues: issues, asOf: day, knownAt: knownAt)
      filter.referenceDay = PartialDate.today(clock()).firstDay
      filter.publishedBy = publishedBy
      filter.includeMachineCoded = includeMachineCoded
      var positions = try Self.positions(filter, db: db)
      // Stances of other kinds enter only when another party contradicts or disputes them.
      var stances = filter
      stances.kinds = StanceKind.allCases.filter { $0 != .claim }
      let challenged = try Self.challengedPositionIds(knownAt: knownAt, db: db)
      if !challenged.isEmpty {
        positions += try Self.positions(stances, ids: challenged, db: db)
      }
      let claims = positions.filter { $0.kind == .claim }
      // Other parties' claims of the same propositions: only those keys are read.
      let keys = Array(Set(claims.map(\.propositionKey)))
      var sameKeyIds: [String] = []
      for chunkStart in stride(from: 0, to: keys.count, by: 500) {
        let chunk = Array(keys[chunkStart..<min(chunkStart + 500, keys.count)])
        sameKeyIds += try String.fetchAll(
          db,
          SQLRequest<String>(
            literal: "SELECT id FROM position WHERE kind = 'claim' AND propositionKey IN \(chunk)"))
      }
      let allClaims =
        sameKeyIds.isEmpty
        ? []
        : try Self.positions(
          PositionFilter(
            kinds: [.claim], knownAt: knownAt, publishedBy: publishedBy,
            includeMachineCoded: includeMachineCoded),
          ids: sameKeyIds, details: reactionDetails, db: db)
      // Who contradicts each position: one read of the relations of every position asked
      // about, then one read of the contradicting positions (not one of each per claim).
      let visible = RecordFilter.visible("r", at: knownAt)
      var contradicting: [String: Set<String>] = [:]
      let askedIds = Array(Set(positions.map(\.id))).sorted()
      for chunkStart in stride(from: 0, to: askedIds.count, by: 500) {
        let chunk = Array(askedIds[chunkStart..<min(chunkStart + 500, askedIds.count)])
        let rows = try Row.fetchCursor(
          db,
          SQLRequest<Row>(
            literal: """
              SELECT r.fromPositionId, r.toPositionId FROM positionRelation r
              WHERE r.kind = 'contradicts' AND \(visible) AND r.fromPositionId IN \(chunk)
              UNION ALL
              SELECT r.toPositionId, r.fromPositionId FROM positionRelation r
              WHERE r.kind = 'contradicts' AND \(visible) AND r.toPositionId IN \(chunk)
              """, cached: true))
        while let row = try rows.next() { contradicting[row[0], default: []].insert(row[1]) }
      }
      let contradictors = Set(contradicting.values.flatMap { $0 })
      var contradictorsById: [String: [(order: Int, position: PositionSummary)]] = [:]
      if !contradictors.isEmpty {
        for (order, position) in try Self.positions(
          PositionFilter(
            knownAt: knownAt, publishedBy: publishedBy, includeMachineCoded: includeMachineCoded),
          ids: contradictors.sorted(), details: reactionDetails, db: db
        ).enumerated() {
          contradictorsById[position.id, default: []].append((order, position))
        }
      }
      let claimsByKey = Dictionary(grouping: allClaims, by: \.propositionKey)
      let sides = try Self.partySides(db: db)
      let side = { (party: String) in sides[party] ?? party }
      var result: [ContestedClaim] = []
      for claim in positions {
        // In the order one read of these ids gives.
        let contradictedBy = (contradicting[claim.id] ?? []).flatMap { contradictorsById[$0] ?? [] }
          .sorted { $0.order < $1.order }.map(\.position)
        let isClaim = claim.kind == .claim
        let claimSides = Set(claim.holders.map(side))
        let matching =
          isClaim
          ? (claimsByKey[claim.propositionKey] ?? []).filter {
            $0.id != claim.id && !claimSides.contains(side($0.holder))
          } : []
        // Only another side corroborates: a state restating its ministry's claim does not, nor
        // does one of the claim's joint holders.
        let others = claim.evidence.filter { !claimSides.contains(side($0.onBehalfOf)) }
        var flags: [String] = []
        if !contradictedBy.isEmpty { flags.append("contradicted") }
        if claim.evidence.contains(where: { $0.role == .disputes }) { flags.append("disputed") }
        let corroborated =
          !matching.isEmpty || others.contains { $0.role == .corroborates || $0.role == .supports }
        if corroborated { flags.append("corroborated") }
        if claim.evidence.contains(where: { $0.role == .noComment }) { flags.append("no-comment") }
        // Only a claim of fact waits for confirmation; a stance is its holder's own.
        if !corroborated && isClaim { flags.append("unconfirmed") }
        let contested = flags.contains("contradicted") || flags.contains("disputed")
        guard
          contested || (isClaim && (flags.contains("unconfirmed") || flags.contains("no-comment")))
        else { continue }
        var item = ContestedClaim(
          status: contested ? "contested" : corroborated ? "unanswered" : "unconfirmed",
          flags: flags, claim: claim,
          contradictedBy: contradictedBy, matchingClaims: matching)
        item.corroborations =
          matching.count + others.filter { $0.role == .corroborates || $0.role == .supports }.count
        item.furtherReports = claim.evidence.reduce(0) { $0 + $1.alsoReportedIn.count }
        result.append(item)
      }
      result.sort {
        ($0.status, $0.claim.issue, $0.claim.holder, $0.claim.id)
          < ($1.status, $1.claim.issue, $1.claim.holder, $1.claim.id)
      }
      var answer = ContestedClaims(
        asOf: day, knownAt: try Self.recordPoint(knownAt, db: db), claims: result)
      answer.publishedBy = publishedBy
      return answer
    }
  }

  /// Positions another party disputes (evidence) or that a relation says are contradicted
  /// (either side), as known at `knownAt`.
  private static func challengedPositionIds(knownAt: KnownAt, db: Database) throws -> [String] {
    let evidence = RecordFilter.visible("e", at: knownAt)
    let relation = RecordFilter.visible("r", at: knownAt)
    return try String.fetchAll(
      db,
      SQLRequest<String>(
        literal: """
          SELECT e.positionId FROM evidence e WHERE e.role = 'disputes' AND \(evidence)
          UNION
          SELECT r.fromPositionId FROM positionRelation r WHERE r.kind = 'contradicts' AND \(relation)
          UNION
          SELECT r.toPositionId FROM positionRelation r WHERE r.kind = 'contradicts' AND \(relation)
          """))
  }
}
