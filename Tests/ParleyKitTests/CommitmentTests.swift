import ParleyTestSupport
import Testing

@testable import ParleyKit

/// Commitments and threats have outcomes with evidence (issue 10, part 2), and `contested`
/// answers for today and for every kind (part 7).
struct CommitmentTests {
  private let day = LifecycleFixture.day

  static let outcomes = """
    documents:
      - id: d-0423
        title: Monitors report
        published: 2025-04-23
        statements:
          - {id: s-monitors, on_behalf_of: gamma, said: 2025-04-23, attribution: reported, quote: "strikes on energy sites continued", supports: [{position: a-energy-halt, role: disputes}]}
    outcomes:
      - {position: a-energy-halt, outcome: broken, on: 2025-04-23, statement: s-monitors}
    ends:
      - {position: a-holiday-truce, on: 2025-04-21, reason: fulfilled}
    """

  @Test func theTimelineShowsEachOutcomeWithTheStatementThatShowsIt() throws {
    let store = try LifecycleFixture.store()
    try store.load([Fixtures.input(Self.outcomes, path: "outcomes.yaml")])
    let events = try store.timeline(party: "alpha", from: day("2025-04-23"), to: day("2025-04-23"))
      .events
    let outcome = try #require(events.first { $0.kind == .outcome })
    #expect(outcome.positions == ["a-energy-halt"])
    #expect(outcome.party == "alpha")
    #expect(outcome.text == "broken")
    #expect(outcome.statement == "s-monitors")
    #expect(outcome.document == "d-0423")
    // Not yet public on a day before the monitors' report was published.
    let early = try store.timeline(party: "alpha", publishedBy: day("2025-04-22")).events
    #expect(!early.contains { $0.kind == .outcome })
    #expect(
      try TextRenderer().render(try store.timeline(party: "alpha")).contains("per s-monitors"))
  }

  @Test(
    "The brief gives a commitment's deadline as a date",
    arguments: [("a-energy-halt", "2025-04-16"), ("a-may-truce", "2025-05-10")])
  func theBriefGivesACommitmentsDeadlineAsADate(position: String, lastDay: String) throws {
    let store = try LifecycleFixture.store()
    let brief = try store.briefing(asOf: day("2025-05-01"), parties: ["alpha"], focus: .full)
    let entry = try #require(brief.commitments.first { $0.position == position })
    #expect(entry.lastDayInForce == lastDay)
  }

  @Test func eachCommitmentHasItsOutcomeOnTheDayAskedWithItsEvidence() throws {
    let store = try LifecycleFixture.store()
    try store.load([Fixtures.input(Self.outcomes, path: "outcomes.yaml")])
    let byId = { (on: String) in
      Dictionary(
        uniqueKeysWithValues: try store.commitments(holders: ["alpha"], asOf: self.day(on))
          .commitments.map { ($0.position.id, $0) })
    }
    let early = try byId("2025-04-20")
    #expect(early["a-energy-halt"]?.outcome == .pending)
    #expect(early["a-may-truce"] == nil)
    let late = try byId("2025-05-20")
    #expect(late["a-energy-halt"]?.outcome == .broken)
    #expect(late["a-energy-halt"]?.assessments.map(\.statement) == ["s-monitors"])
    #expect(late["a-holiday-truce"]?.outcome == .kept)
    #expect(late["a-holiday-truce"]?.basis == "fulfilled")
    #expect(late["a-may-truce"]?.outcome == .pending)
    #expect(late["a-may-truce"]?.flags == ["past-term-no-outcome"])
  }

  @Test func theBriefAndTheReportShowCommitments() throws {
    let store = try LifecycleFixture.store()
    try store.load([Fixtures.input(Self.outcomes, path: "outcomes.yaml")])
    let brief = try store.briefing(asOf: day("2025-05-20"), parties: ["alpha"])
    #expect(brief.commitments.contains { $0.position == "a-energy-halt" && $0.outcome == .broken })
    #expect(brief.sources.contains { $0.statements.contains("s-monitors") })
    let report = try store.report(parties: ["alpha"], asOf: day("2025-05-20"))
    #expect(report.commitments.contains { $0.position.id == "a-holiday-truce" })
  }

  @Test func contestedAnswersForTodayAndListsDisputedPositionsOfEveryKind() throws {
    let store = try LifecycleFixture.store()
    try store.load([Fixtures.input(Self.outcomes, path: "outcomes.yaml")])
    // The monitors disputed the energy halt on 23 April, after it expired (17 April): as of
    // 16 April nobody had yet, on 23 April it is no longer held; --all lists it.
    let onTheDay = try store.contested(asOf: day("2025-04-16")).claims.map(\.claim.id)
    #expect(!onTheDay.contains("a-energy-halt"))
    #expect(onTheDay.contains("a-no-troops"))  // contradicted by Beta's proposal
    let later = try store.contested(asOf: day("2025-04-23")).claims.map(\.claim.id)
    #expect(!later.contains("a-energy-halt"))
    let all = try store.contested(all: true).claims.map(\.claim.id)
    #expect(all.contains("a-energy-halt"))
    // Without a day, the store's today (the test clock's 25 March 2025), not every position.
    let today = try store.contested()
    #expect(today.asOf?.description == "2025-03-25")
    #expect(!today.claims.map(\.claim.id).contains("a-holiday-truce"))
  }
}
