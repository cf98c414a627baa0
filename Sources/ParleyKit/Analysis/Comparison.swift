import GRDB

/// How the parties' stances on one issue slot relate.
///
/// Claims (what a party says happened, such as who broke a truce) are facts in dispute, not
/// stances: when at least two parties take stances on the slot, the stances decide the row, and
/// claims that contradict each other are named in its reason (`parley contested` weighs them).
/// Otherwise the claims count like any position. Decided in this order, first match wins:
/// - `one-side-silent`: fewer than two of the parties hold a position on the slot;
/// - `opposed`: two parties' positions contradict each other (a `contradicts` relation), or one
///   rejects what another demands, proposes, commits to, accepts or sets as a condition (the
///   rejection `responds-to` it, or shares its proposition key), or they take the same
///   proposition key with opposite polarity;
/// - `conditional`: someone's stance is a condition or is held conditionally;
/// - `aligned`: an acceptance answers another party's proposal or demand (`responds-to`), or two
///   parties hold the same proposition key with the same polarity;
/// - `divergent`: each holds something, but nothing links their stances.
public enum Alignment: String, Sendable, Encodable, CaseIterable {
  case aligned, opposed, conditional, divergent
  case oneSideSilent = "one-side-silent"
}

/// The answer to `parley compare`: each party's stance per issue slot, side by side.
public struct Comparison: Sendable, Equatable, Encodable {
  public var parties: [String]
  @ExplicitNull public var asOf: PartialDate? = nil
  public var knownAt: RecordPoint
  public var rows: [ComparisonRow]
  /// The publication day asked for (`--published-by`), if one was.
  @ExplicitNull public var publishedBy: PartialDate? = nil

  enum CodingKeys: String, CodingKey {
    case parties, rows
    case asOf = "as_of"
    case knownAt = "known_at"
    case publishedBy = "published_by"
  }

}

/// One issue slot: each party's positions and how they relate.
public struct ComparisonRow: Sendable, Equatable, Encodable {
  public var issue: String
  public var issueLabel: String
  public var classification: Alignment
  /// Why the row got its classification, in words.
  public var reason: String
  /// One cell per party, in the order the parties were asked for.
  public var cells: [ComparisonCell]

  enum CodingKeys: String, CodingKey {
    case issue, classification, reason, cells
    case issueLabel = "issue_label"
  }
}

/// A party's positions on one slot (empty: silent).
public struct ComparisonCell: Sendable, Equatable, Encodable {
  public var party: String
  public var positions: [PositionSummary]
}

extension ParleyStore {
  /// Each party's stance per issue slot as of a date, with a classification per row.
  public func compare(
    parties: [String], issues: [String] = [], asOf: PartialDate?, knownAt: KnownAt = .latest,
    publishedBy: PartialDate? = nil, includeMachineCoded: Bool = false
  ) throws -> Comparison {
    try reader.read { db in
      // One answer for every party, then each position to the parties it belongs to: held by
      // the party or one of its parts, as primary or joint holder (the filter's own rule).
      var filter = PositionFilter(holders: parties, issues: issues, asOf: asOf, knownAt: knownAt)
      filter.publishedBy = publishedBy
      filter.includeMachineCoded = includeMachineCoded
      let answer = parties.isEmpty ? [] : try Self.positions(filter, db: db)
      let parents = try Self.partyParents(db: db)
      var byParty: [String: [PositionSummary]] = [:]
      let asked = Set(parties)
      for position in answer {
        var owners = Set<String>()
        for holder in [position.holder] + position.coHolders {
          owners.insert(holder)
          owners.formUnion(Self.ancestors(of: holder, parents: parents))
        }
        for party in asked where owners.contains(party) {
          byParty[party, default: []].append(position)
        }
      }
      let all = asked.flatMap { byParty[$0, default: []] }
      let ids = all.map(\.id)
      let visible = RecordFilter.visible("r", at: knownAt)
      let relations = try Row.fetchAll(
        db,
        SQLRequest<Row>(
          literal: """
            SELECT r.fromPositionId, r.kind, r.toPositionId FROM positionRelation r
            WHERE r.fromPositionId IN \(ids) AND r.toPositionId IN \(ids) AND \(visible)
            """)
      ).map {
        (
          from: $0["fromPositionId"] as String, kind: $0["kind"] as RelationKind,
          to: $0["toPositionId"] as String
        )
      }
      let labels = Dictionary(
        all.flatMap { position in position.issues.map { ($0, position.label(ofIssue: $0)) } },
        uniquingKeysWith: { a, _ in a })
      // Each party's positions by slot, once (not a filter per party per slot). A position on
      // several slots (`also_on`) is in the row of each slot asked for.
      var bySlot: [String: [String: [PositionSummary]]] = [:]
      for party in parties {
        for position in byParty[party, default: []] {
          for slot in position.issues where issues.isEmpty || issues.contains(slot) {
            bySlot[slot, default: [:]][party, default: []].append(position)
          }
        }
      }
      let links = RelationIndex(relations)
      let rows = bySlot.keys.sorted().map { slot -> ComparisonRow in
        let cells = parties.map { party in
          ComparisonCell(party: party, positions: bySlot[slot]?[party] ?? [])
        }
        let (classification, reason) = Self.classify(cells, links: links)
        return ComparisonRow(
          issue: slot, issueLabel: labels[slot] ?? slot, classification: classification,
          reason: reason, cells: cells)
      }
      var comparison = Comparison(
        parties: parties, asOf: asOf, knownAt: try Self.recordPoint(knownAt, db: db), rows: rows)
      comparison.publishedBy = publishedBy
      return comparison
    }
  }

  /// Classifies a row.
  ///
  /// Pairs of positions of different parties are visited in a fixed order without being collected
  /// (a row of 500 parties has 125,000 pairs), and relations are looked up in a set, so a row costs
  /// its pairs and nothing more.
  static func classify(_ cells: [ComparisonCell], links: RelationIndex) -> (Alignment, String) {
    let stances = cells.map { cell in
      ComparisonCell(party: cell.party, positions: cell.positions.filter { $0.kind != .claim })
    }
    guard stances != cells, stances.filter({ !$0.positions.isEmpty }).count >= 2 else {
      return classifyPositions(cells, links: links)
    }
    let (alignment, reason) = classifyPositions(stances, links: links)
    if alignment != .opposed, case (.opposed, let conflict) = classifyPositions(cells, links: links)
    {
      return (alignment, "\(reason); their claims conflict: \(conflict)")
    }
    return (alignment, reason)
  }

  /// Classifies a row from all the positions in its cells.
  private static func classifyPositions(_ cells: [ComparisonCell], links: RelationIndex) -> (
    Alignment, String
  ) {
    let speaking = cells.filter { !$0.positions.isEmpty }
    if speaking.count < 2 {
      let silent = cells.filter { $0.positions.isEmpty }.map(\.party)
      return (.oneSideSilent, "no position from \(silent.joined(separator: ", "))")
    }
    /// The first result of `body` over every pair, in order.
    func firstPair<T>(_ body: (PositionSummary, PositionSummary) -> T?) -> T? {
      for (index, cell) in speaking.enumerated() {
        for other in speaking[(index + 1)...] {
          for a in cell.positions {
            for b in other.positions { if let result = body(a, b) { return result } }
          }
        }
      }
      return nil
    }
    func related(_ a: PositionSummary, _ b: PositionSummary, _ kind: RelationKind) -> Bool {
      links.contains(a.id, b.id, kind) || links.contains(b.id, a.id, kind)
    }
    let committing: Set<StanceKind> = [.demand, .proposal, .commitment, .acceptance, .condition]
    let opposed = firstPair { a, b -> (Alignment, String)? in
      if related(a, b, .contradicts) {
        return (.opposed, "\(a.id) and \(b.id) contradict each other")
      }
      let linked = related(a, b, .respondsTo) || a.propositionKey == b.propositionKey
      if linked
        && ((a.kind == .rejection && committing.contains(b.kind))
          || (b.kind == .rejection && committing.contains(a.kind)))
      {
        let (rejecting, other) = a.kind == .rejection ? (a, b) : (b, a)
        return (
          .opposed,
          "\(rejecting.holder) rejects \(other.holder)'s \(other.kind.rawValue) (\(rejecting.id) → \(other.id))"
        )
      }
      if a.propositionKey == b.propositionKey && a.polarity != b.polarity {
        return (.opposed, "\(a.holder) and \(b.holder) take opposite sides of \(a.propositionKey)")
      }
      return nil
    }
    if let opposed { return opposed }
    let conditional = speaking.flatMap(\.positions).filter {
      $0.kind == .condition || $0.modality == .conditional
    }
    if let first = conditional.first {
      return (.conditional, "\(first.holder) sets conditions (\(first.id))")
    }
    let aligned = firstPair { a, b -> (Alignment, String)? in
      if related(a, b, .respondsTo) && (a.kind == .acceptance || b.kind == .acceptance) {
        let (accepting, other) = a.kind == .acceptance ? (a, b) : (b, a)
        return (.aligned, "\(accepting.holder) accepts \(other.holder)'s \(other.kind.rawValue)")
      }
      if a.propositionKey == b.propositionKey && a.polarity == b.polarity
        && a.kind != .rejection && b.kind != .rejection
      {
        return (
          .aligned, "\(a.holder) and \(b.holder) hold the same proposition (\(a.propositionKey))"
        )
      }
      return nil
    }
    if let aligned { return aligned }
    return (.divergent, "each holds a position, with no stated link between them")
  }
}

/// The relations among a comparison's positions, looked up by (from, to, kind).
struct RelationIndex {
  private var keys: Set<String> = []

  init(_ relations: [(from: String, kind: RelationKind, to: String)]) {
    for relation in relations { keys.insert(Self.key(relation.from, relation.to, relation.kind)) }
  }

  func contains(_ from: String, _ to: String, _ kind: RelationKind) -> Bool {
    keys.contains(Self.key(from, to, kind))
  }

  private static func key(_ from: String, _ to: String, _ kind: RelationKind) -> String {
    from + "\u{0}" + kind.rawValue + "\u{0}" + to
  }
}
