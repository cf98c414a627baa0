import ParleyTestSupport
import Testing

@testable import ParleyKit

/// The loader refuses lifecycle mistakes that used to pass silently, and leaves the store as
/// it was (issue 10, part 6, and issue 16, items 1 and 2).
struct LifecycleLoaderTests {
  static let mistakes: [(String, String, String)] = [
    (
      "a second withdrawal of an ended position",
      """
      withdrawals:
        - {position: a-holiday-truce, on: 2025-04-21}
        - {position: a-holiday-truce, on: 2025-04-25}
      """,
      "already ended on 2025-04-21"
    ),
    (
      "a withdrawal of a superseded position",
      "withdrawals: [{position: a-weighs, on: 2025-04-01}]",
      "'a-weighs' already ended on 2025-03-13 (superseded by a-in-principle)"
    ),
    (
      "a withdrawal after the term ran out",
      "withdrawals: [{position: a-energy-halt, on: 2025-04-20}]",
      "is held only until 2025-04-17"
    ),
    (
      "a withdrawal whose statement speaks for another party",
      "withdrawals: [{position: a-no-troops, on: 2025-04-01, statement: s-beta-0320}]",
      "statement 's-beta-0320' speaks for beta, but 'a-no-troops' is held by alpha"
    ),
    (
      "an end before the position began",
      "ends: [{position: a-may-truce, on: 2025-04-01, reason: expired}]",
      "is not after the position began"
    ),
    (
      "an outcome before the position began",
      "outcomes: [{position: a-may-truce, outcome: kept, on: 2025-04-01}]",
      "is before 'a-may-truce' began on 2025-04-28"
    ),
    (
      "an outcome that does not fit the stance",
      "outcomes: [{position: a-no-troops, outcome: kept, on: 2025-04-01}]",
      "a rejection has no outcome"
    ),
    (
      "a fulfilled claim",
      """
      documents:
        - id: d-claim
          title: A claim
          published: 2025-04-01
          statements:
            - {id: s-claim, speaker: ann, said: 2025-04-01, attribution: reported, quote: "we hold the town", supports: [{id: a-claim, issue: prisoners, key: claim, proposition: Alpha holds the town., kind: claim}]}
      ends: [{position: a-claim, on: 2025-04-02, reason: fulfilled}]
      """,
      "is a claim, which cannot be fulfilled"
    ),
    (
      "a second successor of the same position on the same day",
      """
      documents:
        - id: d-rival
          title: A rival successor
          published: 2025-03-18
          statements:
            - {id: s-rival, speaker: ann, said: 2025-03-18, attribution: reported, quote: "another line", supports: [{id: a-rival, issue: ceasefire/general, key: rival, proposition: Another line., kind: acceptance, supersedes: a-in-principle}]}
      """,
      "'a-in-principle' is already superseded (superseded by a-with-conditions)"
    ),
    (
      "both a term and an end date",
      """
      documents:
        - id: d-both
          title: Both
          published: 2025-04-01
          statements:
            - {id: s-both, speaker: ann, said: 2025-04-01, attribution: reported, quote: "both", supports: [{id: a-both, issue: prisoners, key: both, proposition: Both., kind: commitment, term_days: 5, valid_to: 2025-05-01}]}
      """,
      "gives both valid_to and a term"
    ),
  ]

  @Test(arguments: mistakes)
  func aLifecycleMistakeIsRefusedWithItsLocationAndNothingIsWritten(
    mistake: String, yaml: String, expected: String
  ) throws {
    let store = try LifecycleFixture.store()
    let before = try Fixtures.rowCounts(store)
    let error = try #require(throws: LoadError.self, "\(mistake)") {
      try store.load([Fixtures.input(yaml, path: "mistake.yaml")])
    }
    #expect(error.description.contains(expected), "\(mistake): \(error.description)")
    #expect(error.description.contains("mistake.yaml:"))
    #expect(try Fixtures.rowCounts(store) == before)
  }

  @Test func aRestatementAfterTheEndIsLoadedWithAWarningNamingItsLine() throws {
    let store = try LifecycleFixture.store()
    let report = try store.load([
      Fixtures.input(
        """
        documents:
          - id: d-late
            title: Late
            published: 2025-05-01
            statements:
              - {id: s-late, speaker: ann, said: 2025-05-01, attribution: reported, quote: "holiday truce", supports: [a-holiday-truce]}
        """, path: "late.yaml")
    ])
    let warning = try #require(report.warnings.only)
    #expect(warning.description.hasPrefix("late.yaml:"))
    #expect(warning.message.contains("restates 'a-holiday-truce', which ended on 2025-04-22"))
    // A statement on the day the position ended (announcing the change) is no warning.
    let sameDay = try store.load([
      Fixtures.input(
        """
        documents:
          - id: d-end-day
            title: End day
            published: 2025-04-22
            statements:
              - {id: s-end-day, speaker: ann, said: 2025-04-22, attribution: reported, quote: "the truce", supports: [a-holiday-truce]}
        """, path: "same-day.yaml")
    ])
    #expect(sameDay.warnings.isEmpty)
  }

  @Test func theSameEndsTermsAndOutcomesLoadedAgainChangeNothing() throws {
    let store = try LifecycleFixture.store()
    let later = """
      documents:
        - id: d-out
          title: Outcome
          published: 2025-04-22
          statements:
            - {id: s-out, on_behalf_of: gamma, said: 2025-04-22, attribution: reported, quote: "it held", supports: [{position: a-holiday-truce, role: corroborates}]}
      ends: [{position: a-holiday-truce, on: 2025-04-21, reason: fulfilled, statement: s-0419}]
      outcomes: [{position: a-holiday-truce, outcome: kept, on: 2025-04-22, statement: s-out}]
      """
    try store.load([Fixtures.input(later, path: "later.yaml")])
    let again = try store.load([
      Fixtures.input(LifecycleFixture.yaml, path: "lifecycle.yaml"),
      Fixtures.input(later, path: "later.yaml"),
    ])
    #expect(again.changedNothing)
  }

  @Test func aStoreMadeBeforeLifecyclesKeepsItsRowsAndItsWithdrawalsReload() throws {
    // The seed corpus, loaded twice, is the file every store was made from.
    let store = try Fixtures.seededStore()
    #expect(try store.loadSeedCorpus().changedNothing)
  }
}
