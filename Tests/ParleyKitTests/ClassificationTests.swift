import Testing

@testable import ParleyKit

/// The rules that tell hardened from softened (README, "How a change is classified"): one
/// worked example each, from the analyst's reading.
struct ClassificationTests {
  typealias P = LifecycleFixture

  static let rules: [(String, PositionSummary, PositionSummary, ChangeKind)] = [
    (
      "1. a firm refusal turns into acceptance",
      P.position("old", kind: .rejection), P.position("new", kind: .acceptance), .reversed
    ),
    (
      "1. a refusal unless X turns into a yes without X",
      P.position("old", kind: .rejection, modality: .conditional, conditions: ["guarantees first"]),
      P.position("new", kind: .acceptance), .reversed
    ),
    (
      "1. polarity flips",
      P.position("old", kind: .demand), P.position("new", kind: .demand, polarity: .against),
      .reversed
    ),
    (
      "2. a firm refusal names conditions",
      P.position("old", kind: .rejection),
      P.position("new", kind: .rejection, conditions: ["guarantees first"]), .softened
    ),
    (
      "2. a conditional refusal drops its conditions",
      P.position("old", kind: .rejection, conditions: ["guarantees first"]),
      P.position("new", kind: .rejection), .hardened
    ),
    (
      "3. conditions added to an acceptance, even as a refusal of the full truce",
      P.position("old", kind: .acceptance, modality: .conditional),
      P.position(
        "new", kind: .rejection, modality: .conditional,
        conditions: ["arms deliveries stop", "mobilisation stops"]), .hardened
    ),
    (
      "3. conditions removed",
      P.position("old", kind: .acceptance, modality: .conditional, conditions: ["a", "b"]),
      P.position("new", kind: .acceptance, modality: .conditional, conditions: ["a"]), .softened
    ),
    (
      "4. up the ladder: consideration to acceptance",
      P.position("old", kind: .consideration, modality: .hedged),
      P.position("new", kind: .acceptance), .hardened
    ),
    (
      "4. down the ladder: threat to demand",
      P.position("old", kind: .threat), P.position("new", kind: .demand), .softened
    ),
    (
      "4. an ultimatum cut from 50 days to 10, its wording changed with it",
      withTerm(days: 50, P.position("old", kind: .threat, conditions: ["no deal in 50 days"])),
      withTerm(days: 10, P.position("new", kind: .threat, conditions: ["no deal in 10 days"])),
      .hardened
    ),
    (
      "5. a threat widened from oil buyers to banks",
      P.position("old", kind: .threat, target: ["oil-buyers"]),
      P.position("new", kind: .threat, target: ["banks", "oil-buyers"]), .scopeWidened
    ),
    (
      "5. a threat extended to a second party, its deadline swapped for another",
      P.position("old", kind: .threat, target: ["russia"], conditions: ["no truce by 1 May"]),
      P.position(
        "new", kind: .threat, target: ["oil-buyers", "russia"],
        conditions: ["no truce within 50 days"]), .scopeWidened
    ),
    (
      "5. a stance moved to a narrower slot",
      P.position("old", kind: .commitment, issue: "ceasefire/partial"),
      P.position("new", kind: .commitment, issue: "ceasefire/partial/energy"), .scopeNarrowed
    ),
    (
      "6. the proposition reworded",
      P.position("old", kind: .demand, proposition: "one"),
      P.position("new", kind: .demand, proposition: "two"), .changed
    ),
  ]

  /// The position with a term of `days` days.
  static func withTerm(days: Int, _ position: PositionSummary) -> PositionSummary {
    var position = position
    position.term = PositionTermView(termDays: days, inForceFrom: nil, inForceUntil: nil)
    return position
  }

  @Test func aMovedDeadlineIsNamedInTheDetails() {
    let old = Self.withTerm(days: 50, P.position("old", kind: .threat))
    let new = Self.withTerm(days: 10, P.position("new", kind: .threat))
    let (_, details) = ChangeClassifier.classify(from: old, to: new)
    #expect(details.contains("in force until: 2025-04-19 → 2025-03-10"))
  }

  @Test(arguments: rules)
  func eachRuleClassifiesItsWorkedExample(
    rule: String, old: PositionSummary, new: PositionSummary, expected: ChangeKind
  ) {
    let (kind, details) = ChangeClassifier.classify(from: old, to: new)
    #expect(kind == expected, "\(rule): \(details)")
    if expected == .reversed { #expect(details.first == "reversal") }
  }

  @Test(arguments: rules)
  func theOppositeStepIsClassifiedAsTheOppositeChange(
    rule: String, old: PositionSummary, new: PositionSummary, expected: ChangeKind
  ) {
    let opposite: [ChangeKind: ChangeKind] = [
      .hardened: .softened, .softened: .hardened, .scopeWidened: .scopeNarrowed,
      .scopeNarrowed: .scopeWidened, .changed: .changed,
    ]
    // A reversal back is a reversal only when it turns a firm refusal into agreement or flips
    // polarity; "yes without the conditions" read backwards adds conditions.
    guard let back = opposite[expected],
      !(new.kind == .rejection && old.kind.isTowardAgreement)
    else { return }
    let (kind, _) = ChangeClassifier.classify(from: new, to: old)
    #expect(kind == back, "\(rule), backwards")
  }
}
