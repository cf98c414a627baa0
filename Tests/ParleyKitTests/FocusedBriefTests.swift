import GRDB
import ParleySynthetic
import ParleyTestSupport
import Testing

@testable import ParleyKit

/// A brief a briefing writer can use (issue 11, parts 5 and 7): changes first by significance,
/// trends, stale positions, a capped default length and the full feed on request.
struct FocusedBriefTests {
  private let day = LifecycleFixture.day

  @Test func changesComeFirstMostSignificantFirstAndTheDefaultLengthIsCapped() throws {
    let store = try LifecycleFixture.store()
    let full = try store.briefing(
      asOf: day("2025-04-10"), since: day("2025-03-12"), parties: ["alpha"], focus: .full)
    let focused = try store.briefing(
      asOf: day("2025-04-10"), since: day("2025-03-12"), parties: ["alpha"],
      focus: BriefFocus(maxItems: 2))
    #expect(full.omitted == nil)
    #expect(full.worldChanges.count > 2)
    #expect(focused.worldChanges.count == 2)
    #expect(focused.omitted?.worldChanges == full.worldChanges.count - 2)
    // The reversal (a refusal of partial truces turned into an energy halt) leads.
    #expect(focused.worldChanges.first?.change == .reversed)
    let kinds = Dictionary(
      full.parties.flatMap(\.positions).map { ($0.id, $0.kind) }, uniquingKeysWith: { a, _ in a })
    let ranks = full.worldChanges.map { BriefFocus.rank($0, kindOf: { kinds[$0] }) }
    #expect(ranks == ranks.sorted())
    // The standings keep the positions the kept changes name.
    let standing = Set(focused.parties.flatMap(\.positions).map(\.id))
    #expect(standing.count <= 2)
    #expect(
      standing.contains("a-energy-halt"), "the leading change's position is among the standings")
    #expect(focused.omitted?.positions == full.parties.flatMap(\.positions).count - standing.count)
  }

  @Test func trendsSayWhereEachPartyMovedOnEachIssue() throws {
    let store = try LifecycleFixture.store()
    let brief = try store.briefing(
      asOf: day("2025-03-20"), since: day("2025-03-12"), parties: ["alpha"], focus: .full)
    let trends = Dictionary(uniqueKeysWithValues: brief.trends.map { ($0.issue, $0.trend) })
    #expect(trends["ceasefire/general"] == "hardened")
    #expect(trends["ceasefire/partial/energy"] == "reversed")
    #expect(trends["security/foreign-troops"] == "new")
  }

  @Test func positionsNotRestatedForLongAndCommitmentsPastTheirTermAreFlagged() throws {
    let store = try LifecycleFixture.store()
    let brief = try store.briefing(
      asOf: day("2025-12-31"), parties: ["alpha"], focus: BriefFocus(staleAfterDays: 180))
    let stale = Dictionary(uniqueKeysWithValues: brief.stale.map { ($0.position, $0) })
    #expect(stale["a-no-troops"]?.reason == "not-restated")
    #expect(stale["a-no-troops"]?.lastStated?.description == "2025-03-12")
    #expect(stale["a-may-truce"]?.reason == "past-term-no-outcome")
    let recent = try store.briefing(
      asOf: day("2025-04-01"), parties: ["alpha"], focus: BriefFocus(staleAfterDays: 180))
    #expect(!recent.stale.contains { $0.position == "a-no-troops" })
  }

  /// A focused brief reads every commitment without its details and the kept ones in full: what
  /// it shows of them is what the full brief shows.
  @Test(arguments: [1, 25])
  func keptCommitmentsCarryTheirEvidenceAndTerms(maxItems: Int) throws {
    let store = try LifecycleFixture.store()
    let asOf = try day("2025-12-31")
    let full = try store.briefing(asOf: asOf, parties: ["alpha"], focus: .full)
    let focused = try store.briefing(
      asOf: asOf, parties: ["alpha"], focus: BriefFocus(maxItems: maxItems, staleAfterDays: 180))
    #expect(!focused.commitments.isEmpty)
    let fullCommitments = Dictionary(
      uniqueKeysWithValues: full.commitments.map { ($0.position, $0) })
    for commitment in focused.commitments {
      #expect(commitment == fullCommitments[commitment.position])
    }
    #expect(focused.commitments.contains { !$0.statements.isEmpty })
    let fullStale = Dictionary(uniqueKeysWithValues: full.stale.map { ($0.position, $0) })
    let pastTerm = focused.stale.filter { $0.reason == "past-term-no-outcome" }
    #expect(!pastTerm.isEmpty)
    for flag in pastTerm {
      #expect(flag.lastStated != nil)
      #expect(flag == fullStale[flag.position])
    }
  }

  /// A synthetic store of 3,000 statements, built once for the staleness checks below.
  static let synthetic: Result<ParleyStore, any Error> = Result {
    let store = try ParleyStore(DatabaseQueue(configuration: ParleyStore.makeConfiguration()))
    try Fixtures.withTemporaryDirectory { folder in
      let path = folder.appendingPathComponent("corpus.jsonl").path
      try SyntheticCorpus(statements: 3_000, seed: 5).write(toFile: path)
      try store.load([], streams: [path])
    }
    return store
  }

  /// The brief finds stale positions without reading every held position's evidence: the ones
  /// it flags are those whose last supporting statement, read in full, is older than the limit.
  @Test(arguments: ["2022-03-31", "2023-06-30", "2024-11-15"], [[], ["arden"]])
  func stalePositionsAreThoseWhoseLastStatementIsOlderThanTheLimit(
    asOf: String, parties: [String]
  ) throws {
    let store = try Self.synthetic.get()
    let day = day(asOf)
    let brief = try store.briefing(asOf: day, parties: parties, focus: .full)
    let flagged = brief.stale.filter { $0.reason == "not-restated" }
    var expected: [String: PartialDate] = [:]
    for position in try store.positions(PositionFilter(holders: parties, asOf: day)) {
      guard let last = position.lastStated,
        PartialDate.days(from: last.lastDay, to: day.lastDay) > 180
      else { continue }
      expected[position.id] = last
    }
    #expect(!expected.isEmpty)
    #expect(Set(flagged.map(\.position)) == Set(expected.keys))
    for flag in flagged { #expect(flag.lastStated == expected[flag.position]) }
  }
}
