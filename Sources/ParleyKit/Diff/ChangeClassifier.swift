/// Tells what kind of change one position is from another, as an analyst would sign it.
///
/// The rules, in order (the README gives a worked example of each):
///
/// 1. **Reversal**: the polarity flips; a firm refusal (a rejection with no conditions, not
///    conditional) turns into an acceptance, commitment, proposal or consideration, or back; or
///    a refusal "unless…" turns into agreement without any of the conditions it named (a yes
///    without what was asked for). A conditional refusal is otherwise read as the conditional
///    acceptance it amounts to ("no unless X" is "yes if X"), so the rules below apply.
/// 2. **A door opened or shut**: a firm refusal that gains conditions ("no, unless…") softens;
///    a conditional refusal that drops them all hardens.
/// 3. **Conditions**: otherwise, conditions only added harden; conditions only removed soften.
/// 4. **The ladder**: with the conditions the same (or some added and some removed), a move up
///    ``StanceStrength``'s ladder hardens and a move down softens. On the same rung, a threat's,
///    demand's or condition's deadline (the last day of its term or period in force) brought
///    forward hardens, and put back softens: an ultimatum cut from 50 days to 10.
/// 5. **Scope**: the same stance aimed at more parties or moved to a broader slot widens its
///    scope; at fewer parties or a narrower slot narrows it, also when its conditions were
///    swapped one for one (a deadline replaced by another). More conditions added than removed,
///    or fewer, is a change of terms, not of scope.
/// 6. Anything else (a proposition reworded, targets swapped) is a change.
///
/// A step is classified from its two positions alone, so it reads the same in every window
/// that contains it; a window's net change is the same rules applied to its first and last.
enum ChangeClassifier {
  static func classify(from old: PositionSummary, to new: PositionSummary) -> (
    ChangeKind, [String]
  ) {
    var details: [String] = []
    if old.kind != new.kind { details.append("kind: \(old.kind.rawValue) → \(new.kind.rawValue)") }
    if old.modality != new.modality {
      details.append("modality: \(old.modality.rawValue) → \(new.modality.rawValue)")
    }
    if old.polarity != new.polarity {
      details.append("polarity: \(old.polarity.rawValue) → \(new.polarity.rawValue)")
    }
    if old.issue != new.issue { details.append("issue: \(old.issue) → \(new.issue)") }
    if old.propositionKey != new.propositionKey || old.proposition != new.proposition {
      details.append("proposition: “\(old.proposition)” → “\(new.proposition)”")
    }
    let addedTargets = Set(new.target).subtracting(old.target).sorted()
    let removedTargets = Set(old.target).subtracting(new.target).sorted()
    if !addedTargets.isEmpty || !removedTargets.isEmpty {
      let parts = addedTargets.map { "+\($0)" } + removedTargets.map { "−\($0)" }
      details.append("target: \(parts.joined(separator: " "))")
    }
    let addedConditions = new.conditions.filter { !old.conditions.contains($0) }
    let removedConditions = old.conditions.filter { !new.conditions.contains($0) }
    details += addedConditions.map { "condition added: \($0)" }
    details += removedConditions.map { "condition removed: \($0)" }
    let oldDeadline = old.lastDayInForce
    let newDeadline = new.lastDayInForce
    if oldDeadline != newDeadline {
      let said = { (day: Int?) in
        day.map { "\(PartialDate(storedValue: $0, precision: .day))" } ?? "none"
      }
      details.append("in force until: \(said(oldDeadline)) → \(said(newDeadline))")
    }

    // 1. Reversal.
    let yesWithoutTheConditions =
      old.kind == .rejection && new.kind.isTowardAgreement && !old.conditions.isEmpty
      && old.conditions.allSatisfy { !new.conditions.contains($0) }
    if old.polarity != new.polarity
      || (old.isFirmRefusal && new.kind.isTowardAgreement)
      || (new.isFirmRefusal && old.kind.isTowardAgreement) || yesWithoutTheConditions
    {
      return (.reversed, ["reversal"] + details)
    }
    // 2. A refusal that opens or shuts a door.
    if old.isFirmRefusal && new.kind == .rejection && !new.isFirmRefusal {
      return (.softened, details + ["a firm refusal now names conditions"])
    }
    if new.isFirmRefusal && old.kind == .rejection && !old.isFirmRefusal {
      return (.hardened, details + ["a conditional refusal is now unconditional"])
    }
    // 3. Conditions.
    if !addedConditions.isEmpty && removedConditions.isEmpty { return (.hardened, details) }
    if !removedConditions.isEmpty && addedConditions.isEmpty { return (.softened, details) }
    // 4. The ladder.
    if let before = StanceStrength(kind: old.kind, modality: old.modality),
      let after = StanceStrength(kind: new.kind, modality: new.modality), before != after
    {
      return (after > before ? .hardened : .softened, details)
    }
    if old.kind == new.kind, old.modality == new.modality,
      [.threat, .demand, .condition].contains(new.kind),
      let oldDeadline, let newDeadline, oldDeadline != newDeadline
    {
      return (newDeadline < oldDeadline ? .hardened : .softened, details)
    }
    // 5. Scope.
    let broaderSlot = old.issue.hasPrefix(new.issue + "/")
    let narrowerSlot = new.issue.hasPrefix(old.issue + "/")
    let sameStance = old.kind == new.kind && old.modality == new.modality
    if sameStance && addedConditions.count == removedConditions.count {
      let widens = (!addedTargets.isEmpty && removedTargets.isEmpty) || broaderSlot
      let narrows = (!removedTargets.isEmpty && addedTargets.isEmpty) || narrowerSlot
      if widens && !narrows { return (.scopeWidened, details) }
      if narrows && !widens { return (.scopeNarrowed, details) }
    }
    return (.changed, details.isEmpty ? ["restated in other words"] : details)
  }
}

extension PositionSummary {
  /// The last day of the position's term or period in force (`yyyymmdd`), if it has one.
  var lastDayInForce: Int? {
    guard let term else { return nil }
    if let until = term.inForceUntil { return until.lastDay }
    guard let days = term.termDays else { return nil }
    return PartialDate.day((term.inForceFrom ?? validFrom).firstDay, plus: days - 1)
  }

  /// A rejection with no conditions, not conditional: "no", with no door left open.
  var isFirmRefusal: Bool {
    kind == .rejection && conditions.isEmpty && modality != .conditional
  }
}

extension StanceKind {
  /// Stances that move toward an agreement: the opposite of a firm refusal.
  var isTowardAgreement: Bool {
    self == .acceptance || self == .commitment || self == .proposal || self == .consideration
  }
}
