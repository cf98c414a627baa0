/// What kind of actor a party is.
public enum PartyKind: String, Codable, Sendable, CaseIterable {
  case state
  case governmentBody = "government-body"
  case person, organisation, media, analyst
}

/// The kind of stance a position takes.
///
/// Each kind has the verb that `parley who <verb>` uses: `demands`, `accepts`, `threatens`, …
public enum StanceKind: String, Codable, Sendable, CaseIterable {
  case demand, condition, commitment, proposal, acceptance, rejection, threat, claim, consideration

  /// The third-person verb used in `parley who <verb>`.
  public var verb: String {
    switch self {
    case .demand: "demands"
    case .condition: "conditions"
    case .commitment: "commits"
    case .proposal: "proposes"
    case .acceptance: "accepts"
    case .rejection: "rejects"
    case .threat: "threatens"
    case .claim: "claims"
    case .consideration: "considers"
    }
  }

  /// Every spelling a user may type for this kind: the kind, its verb, and common synonyms.
  public var spellings: [String] {
    let extra: [String] =
      switch self {
      case .demand: ["demand"]
      case .condition: ["sets-conditions", "conditions-on", "requires"]
      case .commitment: ["commits-to", "pledges", "promises", "commit"]
      case .proposal: ["offers", "offer", "propose", "suggests"]
      case .acceptance: ["accept", "agrees", "agrees-to"]
      case .rejection: ["reject", "refuses"]
      case .threat: ["threaten", "threats"]
      case .claim: ["claim", "asserts"]
      case .consideration: ["consider", "weighs", "studies"]
      }
    return [rawValue, verb] + extra
  }

  /// Finds the kind a user meant by a noun, verb or synonym (`demands`, `offer`, `threat`).
  public init?(userInput: String) {
    let folded = userInput.lowercased()
    guard let kind = Self.allCases.first(where: { $0.spellings.contains(folded) }) else {
      return nil
    }
    self = kind
  }
}

/// Whether a position is for or against its proposition.
public enum Polarity: String, Codable, Sendable, CaseIterable {
  case `for`, against
}

/// How firmly a position is held.
public enum Modality: String, Codable, Sendable, CaseIterable {
  case firm, conditional, hedged
}

/// Where a position stands in its life.
///
/// Stored, the status says what ends (or ended) the position's interval; shown, it is relative
/// to the day asked (``relative(validTo:on:)``): a position is `active` on every day it is held,
/// and its end reason only from the day its interval ends.
public enum PositionStatus: String, Codable, Sendable, CaseIterable {
  /// Held over its interval. Stored with an end date and no other reason, the interval simply
  /// runs out (an explicit end, or a term): shown as `expired` once that day has come.
  case active
  /// Replaced by another position of the same holder and issue (or a broader or narrower slot).
  case superseded
  /// Given up by its holder.
  case withdrawn
  /// Its term or period in force ran out (a 30-day truce on day 31).
  case expired
  /// A one-off commitment that was carried out (a prisoner exchange done).
  case fulfilled
  /// The record was wrong (misattributed, misread); hidden unless asked for.
  case deprecated

  /// The status as it stood on `day` (`yyyymmdd`) for an interval ending at `validTo`
  /// (exclusive): `active` before the end, the end reason from it on.
  public func relative(validTo: Int?, on day: Int) -> PositionStatus {
    if self == .deprecated { return self }
    guard let validTo, day >= validTo else { return .active }
    return self == .active ? .expired : self
  }

  /// Why an interval that ends at `validTo` ends, or nil while it is open.
  public func endReason(validTo: Int?) -> PositionStatus? {
    guard validTo != nil, self != .deprecated else { return nil }
    return self == .active ? .expired : self
  }

  /// Whether the status ends a position for good (anything but a scheduled expiry can only be
  /// moved by a deprecation).
  var isFinalEnd: Bool { self == .superseded || self == .withdrawn || self == .fulfilled }
}

/// What became of a commitment or a threat, as assessed on a day.
///
/// Commitments (and acceptances, which commit their holder) are kept, partly kept, broken or
/// pending; threats are carried out, not carried out or pending.
public enum Outcome: String, Codable, Sendable, CaseIterable {
  case pending, kept
  case partlyKept = "partly-kept"
  case broken
  case carriedOut = "carried-out"
  case notCarriedOut = "not-carried-out"

  /// The outcomes that make sense for a stance kind; empty when it has none.
  public static func allowed(for kind: StanceKind) -> [Outcome] {
    switch kind {
    case .commitment, .acceptance, .proposal: [.pending, .kept, .partlyKept, .broken]
    case .threat: [.pending, .carriedOut, .notCarriedOut]
    default: []
    }
  }
}

/// How an article attributes a statement to its speaker.
public enum Attribution: String, Codable, Sendable, CaseIterable {
  /// The speaker's own words, quoted.
  case direct
  /// The article reports what was said or done, without quoting the speaker.
  case reported
  /// The article presents it as the speaker's claim.
  case claimed
  /// An analyst's assessment.
  case analyst
}

/// What a statement does for a position.
public enum EvidenceRole: String, Codable, Sendable, CaseIterable {
  /// Said by or for the holder: states the position, or restates it.
  case supports
  /// A third party confirms it.
  case corroborates
  /// A third party contests it.
  case disputes
  /// A party declined to comment on it, or stayed silent.
  case noComment = "no-comment"
}

/// How one position bears on another.
public enum RelationKind: String, Codable, Sendable, CaseIterable {
  case conditionalOn = "conditional-on"
  case supersedes
  case contradicts
  case respondsTo = "responds-to"
}
