import Foundation
import GRDB
import ParleyTestSupport
import Testing

@testable import ParleyKit

/// A malformed variant of the base fixture and what its error must say.
struct MalformedCase: CustomTestStringConvertible, Sendable {
  var name: String
  var yaml: String
  /// Text on the line the error must point at.
  var lineMarker: String
  var field: String
  var message: String
  var testDescription: String { name }

  static func replacing(
    _ name: String, _ old: String, with new: String, marker: String? = nil, field: String,
    message: String
  ) -> MalformedCase {
    precondition(Fixtures.base.contains(old), "fixture has no \(old)")
    return MalformedCase(
      name: name, yaml: Fixtures.base.replacingOccurrences(of: old, with: new),
      lineMarker: marker ?? new.split(separator: "\n").first.map(String.init) ?? new, field: field,
      message: message)
  }

  static let all: [MalformedCase] = [
    replacing(
      "YAML syntax error", "title: Alpha sets terms", with: "title: [Alpha sets terms",
      marker: "published: 2025-03-12", field: "(syntax)",
      message:
        "is not valid YAML: did not find expected ',' or ']' while parsing a flow sequence that began at line 16"
    ),
    replacing(
      "unknown party", "target: [beta]", with: "target: [gamma]",
      field: "documents[0].statements[0].supports[0].target[0]",
      message: "'gamma' is not a known party"),
    replacing(
      "alias instead of id", "target: [beta]", with: "target: [alphaville]",
      field: "documents[0].statements[0].supports[0].target[0]",
      message: "'alphaville' is an alias of 'alpha'"),
    replacing(
      "impossible date", "said: 2025-03-12", with: "said: 2025-02-30",
      field: "documents[0].statements[0].said", message: "2025-02 has no day 30"),
    replacing(
      "quote over 25 words", "quote: \"Beta must never join the alliance\"",
      with: "quote: \"" + Array(repeating: "word", count: 26).joined(separator: " ") + "\"",
      field: "documents[0].statements[0].quote",
      message: "has 26 words (expected a verbatim quote of at most 25 words)"),
    replacing(
      "duplicate id", "  - {id: beta, name: Beta, kind: state}",
      with:
        "  - {id: beta, name: Beta, kind: state}\n  - {id: beta, name: Beta again, kind: state}",
      marker: "Beta again", field: "parties[2].id", message: "'beta' is defined twice in this load"),
    replacing(
      "unknown stance kind", "kind: demand", with: "kind: demnd",
      field: "documents[0].statements[0].supports[0].kind",
      message: "'demnd' is not allowed here (expected one of: demand, condition"),
    replacing(
      "misspelt field", "proposition: Beta must stay out of the alliance.",
      with: "propositon: Beta must stay out of the alliance.",
      field: "documents[0].statements[0].supports[0].propositon", message: "is not a known field"),
    replacing(
      "unknown issue", "issue: security/alliance", with: "issue: security/aliance",
      field: "documents[0].statements[0].supports[0].issue",
      message: "'security/aliance' is not a known issue"),
    replacing(
      "interval ending before it starts", "target: [beta]",
      with: "target: [beta]\n            valid_to: 2025-03-01", marker: "valid_to: 2025-03-01",
      field: "documents[0].statements[0].supports[0].valid_to",
      message: "is not after valid_from 2025-03-12"),
    replacing(
      "bad attribution", "attribution: direct", with: "attribution: quoted",
      field: "documents[0].statements[0].attribution",
      message: "(expected one of: direct, reported, claimed, analyst)"),
  ]
}

struct LoaderTests {
  @Test(arguments: MalformedCase.all)
  func malformedInputNamesWhereAndWhatAndWritesNothing(_ testCase: MalformedCase) throws {
    let store = try Fixtures.emptyStore()
    try store.load([Fixtures.input(Self.prelude)])
    let before = try Fixtures.rowCounts(store)

    let error = #expect(throws: LoadError.self) {
      try store.load([Fixtures.input(testCase.yaml)])
    }
    let problem = try #require(error?.problems.first)
    let expectedLine =
      try #require(
        testCase.yaml.split(separator: "\n", omittingEmptySubsequences: false)
          .firstIndex { $0.contains(testCase.lineMarker) }) + 1
    #expect(problem.location.file == "test.yaml")
    #expect(problem.location.line == expectedLine, "\(problem)")
    #expect(problem.location.field == testCase.field, "\(problem)")
    #expect(problem.message.contains(testCase.message), "\(problem)")
    #expect(error?.description.contains("Nothing was written") == true)
    #expect(try Fixtures.rowCounts(store) == before)
  }

  @Test func aRejectedLoadLeavesTheStoreFileByteForByteUnchanged() throws {
    try Fixtures.withTemporaryDirectory { folder in
      let path = folder.appendingPathComponent("store.sqlite").path
      _ = try ParleyStore.openCreatingWithSeed(path: path, clock: TestClock().now)
      let before = try Data(contentsOf: URL(fileURLWithPath: path))
      do {
        let store = try ParleyStore.open(path: path)
        let bad = Fixtures.base.replacingOccurrences(of: "target: [beta]", with: "target: [gamma]")
        #expect(throws: LoadError.self) { try store.load([Fixtures.input(bad)]) }
      }
      let after = try Data(contentsOf: URL(fileURLWithPath: path))
      #expect(SHA256.hexDigest(of: before) == SHA256.hexDigest(of: after))
    }
  }

  @Test func everyProblemIsReportedAtOnce() throws {
    let store = try Fixtures.emptyStore()
    let bad = Fixtures.base
      .replacingOccurrences(of: "target: [beta]", with: "target: [gamma, delta]")
    let error = #expect(throws: LoadError.self) { try store.load([Fixtures.input(bad)]) }
    #expect(error?.problems.count == 2)
  }

  @Test func formatProblemsInSeveralRecordsAreReportedInOneRun() throws {
    let store = try Fixtures.emptyStore()
    let bad = Fixtures.base
      .replacingOccurrences(
        of: "{id: beta, name: Beta, kind: state}", with: "{id: Beta, name: Beta, kind: state}"
      )
      .replacingOccurrences(of: "published: 2025-03-12", with: "published: 2025-13-12")
      .replacingOccurrences(of: "kind: demand", with: "kind: demandz")
      .replacingOccurrences(of: "{id: ceasefire, label: Ceasefire}", with: "{id: ceasefire}")
    let counts = try Fixtures.rowCounts(store)
    let error = #expect(throws: LoadError.self) { try store.load([Fixtures.input(bad)]) }
    let fields = Set(error?.problems.map(\.location.field) ?? [])
    #expect(
      fields == [
        "parties[1].id", "issues[2]", "documents[0].published",
        "documents[0].statements[0].supports[0].kind",
      ])
    #expect(error?.problems.allSatisfy { $0.location.line > 1 } == true)
    #expect(try Fixtures.rowCounts(store) == counts)
  }

  @Test func loadingTheSameInputTwiceChangesNothing() throws {
    let store = try Fixtures.emptyStore()
    let first = try store.load([Fixtures.input(Fixtures.base)])
    #expect(first.revision == 1)
    #expect(first.added["positions"] == 1)
    let counts = try Fixtures.rowCounts(store)
    let second = try store.load([Fixtures.input(Fixtures.base)])
    #expect(second.changedNothing)
    #expect(try Fixtures.rowCounts(store) == counts)
  }

  @Test func anIdAlreadyInTheStoreWithOtherContentIsRejected() throws {
    let store = try Fixtures.emptyStore()
    try store.load([Fixtures.input(Fixtures.base)])
    let changed = Fixtures.base.replacingOccurrences(
      of: "Beta must stay out of the alliance.", with: "Beta may join later.")
    let error = #expect(throws: LoadError.self) { try store.load([Fixtures.input(changed)]) }
    #expect(
      error?.description.contains(
        "position 'alpha-no-alliance' is already in the store with a different proposition") == true
    )
  }

  @Test func theSpeakersAffiliationSaysWhomTheySpeakFor() throws {
    let store = try Fixtures.emptyStore()
    try store.load([Fixtures.input(Fixtures.base)])
    let position = try #require(try store.positions(PositionFilter()).first)
    #expect(position.holder == "alpha")
    #expect(position.evidence.first?.onBehalfOf == "alpha")
    #expect(position.evidence.first?.speaker == "Ann Speaker")
  }

  @Test func aSpeakerWithoutAffiliationNeedsOnBehalfOf() throws {
    let store = try Fixtures.emptyStore()
    let yaml = Fixtures.base.replacingOccurrences(of: "said: 2025-03-12", with: "said: 2019-03-12")
    let error = #expect(throws: LoadError.self) { try store.load([Fixtures.input(yaml)]) }
    #expect(
      error?.description.contains("speaker 'ann-speaker' has no affiliation on 2019-03-12") == true)
  }

  @Test func aRestatementAddsEvidenceNotAVersion() throws {
    let store = try Fixtures.emptyStore()
    try store.load([Fixtures.input(Fixtures.base)])
    let versionsBefore = try Fixtures.rowCounts(store)["positionVersion"]
    try store.load([Fixtures.input(Self.restatement)])
    let position = try #require(try store.positions(PositionFilter()).first)
    #expect(position.evidence.map(\.statement) == ["st-1", "st-2"])
    #expect(position.restatements == 1)
    #expect(try Fixtures.rowCounts(store)["positionVersion"] == versionsBefore)
  }

  @Test func aNewPositionRepeatingAnActiveOneIsRejected() throws {
    let store = try Fixtures.emptyStore()
    try store.load([Fixtures.input(Fixtures.base)])
    let repeated = Self.restatement.replacingOccurrences(
      of: "          - alpha-no-alliance",
      with: """
                  - id: alpha-no-alliance-again
                    issue: security/alliance
                    key: beta-never-joins-alliance
                    proposition: Beta must stay out of the alliance.
                    kind: demand
        """)
    let error = #expect(throws: LoadError.self) { try store.load([Fixtures.input(repeated)]) }
    #expect(error?.description.contains("repeats 'alpha-no-alliance'") == true)
  }

  @Test func quotesAreCheckedAndLocatedInAGivenText() throws {
    try Fixtures.withTemporaryDirectory { folder in
      let text = "On Wednesday the minister said: Beta must never join the alliance. Nothing else."
      try text.write(
        to: folder.appendingPathComponent("article.txt"), atomically: true, encoding: .utf8)
      let yaml = Fixtures.base.replacingOccurrences(
        of: "    published: 2025-03-12",
        with: "    published: 2025-03-12\n    text_file: article.txt")
      let store = try Fixtures.emptyStore()
      try store.load([Fixtures.input(yaml, baseDirectory: folder)])
      let statement = try #require(
        try store.reader.read { db in try Statement.fetchOne(db, key: "st-1") })
      #expect(statement.quoteStart == 32)
      #expect(statement.quoteEnd == 32 + "Beta must never join the alliance".count)
      let document = try #require(
        try store.reader.read { db in try Document.fetchOne(db, key: "doc-1") })
      #expect(document.textSHA256 == SHA256.hexDigest(of: Data(text.utf8)))
      #expect(document.body == text)

      let misquoted = yaml.replacingOccurrences(
        of: "Beta must never join", with: "Beta shall never join"
      )
      .replacingOccurrences(of: "doc-1", with: "doc-2").replacingOccurrences(
        of: "st-1", with: "st-9"
      )
      .replacingOccurrences(of: "alpha-no-alliance", with: "alpha-other")
      let error = #expect(throws: LoadError.self) {
        try store.load([Fixtures.input(misquoted, baseDirectory: folder)])
      }
      #expect(error?.description.contains("does not occur in the text of document 'doc-2'") == true)
    }
  }

  @Test func jsonInputIsReadLikeYAML() throws {
    let json = """
      {"parties": [{"id": "alpha", "name": "Alpha", "kind": "state"}],
       "issues": [{"id": "security", "label": "Security"}]}
      """
    let store = try Fixtures.emptyStore()
    let report = try store.load([Fixtures.input(json, path: "in.json")])
    #expect(report.added["parties"] == 1)
    let bad = json.replacingOccurrences(of: "\"state\"", with: "\"country\"")
    let error = #expect(throws: LoadError.self) {
      try store.load([Fixtures.input(bad, path: "in.json")])
    }
    #expect(error?.problems.first?.location.line == 1)
    #expect(error?.problems.first?.location.field == "parties[0].kind")
  }

  // MARK: - Fixtures

  /// Data already in the store when a malformed load is tried.
  static let prelude = """
    parties:
      - {id: gamma-watch, name: Gamma Watch, kind: analyst}
    issues:
      - {id: humanitarian, label: Humanitarian}
    """

  static let restatement = """
    documents:
      - id: doc-2
        title: Alpha repeats its terms
        published: 2025-03-20
        statements:
          - id: st-2
            speaker: ann-speaker
            said: 2025-03-20
            attribution: reported
            quote: "Alpha repeated that Beta must stay out"
            supports:
              - alpha-no-alliance
    """
}

/// Regressions found by trying Parley as a new user.
struct NewUserRegressionTests {
  /// Beta's foreign minister, for statements on Beta's behalf.
  static let betaSpeaker = """
    parties:
      - id: bo-speaker
        name: Bo Speaker
        kind: person
        affiliations: [{party: beta, role: Foreign minister, from: 2020-01-01}]
    """

  @Test func aStatementForOnePartyCannotSupportAnothersPosition() throws {
    let store = try Fixtures.emptyStore()
    try store.load([Fixtures.input(Fixtures.base)])
    let crossed =
      Self.betaSpeaker + "\n"
      + LoaderTests.restatement.replacingOccurrences(
        of: "speaker: ann-speaker", with: "speaker: bo-speaker")
    let error = #expect(throws: LoadError.self) { try store.load([Fixtures.input(crossed)]) }
    #expect(
      error?.description.contains(
        "speaks for beta but supports 'alpha-no-alliance', a position held by alpha") == true)
    // With a role, the same statement is a reaction and loads.
    let reaction = crossed.replacingOccurrences(
      of: "          - alpha-no-alliance",
      with: "          - {position: alpha-no-alliance, role: disputes}")
    try store.load([Fixtures.input(reaction)])
    let position = try store.positionDetail(id: "alpha-no-alliance").position
    #expect(position.evidence.map(\.role) == [.supports, .disputes])
    #expect(position.restatements == 0)
  }

  @Test func aSupersessionIsCheckedEvenWhenThePositionIsAlreadyStored() throws {
    let store = try Fixtures.emptyStore()
    try store.load([Fixtures.input(Fixtures.base)])
    // First stored without `supersedes`…
    let plain = TimeTests.change.split(separator: "\n", omittingEmptySubsequences: false)
      .filter { !$0.contains("supersedes: alpha-no-alliance") }.joined(separator: "\n")
      .replacingOccurrences(of: "issue: security/alliance", with: "issue: ceasefire/general")
    try store.load([Fixtures.input(plain)])
    // …then the same file with a `supersedes` across issues is still refused.
    let crossing = TimeTests.change.replacingOccurrences(
      of: "issue: security/alliance", with: "issue: ceasefire/general")
    let error = #expect(throws: LoadError.self) { try store.load([Fixtures.input(crossing)]) }
    #expect(error?.description.contains("expected the same holder and issue") == true)
    #expect(try store.positionDetail(id: "alpha-no-alliance").relations.isEmpty)
  }

  @Test func aSupersedesAddedLaterToAStoredPositionClosesTheOldInterval() throws {
    let store = try Fixtures.emptyStore()
    try store.load([Fixtures.input(Fixtures.base)])
    let plain = TimeTests.change.split(separator: "\n", omittingEmptySubsequences: false)
      .filter { !$0.contains("supersedes: alpha-no-alliance") }.joined(separator: "\n")
    try store.load([Fixtures.input(plain)])
    let report = try store.load([Fixtures.input(TimeTests.change)])
    #expect(report.positionsChanged == 1)
    #expect(try store.positionDetail(id: "alpha-no-alliance").position.status == .superseded)
  }

  @Test func unknownIdsGetCloseSuggestions() throws {
    let store = try Fixtures.emptyStore()
    try store.load([Fixtures.input(Fixtures.base)])
    let misspelt = LoaderTests.restatement.replacingOccurrences(
      of: "          - alpha-no-alliance", with: "          - alpha-no-aliance")
    let error = #expect(throws: LoadError.self) { try store.load([Fixtures.input(misspelt)]) }
    #expect(error?.description.contains("such as 'alpha-no-alliance'") == true)
    #expect(throws: QueryError.unknownParty("Alfa", suggestions: ["alpha"])) {
      try store.resolveParty("Alfa")
    }
  }

  @Test(
    "A mistyped issue id suggests the closest slot, not its top-level parent",
    arguments: [
      ("ceasefire/generel", "ceasefire/general"),
      ("generel", "ceasefire/general"),
      ("security/aliance", "security/alliance"),
      ("security/alliance-membership", "security/alliance"),
    ])
  func aMistypedIssueSuggestsTheClosestSlot(typed: String, meant: String) throws {
    let store = try Fixtures.emptyStore()
    let mistyped = Fixtures.base.replacingOccurrences(
      of: "issue: security/alliance", with: "issue: \(typed)")
    #expect(mistyped != Fixtures.base)
    let error = #expect(throws: LoadError.self) { try store.load([Fixtures.input(mistyped)]) }
    #expect(error?.description.contains("such as '\(meant)'") == true)
    try store.load([Fixtures.input(Fixtures.base)])
    let asked = #expect(throws: QueryError.self) { try store.resolveIssues(typed) }
    guard case .unknownIssue(_, let suggestions) = asked else {
      Issue.record("expected an unknown issue, got \(String(describing: asked))")
      return
    }
    #expect(suggestions.first == meant)
  }

  @Test func aPersonStandsForThePartyTheySpeakFor() throws {
    let store = try Fixtures.emptyStore()
    try store.load([Fixtures.input(Fixtures.base)])
    let (party, note) = try store.holderSpeakingFor(
      try store.resolveParty("Ann Speaker"), on: try PartialDate(parsing: "2025-03-12"))
    #expect(party.id == "alpha")
    #expect(note?.contains("speaks for alpha") == true)
  }

  @Test func aRevisionThatDoesNotExistIsAnError() throws {
    let store = try Fixtures.emptyStore()
    try store.load([Fixtures.input(Fixtures.base)])
    #expect(throws: QueryError.noSuchRevision(9, latest: 1)) { try store.knownAt(parsing: "r9") }
    #expect(try store.knownAt(parsing: "2025-03-25", dateMeans: .startOfDay) == .revision(0))
  }
}
