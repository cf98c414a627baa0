import GRDB

/// The answer to `parley contested`: claims that are contradicted, disputed or unconfirmed.
///
/// Nothing here is resolved: each claim is shown with who contradicts, disputes, corroborates
/// it or stays silent, and the reader judges.
public struct ContestedClaims: Sendable, Equatable, Encodable {
  @ExplicitNull public var asOf: PartialDate? = nil
  public var knownAt: RecordPoint
  public var claims: [ContestedClaim]

  enum CodingKeys: String, CodingKey {
    case claims
    case asOf = "as_of"
    case knownAt = "known_at"
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

  enum CodingKeys: String, CodingKey {
    case status, flags, claim
    case contradictedBy = "contradicted_by"
    case matchingClaims = "matching_claims"
  }
}

extension ParleyStore {
  /// Claims that another party contradicts or disputes, or that no other party confirms.
  public func contested(
    holders: [String] = [], issues: [String] = [], asOf: PartialDate? = nil,
    knownAt: KnownAt = .latest
  ) throws -> ContestedClaims {
    try reader.read { db in
      let filter = PositionFilter(
        kinds: [.claim], holders: holders, issues: issues, asOf: asOf, knownAt: knownAt)
      let claims = try Self.positions(filter, db: db)
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
        ? [] : try Self.positions(PositionFilter(kinds: [.claim], knownAt: knownAt), ids: sameKeyIds, db: db)
      let visible = RecordFilter.visible("r", at: knownAt)
      var result: [ContestedClaim] = []
      for claim in claims {
        let contradictingIds = try String.fetchAll(
          db,
          SQLRequest<String>(
            literal: """
              SELECT CASE WHEN r.fromPositionId = \(claim.id) THEN r.toPositionId ELSE r.fromPositionId END
              FROM positionRelation r
              WHERE r.kind = 'contradicts' AND \(visible)
                AND (r.fromPositionId = \(claim.id) OR r.toPositionId = \(claim.id))
              """))
        let contradictedBy =
          contradictingIds.isEmpty
          ? [] : try Self.positions(PositionFilter(knownAt: knownAt), ids: contradictingIds, db: db)
        let matching = allClaims.filter {
          $0.id != claim.id && $0.holder != claim.holder
            && $0.propositionKey == claim.propositionKey
        }
        let others = claim.evidence.filter { $0.onBehalfOf != claim.holder }
        var flags: [String] = []
        if !contradictedBy.isEmpty { flags.append("contradicted") }
        if claim.evidence.contains(where: { $0.role == .disputes }) { flags.append("disputed") }
        let corroborated =
          !matching.isEmpty || others.contains { $0.role == .corroborates || $0.role == .supports }
        if corroborated { flags.append("corroborated") }
        if claim.evidence.contains(where: { $0.role == .noComment }) { flags.append("no-comment") }
        if !corroborated { flags.append("unconfirmed") }
        let contested = flags.contains("contradicted") || flags.contains("disputed")
        guard contested || flags.contains("unconfirmed") || flags.contains("no-comment") else {
          continue
        }
        result.append(
          ContestedClaim(
            status: contested ? "contested" : corroborated ? "unanswered" : "unconfirmed",
            flags: flags, claim: claim,
            contradictedBy: contradictedBy, matchingClaims: matching))
      }
      result.sort {
        ($0.status, $0.claim.issue, $0.claim.holder, $0.claim.id)
          < ($1.status, $1.claim.issue, $1.claim.holder, $1.claim.id)
      }
      return ContestedClaims(
        asOf: asOf, knownAt: try Self.recordPoint(knownAt, db: db), claims: result)
    }
  }
}
