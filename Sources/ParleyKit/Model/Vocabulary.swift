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
public enum PositionStatus: String, Codable, Sendable, CaseIterable {
  /// Held over its interval (an interval that ends without a successor is simply over).
  case active
  /// Replaced by another position of the same holder and issue.
  case superseded
  /// Given up by its holder.
  case withdrawn
  /// The record was wrong (misattributed, misread); hidden unless asked for.
  case deprecated
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
