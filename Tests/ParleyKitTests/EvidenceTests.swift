import ParleyTestSupport
import Testing

@testable import ParleyKit

/// Evidence an analyst can trust (issue 11): the quote that bears on each position, every
/// source of a statement, and what the public record held on a day.
struct EvidenceTests {
  private let day = LifecycleFixture.day

  static let surfacedLater = """
    documents:
      - id: d-wire-0412
        title: Wire copy of the back-channel offer
        outlet: Example Wire
        published: 2025-04-12
      - id: d-paper-0422
        title: Paper reveals an offer made on 11 April
        outlet: Example Paper
        published: 2025-04-22
        statements:
          - id: s-offer-0411
            speaker: ann
            said: 2025-04-11
            attribution: reported
            quote: "Alpha offered to swap all prisoners and to stop shelling the port"
            supports:
              - id: a-prisoner-swap-offer
                issue: prisoners
                key: all-for-all-swap
                proposition: Alpha offers to exchange all prisoners.
                kind: proposal
                quote: "Alpha offered to swap all prisoners"
              - {position: a-no-troops, role: supports, quote: "to stop shelling the port"}
          - id: s-offer-0411-b
            speaker: ann
            said: 2025-04-11
            attribution: reported
            quote: "the port offer stands"
            also_reported_in: [d-wire-0412]
            supports:
              - {id: a-port-offer, issue: ceasefire/partial, key: port-truce, proposition: Alpha offers to stop shelling the port., kind: proposal}
    """

  static func store() throws -> ParleyStore {
    let store = try LifecycleFixture.store()
    try store.load([Fixtures.input(surfacedLater, path: "later.yaml")])
    return store
  }

  @Test func eachSupportShowsTheWordsThatBearOnItsPosition() throws {
    let store = try Self.store()
    let offer = try store.positionDetail(id: "a-prisoner-swap-offer").position
    let item = try #require(offer.evidence.only)
    #expect(item.quote == "Alpha offered to swap all prisoners")
    #expect(item.quoteIsOwn)
    #expect(
      item.statementQuote == "Alpha offered to swap all prisoners and to stop shelling the port")
    let troops = try store.positionDetail(id: "a-no-troops").position
    #expect(troops.evidence.last?.quote == "to stop shelling the port")
    // A support without words of its own falls back to the statement's quote.
    let port = try store.positionDetail(id: "a-port-offer").position
    #expect(port.evidence.only?.quote == "the port offer stands")
    #expect(port.evidence.only?.quoteIsOwn == false)
  }

  @Test func aCorrectedQuoteRetiresTheOldOneAndKnownAtStillShowsIt() throws {
    let store = try Self.store()
    let corrected = Self.surfacedLater.replacingOccurrences(
      of: "quote: \"Alpha offered to swap all prisoners\"",
      with: "quote: \"offered to swap all prisoners\"")
    try store.load([Fixtures.input(corrected, path: "later.yaml")])
    #expect(
      try store.positionDetail(id: "a-prisoner-swap-offer").position.evidence.only?.quote
        == "offered to swap all prisoners")
    #expect(
      try store.positionDetail(id: "a-prisoner-swap-offer", knownAt: .revision(2)).position
        .evidence.only?.quote == "Alpha offered to swap all prisoners")
    // Loading the corrected file again changes nothing.
    #expect(try store.load([Fixtures.input(corrected, path: "later.yaml")]).changedNothing)
  }

  @Test func aStatementNamesEveryDocumentThatReportsItAndTheBriefCitesThemAll() throws {
    let store = try Self.store()
    let port = try store.positionDetail(id: "a-port-offer").position
    #expect(port.evidence.only?.alsoReportedIn.map(\.document) == ["d-wire-0412"])
    let brief = try store.briefing(asOf: day("2025-04-30"), parties: ["alpha"])
    let sources = Dictionary(uniqueKeysWithValues: brief.sources.map { ($0.document, $0) })
    #expect(sources["d-wire-0412"]?.statements == ["s-offer-0411-b"])
    #expect(sources["d-paper-0422"]?.statements.contains("s-offer-0411-b") == true)
  }

  @Test(arguments: [
    ("2025-04-15", false, true), ("2025-04-22", true, true), ("2025-04-11", false, false),
  ])
  func publishedByShowsOnlyWhatThePublicRecordHeldThatDay(
    publishedBy: String, offerVisible: Bool, portVisible: Bool
  ) throws {
    let store = try Self.store()
    var filter = PositionFilter(kinds: [.proposal], asOf: day("2025-04-20"))
    filter.publishedBy = day(publishedBy)
    let ids = try store.positionList(filter, question: "who proposes").positions.map(\.id)
    // The offer was made on 11 April (valid time) but published only on 22 April; the port
    // offer came out on 12 April in the wire copy.
    #expect(ids.contains("a-prisoner-swap-offer") == offerVisible, "\(ids)")
    #expect(ids.contains("a-port-offer") == portVisible, "\(ids)")
    var plain = filter
    plain.publishedBy = nil
    #expect(try store.positions(plain).map(\.id).contains("a-prisoner-swap-offer"))
  }

  @Test func anEndNotYetPublishedLeavesThePositionOpenAsThePublicKnewIt() throws {
    let store = try LifecycleFixture.store()
    try store.load([
      Fixtures.input(
        """
        documents:
          - id: d-late
            title: Paper reveals Alpha dropped its objection on 1 April
            published: 2025-04-25
            statements:
              - id: s-late
                speaker: ann
                said: 2025-04-01
                attribution: reported
                quote: "foreign troops are no longer ruled out"
                supports:
                  - {id: a-troops-possible, issue: security/foreign-troops, key: troops-possible, proposition: Alpha no longer rules out foreign troops., kind: consideration}
        withdrawals:
          - {position: a-no-troops, on: 2025-04-01, statement: s-late}
        """, path: "late.yaml")
    ])
    var filter = PositionFilter(holders: ["alpha"], asOf: day("2025-04-10"))
    #expect(!(try store.positions(filter).map(\.id).contains("a-no-troops")))
    filter.publishedBy = day("2025-04-15")
    let seen = try store.positions(filter)
    let troops = try #require(seen.first { $0.id == "a-no-troops" })
    #expect(troops.status == .active)
    #expect(troops.validTo == nil)
    #expect(!seen.map(\.id).contains("a-troops-possible"))
    // Once the withdrawal is published, it is over.
    filter.publishedBy = day("2025-04-25")
    #expect(!(try store.positions(filter).map(\.id).contains("a-no-troops")))
  }

  @Test func aDiffAndABriefCanBeAskedAsThePublicCouldKnowIt() throws {
    let store = try Self.store()
    let diff = try store.diff(
      holder: "alpha", from: day("2025-04-01"), to: day("2025-04-20"),
      publishedBy: day("2025-04-20"))
    let added = diff.changes.compactMap(\.after?.id)
    #expect(!added.contains("a-prisoner-swap-offer"))
    #expect(added.contains("a-port-offer"))
    #expect(diff.question.contains("as published by 2025-04-20"))
    let brief = try store.briefing(
      asOf: day("2025-04-20"), since: day("2025-04-01"), parties: ["alpha"],
      publishedBy: day("2025-04-20"))
    #expect(brief.publishedBy?.description == "2025-04-20")
    #expect(
      !brief.sources.contains {
        $0.document == "d-paper-0422" && $0.statements.contains("s-offer-0411")
      })
    #expect(!brief.worldChanges.contains { $0.after == "a-prisoner-swap-offer" })
  }

  @Test func aSupportQuoteMustBeShortAndVerbatim() throws {
    let store = try LifecycleFixture.store()
    let long = String(repeating: "word ", count: 26)
    let error = try #require(throws: LoadError.self) {
      try store.load([
        Fixtures.input(
          Self.surfacedLater.replacingOccurrences(
            of: "quote: \"Alpha offered to swap all prisoners\"", with: "quote: \"\(long)\""),
          path: "long.yaml")
      ])
    }
    #expect(error.description.contains("long.yaml:"))
    #expect(error.description.contains("26 words"))
  }

  @Test func aSupportWhoseStatementHasNoWordsOnItShowsTheStatementWithoutAQuote() throws {
    let store = try LifecycleFixture.store()
    _ = try store.load([
      Fixtures.input(
        Self.surfacedLater.replacingOccurrences(
          of: "{position: a-no-troops, role: supports, quote: \"to stop shelling the port\"}",
          with: "{position: a-no-troops, no_quote: true}"),
        path: "withheld.yaml")
    ])
    let troops = try store.positionDetail(id: "a-no-troops").position
    let item = try #require(troops.evidence.first { $0.statement == "s-offer-0411" })
    #expect(item.quote == nil && item.quoteIsOwn)
    #expect(item.statementQuote?.contains("port") == true)
    // The export says so, and loads back the same.
    let export = try store.export(.jsonl)
    #expect(export.text.contains("\"no_quote\":true"))
  }

  @Test(arguments: [
    (
      "{position: a-no-troops, no_quote: true, quote: \"the port\"}",
      "expected either quote or no_quote"
    ),
    ("{position: a-no-troops, no_quote: maybe}", "expected true or false"),
  ])
  func aMisusedNoQuoteIsRefusedWithItsLocation(support: String, message: String) throws {
    let store = try LifecycleFixture.store()
    let before = try Fixtures.rowCounts(store)
    let error = try #require(throws: LoadError.self) {
      try store.load([
        Fixtures.input(
          Self.surfacedLater.replacingOccurrences(
            of: "{position: a-no-troops, role: supports, quote: \"to stop shelling the port\"}",
            with: support),
          path: "bad.yaml")
      ])
    }
    #expect(error.description.contains("bad.yaml:"))
    #expect(error.description.contains(message), "\(error.description)")
    #expect(try Fixtures.rowCounts(store) == before)
  }
}
