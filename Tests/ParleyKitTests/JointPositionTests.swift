import Foundation
import GRDB
import ParleyTestSupport
import Testing

@testable import ParleyKit

/// Joint and multi-issue positions (issue 11): one record held by several parties and bearing
/// on several issue slots, seen by each holder and slot in every answer.
struct JointPositionTests {
  private let day = LifecycleFixture.day

  static func store() throws -> ParleyStore {
    let store = try Fixtures.emptyStore()
    try store.load([Fixtures.input(Fixtures.jointPositions, path: "joint.yaml")])
    return store
  }

  /// The later statement in which Epsilon alone narrows the common proposal to the north.
  static let epsilonNarrows = """
    documents:
      - id: d-narrow
        title: Epsilon narrows the proposal
        published: 2025-06-01
        statements:
          - id: s-narrow
            speaker: eli
            said: 2025-06-01
            attribution: direct
            quote: "first the north, then we will see"
            supports:
              - id: e-north-first
                issue: borderland/north
                key: talks-from-line
                proposition: Epsilon proposes talks on the northern region first.
                kind: proposal
                supersedes: de-line-talks
    """

  @Test func aJointPositionIsOneRecordInTheAnswersOfEachHolderAndSlot() throws {
    let store = try Self.store()
    let asOf = day("2025-05-20")
    for holder in ["delta", "epsilon"] {
      let ids = try store.positions(PositionFilter(holders: [holder], asOf: asOf)).map(\.id)
      #expect(ids.contains("de-line-talks"), "\(holder): \(ids)")
    }
    #expect(try store.positions(PositionFilter(holders: ["zeta"], asOf: asOf)).isEmpty)
    for issue in ["borderland/north", "borderland/south"] {
      let ids = try store.positions(PositionFilter(issues: [issue], asOf: asOf)).map(\.id)
      #expect(ids.contains("de-line-talks"), "\(issue): \(ids)")
    }
    // Asked about both holders and both slots, it is still listed once, with one id.
    let all = try store.positionList(
      PositionFilter(
        kinds: [.proposal], holders: ["delta", "epsilon"],
        issues: try store.resolveIssues("borderland"), asOf: asOf),
      question: "who proposes on borderland")
    #expect(all.positions.map(\.id) == ["de-line-talks"])
    let position = try #require(all.positions.first)
    #expect(position.holder == "delta")
    #expect(position.coHolders == ["epsilon"])
    #expect(position.issue == "borderland/north")
    #expect(position.alsoOn == ["borderland/south"])
    let json = try JSONRenderer().render(all)
    #expect(json.contains("\"co_holders\" : [\n        \"epsilon\"\n      ]"), "\(json)")
    #expect(json.contains("\"also_on\" : [\n        \"borderland/south\"\n      ]"))
    let text = try TextRenderer().render(all)
    #expect(text.contains("joint: held with epsilon; also on borderland/south"), "\(text)")
    #expect(try store.positions(PositionFilter()).filter { $0.id == "de-line-talks" }.count == 1)
  }

  @Test func theQueryLanguageFindsItByEitherHolderOrSlot() throws {
    let store = try Self.store()
    for expression in ["holder:epsilon kind:proposal", "issue:borderland/south kind:proposal"] {
      let ids = try store.positionList(query: expression).positions.map(\.id)
      #expect(ids == ["de-line-talks"], "\(expression): \(ids)")
    }
  }

  @Test func aJointHoldersStatementSupportsItAndRestatesWithoutANewVersion() throws {
    let store = try Self.store()
    let detail = try store.positionDetail(id: "de-line-talks")
    let epsilon = try #require(detail.position.evidence.first { $0.statement == "s-eps" })
    #expect(epsilon.role == .supports)
    #expect(epsilon.onBehalfOf == "epsilon")
    #expect(detail.position.restatements == 1)
    #expect(detail.history.count == 1)
    // Either holder's restatement later adds evidence, never a version.
    try store.load([
      Fixtures.input(
        """
        documents:
          - id: d-again
            title: Delta repeats it
            published: 2025-05-20
            statements:
              - {id: s-again, speaker: dora, said: 2025-05-20, attribution: direct, quote: "the proposal is on the table", supports: [de-line-talks]}
        """, path: "again.yaml")
    ])
    let again = try store.positionDetail(id: "de-line-talks")
    #expect(again.position.restatements == 2)
    #expect(again.history.count == 1)
  }

  @Test func aStatementOfAPartyThatHoldsNoShareCannotSupportIt() throws {
    let store = try Self.store()
    let before = try Fixtures.rowCounts(store)
    let error = try #require(throws: LoadError.self) {
      try store.load([
        Fixtures.input(
          """
          documents:
            - id: d-zeta
              title: Zeta weighs in
              published: 2025-05-21
              statements:
                - {id: s-zeta, on_behalf_of: zeta, said: 2025-05-21, attribution: reported, quote: "we back it", supports: [de-line-talks]}
          """, path: "zeta.yaml")
      ])
    }
    #expect(error.description.contains("zeta.yaml:6:"), "\(error)")
    #expect(error.description.contains("a position held by delta and epsilon"), "\(error)")
    #expect(try Fixtures.rowCounts(store) == before)
  }

  @Test func aPositionOneHolderTakesAloneOnAJointSlotRepeatsIt() throws {
    let store = try Self.store()
    let error = try #require(throws: LoadError.self) {
      try store.load([
        Fixtures.input(
          """
          documents:
            - id: d-dup
              title: Epsilon on the south
              published: 2025-05-15
              statements:
                - id: s-dup
                  speaker: eli
                  said: 2025-05-15
                  attribution: direct
                  quote: "talks on the south from the line"
                  supports:
                    - {id: e-south-talks, issue: borderland/south, key: talks-from-line, proposition: Epsilon proposes talks on the south from the line., kind: proposal}
          """, path: "dup.yaml")
      ])
    }
    #expect(error.description.contains("repeats 'de-line-talks'"), "\(error)")
  }

  @Test(arguments: [
    (
      "held_with: [epsilom]",
      "'epsilom' is not a known party (expected a party id, such as 'epsilon')"
    ),
    ("held_with: [delta]", "'delta' in 'held_with' is the position's own holder"),
    ("held_with: [epsilon, epsilon]", "'epsilon' is listed twice in 'held_with'"),
    ("also_on: [borderland/nort]", "'borderland/nort' is not a known issue"),
    ("also_on: [borderland/north]", "'borderland/north' in 'also_on' is the position's own issue"),
  ])
  func theLoaderRefusesABadJointHolderOrSlotWhereItIsWritten(field: String, message: String)
    throws
  {
    let store = try Fixtures.emptyStore()
    let bad = Fixtures.jointPositions.replacingOccurrences(
      of: field.hasPrefix("also_on") ? "also_on: [borderland/south]" : "held_with: [epsilon]",
      with: field)
    let before = try Fixtures.rowCounts(store)
    let error = try #require(throws: LoadError.self) {
      try store.load([Fixtures.input(bad, path: "joint.yaml")])
    }
    // Where the value is written: the line of the field in the file.
    let line = bad.split(separator: "\n", omittingEmptySubsequences: false)
      .firstIndex { $0.contains(field.prefix(while: { $0 != ":" }) + ":") }.map { $0 + 1 }
    #expect(error.description.contains("joint.yaml:\(line ?? 0):"), "\(error)")
    #expect(error.description.contains(message), "\(error)")
    #expect(try Fixtures.rowCounts(store) == before)
  }

  @Test func aStoredJointPositionGivenAgainWithOtherHoldersIsRefused() throws {
    let store = try Self.store()
    let other = Fixtures.jointPositions.replacingOccurrences(
      of: "held_with: [epsilon]", with: "held_with: [epsilon, zeta]")
    let error = try #require(throws: LoadError.self) {
      try store.load([Fixtures.input(other, path: "joint.yaml")])
    }
    #expect(error.description.contains("other 'held_with' or 'also_on'"), "\(error)")
    // The same file again changes nothing.
    #expect(
      try store.load([Fixtures.input(Fixtures.jointPositions, path: "joint.yaml")]).changedNothing)
  }

  @Test func aCoHoldersDiffShowsTheJointPositionSupersededAndCompareShowsItOnEachSlot() throws {
    let store = try Self.store()
    try store.load([Fixtures.input(Self.epsilonNarrows, path: "narrow.yaml")])
    let epsilon = try store.diff(holder: "epsilon", from: day("2025-05-15"), to: day("2025-06-15"))
    let change = try #require(epsilon.changes.only)
    #expect(change.before?.id == "de-line-talks")
    #expect(change.after?.id == "e-north-first")
    // Delta's share ended with it: dropped, superseded.
    let delta = try store.diff(holder: "delta", from: day("2025-05-15"), to: day("2025-06-15"))
    let dropped = try #require(delta.changes.only)
    #expect(dropped.change == .dropped)
    #expect(dropped.before?.id == "de-line-talks")
    // Asked about the south only, the change is on the south slot.
    let south = try store.diff(
      holder: "delta", issues: ["borderland/south"], from: day("2025-05-15"),
      to: day("2025-06-15"))
    #expect(south.changes.only?.issue == "borderland/south")

    let comparison = try store.compare(
      parties: ["delta", "epsilon"], issues: ["borderland/north", "borderland/south"],
      asOf: day("2025-05-20"))
    #expect(comparison.rows.map(\.issue) == ["borderland/north", "borderland/south"])
    for row in comparison.rows where row.issue == "borderland/north" {
      for cell in row.cells {
        #expect(cell.positions.map(\.id).contains("de-line-talks"), "\(row.issue) \(cell.party)")
      }
    }
    let timeline = try store.timeline(party: "epsilon", issues: ["borderland/south"])
    #expect(
      timeline.events.contains {
        $0.kind == .positionStart && $0.party == "epsilon"
          && $0.positions.contains("de-line-talks")
      })
  }

  @Test func theBriefAndTheDatasetteViewShowItForEachHolderAndSlot() throws {
    let store = try Self.store()
    let brief = try store.briefing(asOf: day("2025-05-20"), parties: ["delta", "epsilon"])
    for party in brief.parties {
      let position = try #require(
        party.positions.first { $0.id == "de-line-talks" }, "\(party.id)")
      #expect(position.coHolders == ["epsilon"])
      #expect(position.alsoOn == ["borderland/south"])
    }
    #expect(brief.schemaVersion == "1.3.0")
    // A change to it names the others who hold it, in each holder's brief.
    for party in ["delta", "epsilon"] {
      let changes = try store.briefing(
        asOf: day("2025-05-20"), since: day("2025-05-01"), parties: [party]
      ).worldChanges
      let added = try #require(changes.first { $0.after == "de-line-talks" }, "\(party)")
      #expect(added.coHolders == ["epsilon"])
      #expect(added.summary.hasPrefix("delta (with epsilon) proposes"))
    }
    let rows = try store.reader.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT holder_id, issue_id, joint_holder, further_slot FROM position_slots
          WHERE position_id = 'de-line-talks' ORDER BY holder_id, issue_id
          """
      ).map { "\($0[0] as String) \($0[1] as String) \($0[2] as Int) \($0[3] as Int)" }
    }
    #expect(
      rows == [
        "delta borderland/north 0 0", "delta borderland/south 0 1",
        "epsilon borderland/north 1 0", "epsilon borderland/south 1 1",
      ])
  }

  @Test func furtherSourcesAreInTheReportsFootnotesAndTheContestedCounts() throws {
    let store = try Self.store()
    let contested = try store.contested(asOf: day("2025-05-20"))
    let claim = try #require(contested.claims.first { $0.claim.id == "d-bridge-claim" })
    #expect(claim.furtherReports == 1)
    #expect(claim.corroborations == 0)
    #expect(try TextRenderer().render(contested).contains("1 further report of the same words"))
    let report = try store.report(parties: ["delta", "epsilon"], asOf: day("2025-05-20"))
    let html = try HTMLRenderer().render(report)
    #expect(html.contains("also reported in Epsilon restates the common line, Example Paper"))
    let markdown = try MarkdownRenderer().render(report)
    #expect(
      markdown.contains("also reported in `d-eps` (Example Paper, 2025-05-10)"), "\(markdown)")
    #expect(report.schemaVersion == "1.3.0")
  }
}
