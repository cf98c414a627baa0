import Foundation
import ParleyTestSupport
import Testing

@testable import ParleyKit

/// Diffs over valid time and record time, comparison, timeline and contested claims.
struct DiffTests {
  /// A statement by Alpha's minister on `day` supporting one new position (YAML lines).
  static func statement(
    _ id: String, day: String, quote: String, position: [String]
  ) -> String {
    let lines =
      [
        "      - id: \(id)", "        speaker: ann-speaker", "        said: \(day)",
        "        attribution: reported", "        quote: \"\(quote)\"", "        supports:",
      ] + position.map { "          " + $0 }
    return lines.joined(separator: "\n")
  }

  static func document(_ id: String, day: String, statements: [String]) -> String {
    ([
      "documents:", "  - id: \(id)", "    title: \(id)", "    published: \(day)", "    statements:",
    ] + statements).joined(separator: "\n")
  }

  private func date(_ text: String) throws -> PartialDate { try PartialDate(parsing: text) }

  @Test(arguments: [
    // old kind/modality, new kind/modality, expected change
    ("consideration", "hedged", "acceptance", "conditional", ChangeKind.hardened),
    ("acceptance", "conditional", "acceptance", "firm", .hardened),
    ("demand", "firm", "condition", "firm", .softened),
    ("rejection", "firm", "acceptance", "firm", .reversed),
    ("acceptance", "firm", "rejection", "firm", .reversed),
    ("threat", "firm", "demand", "firm", .softened),
  ])
  func aChangeOnTheSameSlotIsClassifiedByTheStanceOrdering(
    oldKind: String, oldModality: String, newKind: String, newModality: String, expected: ChangeKind
  ) throws {
    let store = try Fixtures.emptyStore()
    try store.load([Fixtures.input(Fixtures.base)])
    let later = Self.document(
      "doc-later", day: "2025-04-01",
      statements: [
        Self.statement(
          "st-later", day: "2025-04-01", quote: "a new line on truce",
          position: [
            "- id: alpha-truce-new", "  issue: ceasefire/general", "  key: truce-new",
            "  proposition: New line on the truce.", "  kind: \(newKind)",
            "  modality: \(newModality)", "  supersedes: alpha-truce-old",
          ])
      ])
    let earlier = Self.document(
      "doc-earlier", day: "2025-03-15",
      statements: [
        Self.statement(
          "st-earlier", day: "2025-03-15", quote: "an old line on truce",
          position: [
            "- id: alpha-truce-old", "  issue: ceasefire/general", "  key: truce-old",
            "  proposition: Old line on the truce.", "  kind: \(oldKind)",
            "  modality: \(oldModality)",
          ])
      ])
    try store.load([Fixtures.input(earlier, path: "a.yaml"), Fixtures.input(later, path: "b.yaml")])
    let diff = try store.diff(holder: "alpha", from: date("2025-03-20"), to: date("2025-04-02"))
    let change = try #require(diff.changes.first { $0.issue == "ceasefire/general" })
    #expect(change.change == expected, "\(change.details)")
    #expect(change.before?.id == "alpha-truce-old")
    #expect(change.after?.id == "alpha-truce-new")
    #expect(change.before?.evidence.map(\.statement) == ["st-earlier"])
    #expect(change.after?.evidence.map(\.statement) == ["st-later"])
    #expect(diff.axis == .validTime)
    #expect(diff.question.contains("valid time"))
  }

  @Test func addedDroppedAndRestatedPositionsAreReportedWithEvidence() throws {
    let store = try Fixtures.emptyStore()
    try store.load([Fixtures.input(Fixtures.base)])
    try store.load([Fixtures.input(LoaderTests.restatement, path: "restate.yaml")])
    try store.load([
      Fixtures.input("withdrawals:\n  - {position: alpha-no-alliance, on: 2025-05-01}")
    ])

    let growing = try store.diff(holder: "alpha", from: date("2025-03-01"), to: date("2025-03-15"))
    #expect(growing.changes.map(\.change) == [.added])
    #expect(growing.changes.first?.after?.id == "alpha-no-alliance")

    let restating = try store.diff(
      holder: "alpha", from: date("2025-03-15"), to: date("2025-03-25"), showRestatements: true)
    #expect(restating.changes.isEmpty)
    #expect(restating.unchanged == 1)
    #expect(restating.restated.first?.count == 1)
    #expect(restating.restated.first?.evidence.first?.statement == "st-2")
    let folded = try store.diff(holder: "alpha", from: date("2025-03-15"), to: date("2025-03-25"))
    #expect(folded.restated.first?.evidence.isEmpty == true)

    let ending = try store.diff(holder: "alpha", from: date("2025-04-01"), to: date("2025-05-02"))
    #expect(ending.changes.map(\.change) == [.dropped])
    #expect(ending.changes.first?.details == ["withdrawn on 2025-05-01"])
  }

  @Test func aConditionAddedOnTheSameKeyHardensThePosition() throws {
    let store = try Fixtures.emptyStore()
    try store.load([Fixtures.input(Fixtures.base)])
    let conditioned = Self.document(
      "doc-c", day: "2025-04-01",
      statements: [
        Self.statement(
          "st-c", day: "2025-04-01", quote: "only while Beta stays neutral",
          position: [
            "- id: alpha-no-alliance-conditioned", "  issue: security/alliance",
            "  key: beta-never-joins-alliance",
            "  proposition: Beta must stay out of the alliance.",
            "  kind: demand", "  target: [beta]", "  conditions: [Beta keeps a neutral army]",
            "  supersedes: alpha-no-alliance",
          ])
      ])
    try store.load([Fixtures.input(conditioned)])
    let diff = try store.diff(holder: "alpha", from: date("2025-03-20"), to: date("2025-04-02"))
    #expect(diff.changes.map(\.change) == [.hardened])
    #expect(diff.changes.first?.details == ["condition added: Beta keeps a neutral army"])
  }

  @Test func whatTheStoreLearnedSinceARevisionIsARecordTimeDiff() throws {
    let store = try Fixtures.emptyStore()
    try store.load([Fixtures.input(Fixtures.base)])
    try store.load([
      Fixtures.input(TimeTests.change, path: "change.yaml"),
      Fixtures.input(LoaderTests.restatement, path: "restate.yaml"),
    ])
    let learned = try store.learnedSince(holder: "alpha", since: 1)
    #expect(learned.axis == .recordTime)
    #expect(learned.question.contains("learned") && learned.question.contains("record time"))
    let kinds = Dictionary(uniqueKeysWithValues: learned.changes.map { ($0.after!.id, $0.change) })
    #expect(kinds["alpha-alliance-after-treaty"] == .added)
    #expect(kinds["alpha-no-alliance"] == .ended)
    let ended = learned.changes.first { $0.after?.id == "alpha-no-alliance" }
    #expect(
      ended?.details.first?.hasPrefix("superseded on 2025-04-01") == true, "\(ended?.details ?? [])"
    )
    #expect(ended?.steps.map(\.change) == [.dropped])
    #expect(learned.restated.map(\.position) == ["alpha-no-alliance"])
    #expect(try store.learnedSince(holder: "alpha", since: 2).changes.isEmpty)
  }

  @Test func theSeedCorpusDiffShowsRussiasNewDemandsPreconditionAndKurskClaims() throws {
    let store = try Fixtures.seededStore()
    let diff = try store.diff(holder: "russia", from: date("2025-03-11"), to: date("2025-03-14"))
    let added = Set(
      diff.changes.filter {
        [.added, .changed, .hardened, .reversed, .softened].contains($0.change)
      }
      .compactMap(\.after?.id))
    // The reported NATO demand restates Russia's standing one; it is folded into a count.
    #expect(diff.restated.contains { $0.position == "ru-nato-bar-ukraine-2021-12" })
    for id in [
      "ru-ceasefire-preconditions-2025-03",
      "ru-weighs-30-day-ceasefire-2025-03", "ru-sudzha-recaptured-2025-03",
      "ru-kursk-86pct-recaptured-2025-03",
    ] {
      #expect(added.contains(id), "the diff does not report \(id)")
    }
  }

  @Test func compareShowsProposalAcceptanceAndConditionsSideBySide() throws {
    let store = try Fixtures.seededStore()
    let comparison = try store.compare(
      parties: ["russia", "ukraine", "united-states"], issues: try store.resolveIssues("ceasefire"),
      asOf: date("2025-03-14"))
    let row = try #require(comparison.rows.first { $0.issue == "ceasefire/general" })
    #expect(row.classification == .conditional)
    let kinds = row.cells.map { Set($0.positions.map(\.kind)) }
    #expect(kinds[0].contains(.condition))
    #expect(kinds[1].contains(.acceptance))
    #expect(kinds[2].contains(.proposal))
  }

  @Test(arguments: [
    ("rejection", "demand", Alignment.opposed),
    ("acceptance", "proposal", .aligned),
    ("condition", "proposal", .conditional),
    ("claim", "claim", .divergent),
  ])
  func compareClassifiesRows(betaKind: String, alphaKind: String, expected: Alignment) throws {
    let store = try Fixtures.emptyStore()
    let yaml =
      Fixtures.base.replacingOccurrences(of: "kind: demand", with: "kind: \(alphaKind)")
      + "\n"
      + [
        "      - id: st-beta", "        on_behalf_of: beta", "        said: 2025-03-13",
        "        attribution: reported", "        quote: \"Beta answers\"", "        supports:",
        "          - id: beta-answer", "            issue: security/alliance",
        "            key: beta-answer", "            proposition: Beta answers Alpha.",
        "            kind: \(betaKind)", "            responds_to: [alpha-no-alliance]",
      ].joined(separator: "\n")
    try store.load([Fixtures.input(yaml)])
    let comparison = try store.compare(parties: ["alpha", "beta"], asOf: date("2025-03-14"))
    #expect(comparison.rows.first?.classification == expected)
    let silent = try store.compare(parties: ["alpha", "beta"], asOf: date("2025-03-12"))
    #expect(silent.rows.first?.classification == .oneSideSilent)
  }

  @Test func theTimelineIsInDateOrderWithEndsBeforeStartsOnAHandover() throws {
    let store = try Fixtures.emptyStore()
    try store.load([
      Fixtures.input(Fixtures.base), Fixtures.input(TimeTests.change, path: "c.yaml"),
    ])
    let timeline = try store.timeline(party: "alpha")
    let days = timeline.events.map(\.date.firstDay)
    #expect(days == days.sorted())
    let handover = timeline.events.filter { $0.date.description == "2025-04-01" }.map(\.kind)
    #expect(handover == [.positionEnd, .positionStart, .statement])
    let window = try store.timeline(
      party: "alpha", from: date("2025-04-01"), to: date("2025-04-01"))
    #expect(window.events.count == 3)
  }

  @Test func theKurskClaimsAreFlaggedNotResolved() throws {
    let store = try Fixtures.seededStore()
    let contested = try store.contested(issues: ["territory/kursk"])
    let sudzha = try #require(
      contested.claims.first { $0.claim.id == "ru-sudzha-recaptured-2025-03" })
    #expect(sudzha.flags.contains("corroborated"))
    #expect(sudzha.flags.contains("no-comment"))
    let figures = try #require(
      contested.claims.first { $0.claim.id == "ru-kursk-86pct-recaptured-2025-03" })
    #expect(figures.flags.contains("unconfirmed"))
    #expect(figures.status == "unconfirmed")
  }

  @Test func contradictedClaimsAreContested() throws {
    let store = try Fixtures.emptyStore()
    let yaml =
      Fixtures.base.replacingOccurrences(of: "kind: demand", with: "kind: claim")
      + "\n"
      + [
        "      - id: st-beta", "        on_behalf_of: beta", "        said: 2025-03-13",
        "        attribution: reported", "        quote: \"Beta denies it\"", "        supports:",
        "          - id: beta-denial", "            issue: security/alliance",
        "            key: beta-denial", "            proposition: That is untrue.",
        "            kind: claim", "            contradicts: [alpha-no-alliance]",
      ].joined(separator: "\n")
    try store.load([Fixtures.input(yaml)])
    let contested = try store.contested()
    let claim = try #require(contested.claims.first { $0.claim.id == "alpha-no-alliance" })
    #expect(claim.status == "contested")
    #expect(claim.contradictedBy.map(\.id) == ["beta-denial"])
    // Both claims stay in the store as they were: nothing is resolved.
    #expect(try store.positions(PositionFilter(kinds: [.claim])).count == 2)
  }

  @Test(arguments: OutputFormat.allCases)
  func everyNewViewRendersInEveryFormat(format: OutputFormat) throws {
    let store = try Fixtures.seededStore()
    let renderer = format.renderer
    let diff = try store.diff(holder: "russia", from: date("2025-03-11"), to: date("2025-03-14"))
    let comparison = try store.compare(parties: ["russia", "ukraine"], asOf: date("2025-03-14"))
    let outputs = [
      try renderer.render(diff), try renderer.render(comparison),
      try renderer.render(try store.timeline(party: "ukraine")),
      try renderer.render(try store.contested()),
    ]
    for output in outputs {
      #expect(output.contains("ru-") || output.contains("ua-"))
      if format == .json {
        #expect((try? JSONSerialization.jsonObject(with: Data(output.utf8))) != nil)
      }
    }
  }

  @Test func markdownEscapesTableBreakingCharacters() {
    let renderer = MarkdownRenderer()
    #expect(renderer.escape("a | b\nc <script>") == "a \\| b c &lt;script&gt;")
  }
}

/// Diffs over the real history in the seed corpus (context positions from 2021 to March 2025).
struct HistoryDiffTests {
  @Test func russiasCeasefireConditionMovesFromWithdrawalToRecognition() throws {
    let store = try Fixtures.seededStore()
    let diff = try store.diff(
      holder: "russia", from: try PartialDate(parsing: "2024-06-01"),
      to: try PartialDate(parsing: "2025-03-14"))
    let change = try #require(
      diff.changes.first { $0.after?.id == "ru-ceasefire-preconditions-2025-03" })
    #expect(change.before?.id == "ru-ceasefire-after-withdrawal-2024-06")
    #expect(
      change.details.contains { $0.hasPrefix("condition removed:") && $0.contains("withdraw") })
    #expect(
      change.details.contains { $0.hasPrefix("condition added:") && $0.contains("four annexed") })
    #expect(diff.restated.contains { $0.position == "ru-nato-bar-ukraine-2021-12" })
    #expect(diff.changes.contains { $0.change == .added && $0.issue == "security/foreign-troops" })
  }

  @Test func ukraineTurnsFromRefusingAFreezeToAcceptingTheTruce() throws {
    let store = try Fixtures.seededStore()
    let diff = try store.diff(
      holder: "ukraine", issues: ["ceasefire/general"],
      from: try PartialDate(parsing: "2024-06-01"),
      to: try PartialDate(parsing: "2025-03-14"))
    let change = try #require(
      diff.changes.first { $0.after?.id == "ua-accepts-30-day-ceasefire-2025-03" })
    #expect(change.before?.kind == .rejection)
    #expect(change.details.first == "reversal")
  }
}
