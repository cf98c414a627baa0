/// How much a brief shows, and in which order: the changes first, by significance, then what
/// is open and what went stale, with the full standings available on request.
///
/// Significance, highest first: reversals; new demands, threats and rejections; positions that
/// came and went; hardening; softening; changes of scope; other positions taken up; positions
/// dropped or ended; other changes; new evidence. The standings share the limit among the
/// parties in turn (each party's positions named by a change first, then its demands, threats,
/// rejections and conditions, then the rest), and each party says how many it left out.
public struct BriefFocus: Sendable, Equatable {
  /// At most this many standings (positions held), world changes and learned facts each; nil
  /// for the full feed.
  public var maxItems: Int?
  /// A held position not stated for more days than this is flagged stale.
  public var staleAfterDays: Int

  public init(maxItems: Int? = 25, staleAfterDays: Int = 180) {
    self.maxItems = maxItems
    self.staleAfterDays = staleAfterDays
  }

  /// The default: 25 items of each kind, stale after 180 days.
  public static let focused = BriefFocus()
  /// Everything, as the feed was before it was focused.
  public static let full = BriefFocus(maxItems: nil)

  /// The rank of a change by significance (lower first).
  static func rank(_ change: BriefChange, kindOf: (String) -> StanceKind?) -> Int {
    switch change.change {
    case .reversed: return 0
    case .added:
      let kind = change.after.flatMap(kindOf)
      return [.demand, .threat, .rejection].contains(kind) ? 1 : 6
    case .cameAndWent: return 2
    case .hardened: return 3
    case .softened: return 4
    case .scopeWidened, .scopeNarrowed: return 5
    case .dropped, .ended: return 7
    case .changed, .conditionAdded, .conditionRemoved: return 8
    case .newEvidence: return 9
    }
  }
}

/// What the focused brief left out, so that a reader knows there is more (`--full`).
public struct BriefOmitted: Sendable, Equatable, Encodable {
  /// Positions held but not listed among the standings.
  public var positions: Int
  public var worldChanges: Int
  public var learned: Int
  /// Stale flags beyond the limit (schema 1.2).
  public var stale: Int = 0
  /// Commitments and threats beyond the limit (schema 1.2).
  public var commitments: Int = 0
  /// Contested claims beyond the limit (schema 1.2).
  public var contested: Int = 0
  /// Open conditions beyond the limit (schema 1.2).
  public var openConditions: Int = 0

  enum CodingKeys: String, CodingKey {
    case positions, learned, stale, commitments, contested
    case worldChanges = "world_changes"
    case openConditions = "open_conditions"
  }
}

/// A party's direction on one issue over the brief's window, in the manner of monthly
/// crisis-watch arrows: hardened, softened, reversed, mixed, new, dropped or unchanged.
public struct BriefTrend: Sendable, Equatable, Encodable {
  public var party: String
  public var issue: String
  public var trend: String
  /// The positions whose changes make the trend.
  public var positions: [String]
}

/// A position not restated for a long time, or a commitment past its term with no outcome.
public struct BriefStale: Sendable, Equatable, Encodable {
  public var position: String
  public var holder: String
  public var issue: String
  /// `not-restated` or `past-term-no-outcome`.
  public var reason: String
  @ExplicitNull public var lastStated: PartialDate? = nil
  /// Days from the last statement (or the end of the term) to the as-of day.
  public var days: Int

  enum CodingKeys: String, CodingKey {
    case position, holder, issue, reason, days
    case lastStated = "last_stated"
  }
}

extension Briefing {
  /// Orders the changes by significance, computes trends and staleness, and keeps at most
  /// `focus.maxItems` of each list (changes and their positions first among the standings).
  ///
  /// `lastStated` gives each held position's last supporting date when `held` was read without
  /// its evidence.
  mutating func focus(
    _ focus: BriefFocus, held: [PositionSummary], lastStated: [String: PartialDate]? = nil,
    commitments: [CommitmentEntry]
  ) {
    let kinds = Dictionary(held.map { ($0.id, $0.kind) }, uniquingKeysWith: { first, _ in first })
    let kindOf = { (id: String) in kinds[id] }
    func ordered(_ changes: [BriefChange]) -> [BriefChange] {
      changes.enumerated().sorted {
        (BriefFocus.rank($0.element, kindOf: kindOf), $0.offset)
          < (BriefFocus.rank($1.element, kindOf: kindOf), $1.offset)
      }.map(\.element)
    }
    worldChanges = ordered(worldChanges)
    learned = ordered(learned)

    // Trends over the window, per party and issue.
    if since != nil {
      var trendsByKey: [String: BriefTrend] = [:]
      var changedKinds: [String: [ChangeKind]] = [:]
      for change in worldChanges {
        let key = change.holder + "\u{1F}" + change.issue
        changedKinds[key, default: []].append(change.change)
        var trend =
          trendsByKey[key]
          ?? BriefTrend(party: change.holder, issue: change.issue, trend: "", positions: [])
        trend.positions += [change.before, change.after].compactMap { $0 } + change.through
        trendsByKey[key] = trend
      }
      for party in parties {
        for position in party.positions {
          let key = party.id + "\u{1F}" + position.issue
          if trendsByKey[key] == nil {
            trendsByKey[key] = BriefTrend(
              party: party.id, issue: position.issue, trend: "unchanged", positions: [position.id])
          }
        }
      }
      for (key, kinds) in changedKinds {
        trendsByKey[key]?.trend = Self.trend(of: kinds)
      }
      trends = trendsByKey.values.sorted { ($0.party, $0.issue) < ($1.party, $1.issue) }
    }

    // Staleness.
    var stale: [BriefStale] = []
    let asOfDay = asOf.lastDay
    for position in held {
      guard let last = lastStated.map({ $0[position.id] }) ?? position.lastStated else {
        continue
      }
      let days = PartialDate.days(from: last.lastDay, to: asOfDay)
      if days > focus.staleAfterDays {
        stale.append(
          BriefStale(
            position: position.id, holder: position.holder, issue: position.issue,
            reason: "not-restated", lastStated: last, days: days))
      }
    }
    for entry in commitments where entry.flags.contains("past-term-no-outcome") {
      let end = entry.position.validTo?.firstDay ?? asOfDay
      stale.append(
        BriefStale(
          position: entry.position.id, holder: entry.position.holder,
          issue: entry.position.issue, reason: "past-term-no-outcome",
          lastStated: entry.position.lastStated, days: PartialDate.days(from: end, to: asOfDay)))
    }
    self.stale = stale.sorted { ($0.days, $0.position) > ($1.days, $1.position) }

    guard let limit = focus.maxItems else { return }
    let allStale = self.stale.count
    // Commitments past their term come before positions merely not restated.
    self.stale = Array(
      self.stale.enumerated().sorted {
        ($0.element.reason == "past-term-no-outcome" ? 0 : 1, $0.offset)
          < ($1.element.reason == "past-term-no-outcome" ? 0 : 1, $1.offset)
      }.map(\.element).prefix(limit))
    let allChanges = worldChanges.count
    let allLearned = learned.count
    worldChanges = Array(worldChanges.prefix(limit))
    learned = Array(learned.prefix(limit))
    // Standings: the positions the kept changes, open conditions and stale flags name first,
    // then demands, threats, rejections and conditions, then the rest, up to the limit.
    // Positions named by a kept change, in the order of the most significant change naming
    // them, then those with open conditions.
    var namedOrder: [String: Int] = [:]
    for (order, change) in (worldChanges + learned).enumerated() {
      for id in [change.before, change.after].compactMap({ $0 }) + change.through
      where namedOrder[id] == nil {
        namedOrder[id] = order
      }
    }
    for condition in openConditions where namedOrder[condition.position] == nil {
      namedOrder[condition.position] = Int.max - 1
    }
    let pressing: Set<StanceKind> = [.demand, .threat, .rejection, .condition]
    // Each party's positions in its own order; the limit is then shared out in turns, so that
    // no party's standing is crowded out by another's.
    var candidates: [(turn: Int, party: Int, position: BriefPosition)] = []
    for (index, party) in parties.enumerated() {
      let ordered = party.positions.sorted {
        let rank = { (position: BriefPosition) in
          namedOrder[position.id] != nil ? 0 : pressing.contains(position.kind) ? 1 : 2
        }
        let order = { (position: BriefPosition) in namedOrder[position.id] ?? Int.max }
        return (rank($0), order($0), $0.issue, $0.id) < (rank($1), order($1), $1.issue, $1.id)
      }
      for (turn, position) in ordered.enumerated() { candidates.append((turn, index, position)) }
    }
    let keptPairs = candidates.sorted { ($0.turn, $0.party) < ($1.turn, $1.party) }.prefix(limit)
    let kept = Set(keptPairs.map { "\($0.party)\u{1F}\($0.position.id)" })
    let allPositions = candidates.count
    for index in parties.indices {
      let before = parties[index].positions.count
      parties[index].positions.removeAll { !kept.contains("\(index)\u{1F}\($0.id)") }
      parties[index].omittedPositions = before - parties[index].positions.count
    }
    let keptIds = Set(keptPairs.map(\.position.id))
    // Open conditions of the positions shown first, then the others, up to the limit.
    let allConditions = openConditions.count
    openConditions = Array(
      (openConditions.filter { keptIds.contains($0.position) }
        + openConditions.filter { !keptIds.contains($0.position) }).prefix(limit))
    // Commitments with an outcome or a flag first (something happened to them), then the
    // pending ones; contested claims in their own order.
    let allCommitments = self.commitments.count
    self.commitments = Array(
      self.commitments.enumerated().sorted {
        ($0.element.outcome == .pending && $0.element.flags.isEmpty ? 1 : 0, $0.offset)
          < ($1.element.outcome == .pending && $1.element.flags.isEmpty ? 1 : 0, $1.offset)
      }.map(\.element).prefix(limit))
    let allContested = contested.count
    contested = Array(contested.prefix(limit))
    omitted = BriefOmitted(
      positions: allPositions - keptPairs.count, worldChanges: allChanges - worldChanges.count,
      learned: allLearned - learned.count, stale: allStale - self.stale.count,
      commitments: allCommitments - self.commitments.count,
      contested: allContested - contested.count,
      openConditions: allConditions - openConditions.count)
  }

  /// One word for what several changes on one issue add up to.
  static func trend(of kinds: [ChangeKind]) -> String {
    if kinds.contains(.reversed) { return "reversed" }
    let harder = kinds.filter { $0 == .hardened || $0 == .scopeWidened }.count
    let softer = kinds.filter { $0 == .softened || $0 == .scopeNarrowed }.count
    if harder > 0 && softer == 0 { return "hardened" }
    if softer > 0 && harder == 0 { return "softened" }
    if harder > 0 && softer > 0 { return "mixed" }
    if kinds.allSatisfy({ $0 == .added }) { return "new" }
    if kinds.allSatisfy({ $0 == .dropped || $0 == .ended }) { return "dropped" }
    return "changed"
  }
}
