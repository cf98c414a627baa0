import Foundation
import ParleyTestSupport
import Testing

@testable import ParleyKit

/// What an analyst noticed loading six weeks of later news: a brief that gives every party its
/// share, says a ministry's claim once, names no position from after the day asked, does not
/// count a state restating its own ministry as corroboration, and says when a threat was
/// replaced rather than left pending.
struct AnalystTrialTests {
  private let day = LifecycleFixture.day

  /// Alpha holds twelve demands, its defence ministry one claim that Alpha restates; Beta holds
  /// one offer and answers Alpha in a document published later than it was said; Gamma threatens
  /// and later replaces its threat.
  static func store() throws -> ParleyStore {
    let demands = (1...12).map { index in
      "              - {id: a-demand-\(index), issue: talks, key: demand-\(index), proposition: Alpha demands point \(index)., kind: demand}"
    }.joined(separator: "\n")
    let yaml = """
      parties:
        - {id: alpha, name: Alpha, kind: state}
        - {id: alpha-defence, name: Alpha Defence Ministry, kind: government-body, parent: alpha}
        - {id: beta, name: Beta, kind: state}
        - {id: gamma, name: Gamma, kind: state}
      issues:
        - {id: talks, label: Talks}
        - {id: truce, label: Truce}
        - {id: sanctions, label: Sanctions}
      documents:
        - id: d-0301
          title: Alpha's list
          published: 2025-03-01
          statements:
            - id: s-a1
              on_behalf_of: alpha
              said: 2025-03-01
              attribution: reported
              quote: "Alpha sets out its list"
              supports:
      \(demands)
            - id: s-b1
              on_behalf_of: beta
              said: 2025-03-01
              attribution: reported
              quote: "Beta offers talks"
              supports:
                - {id: b-offer, issue: talks, key: offer-talks, proposition: Beta offers talks., kind: proposal}
            - id: s-g1
              on_behalf_of: gamma
              said: 2025-03-01
              attribution: reported
              quote: "Gamma threatens sanctions"
              supports:
                - {id: g-threat, issue: sanctions, key: sanctions-threat, proposition: Gamma will impose sanctions if the fighting goes on., kind: threat, modality: conditional}
        - id: d-0305
          title: The ministry's claim
          published: 2025-03-05
          statements:
            - id: s-def
              on_behalf_of: alpha-defence
              said: 2025-03-05
              attribution: claimed
              quote: "Beta broke the truce"
              supports:
                - {id: def-breach, issue: truce, key: beta-broke-truce, proposition: Beta broke the truce., kind: claim}
            - id: s-a2
              on_behalf_of: alpha
              said: 2025-03-06
              attribution: reported
              quote: "as our ministry said, Beta broke the truce"
              supports: [def-breach]
        - id: d-0320
          title: Beta's answer, reported late
          published: 2025-03-25
          statements:
            - id: s-b2
              on_behalf_of: beta
              said: 2025-03-20
              attribution: reported
              quote: "Beta answers Alpha's first point"
              supports:
                - {id: b-answer, issue: talks, key: answer-point-1, proposition: Beta answers Alpha's first demand., kind: rejection, responds_to: [a-demand-1]}
            - id: s-g2
              on_behalf_of: gamma
              said: 2025-03-20
              attribution: reported
              quote: "Gamma now threatens wider sanctions"
              supports:
                - {id: g-wider-threat, issue: sanctions, key: wider-sanctions-threat, proposition: Gamma will impose wider sanctions if the fighting goes on., kind: threat, modality: conditional, supersedes: g-threat}
      """
    let store = try Fixtures.emptyStore()
    _ = try store.load([Fixtures.input(yaml, path: "trial.yaml")])
    return store
  }

  @Test func theFocusedBriefSharesItsLengthAmongThePartiesAndSaysWhatItLeftOut() throws {
    let store = try Self.store()
    let brief = try store.briefing(asOf: day("2025-03-30"), focus: BriefFocus(maxItems: 6))
    let byParty = Dictionary(uniqueKeysWithValues: brief.parties.map { ($0.id, $0) })
    // Alpha's twelve demands do not crowd out Beta's and Gamma's standings.
    #expect(byParty["beta"]?.positions.isEmpty == false)
    #expect(byParty["gamma"]?.positions.isEmpty == false)
    #expect(brief.parties.flatMap(\.positions).count == 6)
    let alpha = try #require(byParty["alpha"])
    #expect(alpha.omittedPositions > 0)
    #expect(alpha.positions.count + alpha.omittedPositions == 13)
    let markdown = try MarkdownRenderer().render(brief)
    #expect(markdown.contains("more held, left out of this focused brief"))
    #expect(!markdown.contains("No position held on this day"))
    // The changes come before the standings.
    let changes = try #require(markdown.range(of: "## What changed in the world"))
    let standings = try #require(markdown.range(of: "## Where the parties stand"))
    #expect(changes.lowerBound < standings.lowerBound)
  }

  @Test func aMinistrysClaimIsBriefedOnceUnderItsState() throws {
    let store = try Self.store()
    let brief = try store.briefing(
      asOf: day("2025-03-30"), since: day("2025-03-02"), focus: .full)
    #expect(!brief.parties.contains { $0.id == "alpha-defence" })
    let holders = brief.parties.filter { party in
      party.positions.contains { $0.id == "def-breach" }
    }
    #expect(holders.map(\.id) == ["alpha"])
    let claimChanges = brief.worldChanges.filter { $0.after == "def-breach" }
    #expect(claimChanges.count == 1)
    #expect(claimChanges.first?.summary.hasPrefix("alpha-defence claims") == true)
    // Asked for both, the change is still listed once.
    let both = try store.briefing(
      asOf: day("2025-03-30"), since: day("2025-03-02"), parties: ["alpha", "alpha-defence"],
      focus: .full)
    #expect(both.worldChanges.filter { $0.after == "def-breach" }.count == 1)
  }

  @Test(
    arguments: [
      // (to, published by, named): said on 20 March, published on 25 March.
      ("2025-03-19", nil, false), ("2025-03-21", nil, true), ("2025-03-21", "2025-03-22", false),
      ("2025-03-21", "2025-03-25", true),
    ] as [(String, String?, Bool)])
  func aDiffNamesOnlyRelatedPositionsStatedAndPublishedByItsDay(
    to: String, publishedBy: String?, named: Bool
  ) throws {
    let store = try Self.store()
    let diff = try store.diff(
      holder: "alpha", from: day("2025-02-28"), to: day(to),
      publishedBy: publishedBy.map { day($0) })
    let related = diff.changes.flatMap(\.related).map(\.other)
    #expect(related.contains("b-answer") == named, "\(related)")
  }

  @Test func aStateRestatingItsMinistrysClaimDoesNotCorroborateIt() throws {
    let store = try Self.store()
    let claims = try store.contested(asOf: day("2025-03-30")).claims
    let breach = try #require(claims.first { $0.claim.id == "def-breach" })
    #expect(!breach.flags.contains("corroborated"))
    #expect(breach.flags.contains("unconfirmed"))
  }

  @Test func aReplacedThreatIsFlaggedNotLeftPending() throws {
    let store = try Self.store()
    let entries = try store.commitments(asOf: day("2025-03-30")).commitments
    let replaced = try #require(entries.first { $0.position.id == "g-threat" })
    #expect(replaced.flags == ["superseded-no-outcome"])
    let current = try #require(entries.first { $0.position.id == "g-wider-threat" })
    #expect(current.flags.isEmpty && current.outcome == .pending)
    let text = try TextRenderer().render(try store.commitments(asOf: day("2025-03-30")))
    #expect(text.contains("[SUPERSEDED] g-threat —"))
    #expect(text.contains("[PENDING] g-wider-threat —"))
    // Before it was replaced, the first threat was simply pending.
    let before = try store.commitments(asOf: day("2025-03-10")).commitments
    #expect(before.first { $0.position.id == "g-threat" }?.flags == [])
  }

  @Test func aTextDiffPrintsTheConditionsOfTheConditionalPositionsItShows() throws {
    let store = try Self.store()
    let diff = try store.diff(holder: "gamma", from: day("2025-03-02"), to: day("2025-03-30"))
    let text = try TextRenderer().render(diff)
    #expect(text.contains("g-wider-threat"))
    let conditional = try LifecycleFixture.store().diff(
      holder: "alpha", from: day("2025-03-17"), to: day("2025-03-19"))
    let lines = try TextRenderer().render(conditional)
    #expect(lines.contains("if: arms deliveries to Beta stop"), "\(lines)")
  }

  static let endOnly = """
    documents:
      - id: d-0401
        title: Alpha drops its objection
        published: 2025-04-01
        statements:
          - id: s-0401
            speaker: ann
            said: 2025-04-01
            attribution: reported
            quote: "the objection no longer applies"
            supports: []
    withdrawals:
      - {position: a-no-troops, on: 2025-04-01, statement: s-0401}
    """

  @Test func aStatementThatOnlyEndsAPositionNeedNotRestateIt() throws {
    let store = try LifecycleFixture.store()
    _ = try store.load([Fixtures.input(Self.endOnly, path: "end.yaml")])
    let position = try store.positionDetail(id: "a-no-troops").position
    #expect(position.endReason == .withdrawn)
    #expect(position.endedBy == "s-0401")
    // Not a restatement: no new evidence, and last stated is still the day it was taken up.
    #expect(!position.evidence.contains { $0.statement == "s-0401" })
    #expect(position.lastStated?.description == "2025-03-12")
  }

  @Test func aStatementSupportingNothingMustBeCitedByAnEndOrOutcome() throws {
    let store = try LifecycleFixture.store()
    let before = try Fixtures.rowCounts(store)
    let uncited = Self.endOnly.components(separatedBy: "withdrawals:")[0]
    let error = try #require(throws: LoadError.self) {
      try store.load([Fixtures.input(uncited, path: "uncited.yaml")])
    }
    #expect(
      error.description.contains("uncited.yaml:11:19: documents[0].statements[0].supports"),
      "\(error.description)")
    #expect(error.description.contains("an end or outcome in the same file"))
    #expect(try Fixtures.rowCounts(store) == before)
  }

  @Test func aChainsHeadlineSaysWhatHappenedOnEachStep() throws {
    let diff = try LifecycleFixture.store().diff(
      holder: "alpha", from: day("2025-03-12"), to: day("2025-04-30"))
    let text = try TextRenderer().render(diff)
    let headline = try #require(
      text.split(separator: "\n").first { $0.contains("a-no-partial → a-energy-halt") })
    #expect(headline.hasSuffix("(reversed 2025-03-18, then expired 2025-04-17)"), "\(headline)")
  }
  @Test func aTruceAnnouncedForLaterComesIntoForceOnItsOwnDayInTheTimeline() throws {
    let store = try LifecycleFixture.store()
    let events = try store.timeline(party: "alpha").events
    let mayTruce = events.filter { $0.positions.contains("a-may-truce") && $0.kind != .statement }
    #expect(mayTruce.map(\.kind) == [.positionStart, .inForce, .positionEnd])
    #expect(mayTruce.map(\.date.description) == ["2025-04-28", "2025-05-08", "2025-05-11"])
    // A truce in force from the day it was announced has no separate event.
    #expect(
      !events.contains { $0.kind == .inForce && $0.positions.contains("a-holiday-truce") })
    let text = try TextRenderer().render(try store.timeline(party: "alpha"))
    #expect(text.contains("in force"))
  }

  /// Both sides accept the pause and each says the other broke it.
  static let mutualBreach = """
    parties:
      - {id: alpha, name: Alpha, kind: state}
      - {id: beta, name: Beta, kind: state}
    issues:
      - {id: truce, label: Truce}
      - {id: shelling, label: Shelling}
    documents:
      - id: d-1
        title: The pause and the accusations
        published: 2025-03-20
        statements:
          - {id: s-a, on_behalf_of: alpha, said: 2025-03-18, attribution: reported, quote: "Alpha accepts the pause", supports: [{id: a-accepts, issue: truce, key: accept-pause, proposition: Alpha accepts the energy pause., kind: acceptance}]}
          - {id: s-b, on_behalf_of: beta, said: 2025-03-18, attribution: reported, quote: "Beta accepts the pause", supports: [{id: b-accepts, issue: truce, key: accept-pause, proposition: Beta accepts the energy pause., kind: acceptance}]}
          - {id: s-a2, on_behalf_of: alpha, said: 2025-03-19, attribution: claimed, quote: "Beta broke the pause", supports: [{id: a-says-b-broke, issue: truce, key: beta-broke-pause, proposition: Beta broke the energy pause., kind: claim}]}
          - {id: s-b2, on_behalf_of: beta, said: 2025-03-19, attribution: claimed, quote: "Alpha broke the pause", supports: [{id: b-says-a-broke, issue: truce, key: alpha-broke-pause, proposition: Alpha broke the energy pause., kind: claim}]}
          - {id: s-a3, on_behalf_of: alpha, said: 2025-03-19, attribution: claimed, quote: "Beta shelled the town", supports: [{id: a-says-shelled, issue: shelling, key: beta-shelled-town, proposition: Beta shelled the town., kind: claim}]}
          - {id: s-b3, on_behalf_of: beta, said: 2025-03-19, attribution: claimed, quote: "we did not shell the town", supports: [{id: b-denies-shelling, issue: shelling, key: beta-shelled-town, proposition: Beta did not shell the town., kind: claim, polarity: against}]}
    relations:
      - {from: a-says-b-broke, kind: contradicts, to: b-says-a-broke}
    """

  @Test func claimsThatConflictDoNotMakeTwoAcceptancesOpposed() throws {
    let store = try Fixtures.emptyStore()
    try store.load([Fixtures.input(Self.mutualBreach)])
    let rows = try store.compare(parties: ["alpha", "beta"], asOf: day("2025-03-25")).rows
    let truce = try #require(rows.first { $0.issue == "truce" })
    #expect(truce.classification == .aligned)
    #expect(truce.reason.contains("their claims conflict"))
    // Where the parties hold only claims, the claims decide the row, as before.
    let shelling = try #require(rows.first { $0.issue == "shelling" })
    #expect(shelling.classification == .opposed)
  }
  /// A threat replaced twice and an offer withdrawn, each change published days after it was made.
  static let publishedLate = """
    parties:
      - {id: alpha, name: Alpha, kind: state}
      - {id: beta, name: Beta, kind: state}
    issues:
      - {id: sanctions, label: Sanctions}
      - {id: talks, label: Talks}
    documents:
      - id: d-0701
        title: Alpha's threat and offer
        published: 2025-07-01
        statements:
          - {id: s-1, on_behalf_of: alpha, said: 2025-07-01, attribution: reported, quote: "sanctions unless a deal", supports: [{id: a-threat-1, issue: sanctions, key: sanctions-threat, proposition: Alpha will sanction Beta unless a deal is made., kind: threat, target: [beta]}, {id: a-offer, issue: talks, key: offer-talks, proposition: Alpha offers talks., kind: proposal}]}
      - id: d-0714
        title: Alpha sets a deadline
        published: 2025-07-14
        statements:
          - {id: s-2, on_behalf_of: alpha, said: 2025-07-14, attribution: reported, quote: "sanctions in 50 days", supports: [{id: a-threat-2, issue: sanctions, key: sanctions-threat-50, proposition: Alpha will sanction Beta unless a deal is made within 50 days., kind: threat, target: [beta], supersedes: a-threat-1}]}
      - id: d-0729
        title: Alpha shortens the deadline
        published: 2025-07-29
        statements:
          - {id: s-3, on_behalf_of: alpha, said: 2025-07-28, attribution: reported, quote: "sanctions in 10 days", supports: [{id: a-threat-3, issue: sanctions, key: sanctions-threat-10, proposition: Alpha will sanction Beta unless a deal is made within 10 days., kind: threat, target: [beta], supersedes: a-threat-2}]}
      - id: d-0820
        title: Alpha drops its offer
        published: 2025-08-20
        statements:
          - {id: s-4, on_behalf_of: alpha, said: 2025-08-16, attribution: reported, quote: "the offer of talks is off", supports: []}
    ends:
      - {position: a-offer, on: 2025-08-16, statement: s-4, reason: withdrawn}
    """

  @Test func aDiffAsPublishedByADayKeepsWhatWasNotYetPublishedEnded() throws {
    let store = try Fixtures.emptyStore()
    try store.load([Fixtures.input(Self.publishedLate)])
    let whole = try store.diff(holder: "alpha", from: day("2025-07-05"), to: day("2025-09-01"))
    #expect(whole.changes.contains { $0.before?.id == "a-offer" && $0.after == nil })
    #expect(whole.changes.contains { $0.after?.id == "a-threat-3" })
    let asPublished = try store.diff(
      holder: "alpha", from: day("2025-07-05"), to: day("2025-09-01"),
      publishedBy: day("2025-07-20"))
    // The offer's withdrawal was published on 20 August: on 20 July it was still on the table.
    #expect(
      !asPublished.changes.contains { $0.before?.id == "a-offer" || $0.after?.id == "a-offer" })
    // The threat as published by then: the 50-day deadline, not yet replaced by the 10-day one.
    let threat = try #require(asPublished.changes.first { $0.issue == "sanctions" })
    #expect(threat.before?.id == "a-threat-1")
    #expect(threat.after?.id == "a-threat-2")
    #expect(threat.after?.validTo == nil)
    #expect(!asPublished.changes.contains { $0.change == .dropped })
  }
  @Test func aStatementDatedAfterItsDocumentWasPublishedIsLoadedWithAWarning() throws {
    let store = try Fixtures.emptyStore()
    let slipped = Self.publishedLate.replacingOccurrences(
      of: "{id: s-2, on_behalf_of: alpha, said: 2025-07-14,",
      with: "{id: s-2, on_behalf_of: alpha, said: 2025-07-24,")
    #expect(slipped != Self.publishedLate)
    let report = try store.load([Fixtures.input(slipped)])
    let warning = try #require(report.warnings.only)
    #expect(warning.location.field.hasSuffix("statements[0].said"))
    #expect(warning.message.contains("after its document was published on 2025-07-14"))
    let clean = try Fixtures.emptyStore().load([Fixtures.input(Self.publishedLate)])
    #expect(clean.warnings.isEmpty)
  }
}
