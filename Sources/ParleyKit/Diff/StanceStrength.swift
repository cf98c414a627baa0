/// How firmly a position commits its holder, for telling hardening from softening.
///
/// Stances are ordered by commitment, weakest first:
///
///     consideration < proposal < condition < acceptance, commitment < demand, rejection < threat
///
/// and within a kind, `hedged < conditional < firm`. So consideration → conditional acceptance →
/// acceptance is two hardenings, and demand → condition is a softening. A claim asserts a fact
/// rather than a stance and has no strength. Turning from a rejection to any other stance (or
/// back), or flipping polarity, is a reversal, reported as a change rather than on this scale.
public struct StanceStrength: Comparable, Sendable {
  let kindRank: Int
  let modalityRank: Int

  /// The strength of a stance, or nil for a claim.
  public init?(kind: StanceKind, modality: Modality) {
    switch kind {
    case .claim: return nil
    case .consideration: kindRank = 0
    case .proposal: kindRank = 1
    case .condition: kindRank = 2
    case .acceptance, .commitment: kindRank = 3
    case .demand, .rejection: kindRank = 4
    case .threat: kindRank = 5
    }
    modalityRank =
      switch modality {
      case .hedged: 0
      case .conditional: 1
      case .firm: 2
      }
  }

  public static func < (lhs: Self, rhs: Self) -> Bool {
    (lhs.kindRank, lhs.modalityRank) < (rhs.kindRank, rhs.modalityRank)
  }
}

extension StanceKind {
  /// Whether the stance is against what it names (a rejection) rather than for it.
  var isNegative: Bool { self == .rejection }
}
