import Foundation
import ParleyTestSupport
import Testing

@testable import ParleyKit

/// The time engine follows the path inside a window (issue 10): chains, positions that came and
/// went, terms and periods in force, status on the day asked, relations and restatements.
struct PathDiffTests {
  private let day = LifecycleFixture.day

  @Test func aChainOfThreeStepsShowsEveryLinkWithItsDateAndTheNetChange() throws {
    let store = try LifecycleFixture.store()
    let diff = try store.diff(
      holder: "alpha", issues: ["ceasefire/general"], from: day("2025-03-12"),
      to: day("2025-03-20"))
    let change = try #require(diff.changes.only)
    #expect(change.before?.id == "a-weighs")
    #expect(change.after?.id == "a-with-conditions")
    #expect(change.through.map(\.id) == ["a-in-principle"])
    #expect(change.steps.map(\.on.description) == ["2025-03-13", "2025-03-18"])
    #expect(change.steps.map(\.from) == ["a-weighs", "a-in-principle"])
    #expect(change.steps.map(\.change) == [.hardened, .hardened])
    #expect(change.change == .hardened)
    #expect(change.details.contains("condition added: arms deliveries to Beta stop"))
    let text = try TextRenderer().render(diff)
    #expect(text.contains("a-weighs → a-in-principle → a-with-conditions"))
    #expect(text.contains("2025-03-13  hardened  a-weighs → a-in-principle"))
  }

  @Test(arguments: [
    ("2025-03-12", "2025-03-14"), ("2025-03-12", "2025-03-20"), ("2025-03-01", "2025-04-30"),
  ])
  func aStepIsClassifiedTheSameInEveryWindowThatContainsIt(from: String, to: String) throws {
    let store = try LifecycleFixture.store()
    let diff = try store.diff(
      holder: "alpha", issues: ["ceasefire/general"], from: day(from), to: day(to))
    let step = try #require(
      diff.changes.flatMap(\.steps).first { $0.from == "a-weighs" && $0.to == "a-in-principle" })
    #expect(step.change == .hardened)
    #expect(step.on.description == "2025-03-13")
  }

  /// The end of the holiday truce, however the curator wrote it.
  static let endings: [(String, String, String)] = [
    ("its period in force", "", "expired on 2025-04-22"),
    (
      "a withdrawal", "withdrawals: [{position: a-holiday-truce, on: 2025-04-21}]",
      "withdrawn on 2025-04-21"
    ),
    (
      "a fulfilment", "ends: [{position: a-holiday-truce, on: 2025-04-21, reason: fulfilled}]",
      "fulfilled on 2025-04-21"
    ),
    (
      "a declared expiry", "ends: [{position: a-holiday-truce, on: 2025-04-20, reason: expired}]",
      "expired on 2025-04-20"
    ),
  ]

  @Test(arguments: endings)
  func aPositionThatCameAndWentInsideTheWindowAppearsWhateverEndedIt(
    how: String, ending: String, expected: String
  ) throws {
    let store = try LifecycleFixture.store()
    if !ending.isEmpty { try store.load([Fixtures.input(ending, path: "end.yaml")]) }
    let diff = try store.diff(
      holder: "alpha", issues: ["ceasefire/holiday"], from: day("2025-04-01"),
      to: day("2025-04-27"))
    let change = try #require(diff.changes.only, "ended by \(how)")
    #expect(change.change == .cameAndWent)
    #expect(change.before == nil && change.after == nil)
    #expect(change.through.map(\.id) == ["a-holiday-truce"])
    #expect(change.steps.map(\.change) == [.added, .dropped])
    #expect(change.steps.last?.details.first?.hasPrefix(expected) == true, "\(change.steps)")
  }

  @Test func aPositionSupersededInsideTheWindowByOneThatEndedThereTooAppearsAsAChain() throws {
    let store = try LifecycleFixture.store()
    try store.load([
      Fixtures.input(
        """
        documents:
          - id: d-0420
            title: Alpha extends the truce
            published: 2025-04-20
            statements:
              - id: s-0420
                speaker: ann
                said: 2025-04-20
                attribution: reported
                quote: "one more day"
                supports:
                  - {id: a-holiday-truce-longer, issue: ceasefire/holiday, key: holiday-truce, proposition: Alpha keeps the holiday truce a day longer., kind: commitment, in_force_until: 2025-04-22, supersedes: a-holiday-truce}
        """, path: "extend.yaml")
    ])
    let diff = try store.diff(
      holder: "alpha", issues: ["ceasefire/holiday"], from: day("2025-04-01"),
      to: day("2025-04-27"))
    let change = try #require(diff.changes.only)
    #expect(change.change == .cameAndWent)
    #expect(change.through.map(\.id) == ["a-holiday-truce", "a-holiday-truce-longer"])
    #expect(change.steps.map(\.change) == [.added, .changed, .dropped])
  }

  @Test func aTermEndsThePositionWithoutAWithdrawalAndStatusFollowsTheDayAsked() throws {
    let store = try LifecycleFixture.store()
    func held(_ on: String) throws -> [PositionSummary] {
      try store.positions(
        PositionFilter(issues: ["ceasefire/partial/energy"], asOf: day(on)))
    }
    // Taken up on 18 March for 30 days: held through 16 April, not on 17 April.
    #expect(try held("2025-04-16").map(\.id) == ["a-energy-halt"])
    #expect(try held("2025-04-16").first?.status == .active)
    #expect(try held("2025-04-17").isEmpty)
    let detail = try store.positionDetail(id: "a-energy-halt")
    #expect(detail.position.validTo?.description == "2025-04-17")
    #expect(detail.position.status == .expired)
    #expect(detail.position.endReason == .expired)
    #expect(detail.position.term?.termDays == 30)
    let diff = try store.diff(holder: "alpha", from: day("2025-04-01"), to: day("2025-04-30"))
    let dropped = try #require(diff.changes.first { $0.before?.id == "a-energy-halt" })
    #expect(dropped.change == .dropped)
    #expect(
      dropped.details.first?.hasPrefix("expired on 2025-04-17 (its term ran out: for 30 days)")
        == true)
  }

  @Test func aPeriodInForceDistinctFromTheAnnouncementBoundsTheInterval() throws {
    let store = try LifecycleFixture.store()
    let detail = try store.positionDetail(id: "a-may-truce")
    #expect(detail.position.validFrom.description == "2025-04-28")
    #expect(detail.position.validTo?.description == "2025-05-11")
    #expect(detail.position.term?.inForceFrom?.description == "2025-05-08")
    let held = { (on: String) in
      try store.positions(PositionFilter(issues: ["ceasefire/holiday"], asOf: day(on))).map(\.id)
    }
    #expect(try held("2025-05-10") == ["a-may-truce"])
    #expect(try held("2025-05-11") == [])
  }

  @Test func aPositionIsActiveOnEveryDayItIsHeldAndShowsItsEndReasonAfter() throws {
    let store = try LifecycleFixture.store()
    try store.load([Fixtures.input(Self.endings[1].1, path: "end.yaml")])
    let before = try store.positions(
      PositionFilter(issues: ["ceasefire/holiday"], asOf: day("2025-04-20")))
    #expect(before.map(\.id) == ["a-holiday-truce"])
    #expect(before.first?.status == .active)
    var all = PositionFilter()
    all.referenceDay = 2025_05_01
    let after = try store.positions(all).first { $0.id == "a-holiday-truce" }
    #expect(after?.status == .withdrawn)
    #expect(after?.endReason == .withdrawn)
  }

  @Test func aSupersessionMayMoveToANarrowerSlotAndTheDiffPairsThem() throws {
    let store = try LifecycleFixture.store()
    for issues in [[String](), ["ceasefire/partial/energy"]] {
      let diff = try store.diff(
        holder: "alpha", issues: issues, from: day("2025-03-14"), to: day("2025-03-20"))
      let change = try #require(diff.changes.first { $0.after?.id == "a-energy-halt" })
      #expect(change.before?.id == "a-no-partial", "issues \(issues)")
      #expect(change.change == .reversed)
      #expect(change.details.contains("issue: ceasefire/partial → ceasefire/partial/energy"))
    }
  }

  @Test func aDiffNamesThePositionsAChangeContradictsOrAnswers() throws {
    let store = try LifecycleFixture.store()
    let diff = try store.diff(holder: "beta", from: day("2025-03-14"), to: day("2025-03-25"))
    let change = try #require(diff.changes.first { $0.after?.id == "b-force" })
    let relation = try #require(change.related.only)
    #expect(relation.kind == .contradicts && relation.other == "a-no-troops")
    #expect(relation.otherHolder == "alpha")
    #expect(
      try TextRenderer().render(diff).contains("b-force contradicts a-no-troops (alpha rejection"))
  }

  @Test func restatementsInsideTheWindowAreListedDatedWithTheirSpeaker() throws {
    let store = try LifecycleFixture.store()
    try store.load([
      Fixtures.input(
        """
        documents:
          - id: d-0410
            title: Alpha repeats itself
            published: 2025-04-10
            statements:
              - {id: s-0410, speaker: ann, said: 2025-04-10, attribution: reported, quote: "still no troops", supports: [a-no-troops]}
        """, path: "restate.yaml")
    ])
    let diff = try store.diff(
      holder: "alpha", issues: ["security/foreign-troops"], from: day("2025-04-01"),
      to: day("2025-04-30"))
    let line = try #require(diff.restated.only?.statements.only)
    #expect(line.statement == "s-0410" && line.speaker == "Ann Speaker")
    #expect(line.date.description == "2025-04-10")
    #expect(try TextRenderer().render(diff).contains("2025-04-10 Ann Speaker for alpha (s-0410)"))
  }

  @Test func knownSinceReadsAnEndAsWhatItIsAndCountsNewRelationsAndRoles() throws {
    let store = try LifecycleFixture.store()
    try store.load([
      Fixtures.input(
        """
        documents:
          - id: d-0422
            title: Reactions
            published: 2025-04-22
            statements:
              - id: s-gamma
                on_behalf_of: gamma
                said: 2025-04-22
                attribution: reported
                quote: "the truce was not kept"
                supports: [{position: a-holiday-truce, role: disputes}]
              - id: s-ann-end
                speaker: ann
                said: 2025-04-21
                attribution: reported
                quote: "the truce is over"
                supports: [a-holiday-truce]
        withdrawals: [{position: a-holiday-truce, on: 2025-04-21, statement: s-ann-end}]
        relations: [{from: b-force, kind: responds-to, to: a-weighs}]
        """, path: "later.yaml")
    ])
    let learned = try store.learnedSince(holder: "alpha", since: 1)
    let ended = try #require(learned.changes.first { $0.after?.id == "a-holiday-truce" })
    #expect(ended.change == .ended)
    #expect(ended.details.first == "withdrawn on 2025-04-21, per statement s-ann-end")
    let text = try TextRenderer().render(learned)
    #expect(!text.contains("a-holiday-truce → a-holiday-truce"))
    let relation = try #require(learned.changes.first { $0.after?.id == "a-weighs" })
    #expect(relation.change == .newEvidence)
    #expect(relation.details.contains { $0.hasPrefix("new relation: answered by b-force") })
  }

  @Test func aWithdrawnPositionKeepsItsStatementAndTheEndReasonInEveryView() throws {
    let store = try LifecycleFixture.store()
    try store.load([
      Fixtures.input(
        """
        ends: [{position: a-holiday-truce, on: 2025-04-21, reason: fulfilled, statement: s-0419}]
        """, path: "end.yaml")
    ])
    let detail = try store.positionDetail(id: "a-holiday-truce")
    #expect(detail.position.endReason == .fulfilled)
    #expect(detail.position.endedBy == "s-0419")
    #expect(detail.history.last?.status == .fulfilled)
  }
}

extension Collection {
  /// The one element of a collection of one; nil otherwise.
  var only: Element? { count == 1 ? first : nil }
}
