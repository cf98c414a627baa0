/// CAMEO event codes, their names and PLOVER types, and the one crosswalk from CAMEO to
/// Parley's stance kinds that the extractor, the GDELT importer and the benchmark share.
///
/// Parley records stances, not actions: codes for consulting, cooperating, fighting, protesting
/// and the like have no stance kind, and an importer reports such rows as "not a stance".
public enum CameoCodebook {
  /// The stance kind a CAMEO code stands for, or nil when it is not a stance.
  ///
  /// - 014 consider a policy option → consideration
  /// - 015 claim responsibility, 016 deny responsibility → claim
  /// - 02x appeal and 10x demand → demand
  /// - 03x express intent to cooperate → commitment
  /// - 057 sign formal agreement, 08x yield (concede, retreat) → acceptance
  /// - 12x reject → rejection
  /// - 13x threaten → threat
  public static func stance(forCode code: String) -> StanceKind? {
    guard code.count >= 2, code.allSatisfy(\.isASCII) else { return nil }
    switch code.prefix(2) {
    case "01":
      if code.hasPrefix("014") { return .consideration }
      if code.hasPrefix("015") || code.hasPrefix("016") { return .claim }
      return nil
    case "02", "10": return .demand
    case "03": return .commitment
    case "05": return code.hasPrefix("057") ? .acceptance : nil
    case "08": return .acceptance
    case "12": return .rejection
    case "13": return .threat
    default: return nil
    }
  }

  /// Why a code has no stance kind, in a few words for an import's accounting.
  public static func reasonNotAStance(_ code: String) -> String {
    let root = String(code.prefix(2))
    let name = entries[root]?.name.lowercased() ?? "root \(root)"
    return "CAMEO \(root) (\(name)) is not a stance"
  }

  /// The codebook's name of a code (`"1312"` → "Threaten to boycott, embargo, or sanction").
  public static func name(of code: String) -> String? { entries[code]?.name }

  /// The PLOVER event type of a code, or of its nearest listed ancestor.
  public static func plover(of code: String) -> String? {
    var prefix = code
    while prefix.count >= 2 {
      if let entry = entries[prefix], let plover = entry.plover { return plover }
      prefix.removeLast()
    }
    return nil
  }

  /// Whether a code is in the codebook.
  public static func isKnown(_ code: String) -> Bool { entries[code] != nil }
}
