import Foundation
import ParleyTestSupport
import Testing

@testable import ParleyKit

struct QueryTests {
  @Test(arguments: [
    ("Kremlin", "russia"), ("moscow", "russia"), ("Kyiv", "ukraine"),
    ("Washington", "united-states"), ("Vladimir Putin", "vladimir-putin"), ("russia", "russia"),
  ])
  func partiesResolveByIdAliasOrName(text: String, id: String) throws {
    let store = try Fixtures.seededStore()
    #expect(try store.resolveParty(text).id == id)
  }

  @Test func anUnknownPartySuggestsCloseOnes() throws {
    let store = try Fixtures.seededStore()
    let error = #expect(throws: QueryError.self) { try store.resolveParty("russ") }
    #expect(error?.description.contains("'russia'") == true)
  }

  @Test(arguments: [
    (
      "territory",
      ["territory", "territory/annexed-regions", "territory/crimea", "territory/kursk"]
    ),
    ("nato", ["security/nato-membership"]),
    ("ceasefire/general", ["ceasefire/general"]),
    ("kursk", ["territory/kursk"]),
  ])
  func issuesResolveByIdPrefixOrWord(text: String, expected: [String]) throws {
    let store = try Fixtures.seededStore()
    let issues = try store.resolveIssues(text)
    for id in expected { #expect(issues.contains(id), "\(text) does not reach \(id)") }
    #expect(
      issues.allSatisfy { id in
        expected.contains { id == $0 || id.hasPrefix($0 + "/") } || text == "territory"
      })
  }

  @Test func anUnknownIssueIsAnError() throws {
    let store = try Fixtures.seededStore()
    #expect(throws: QueryError.self) { try store.resolveIssues("bananas") }
  }

  @Test func positionsOfAStateIncludeThoseOfItsBodies() throws {
    let store = try Fixtures.emptyStore()
    let statement = [
      "      - id: st-mod",
      "        on_behalf_of: alpha-defence",
      "        said: 2025-03-13",
      "        attribution: claimed",
      "        quote: \"troops hold the ridge\"",
      "        supports:",
      "          - id: alpha-defence-ridge-claim",
      "            issue: security/alliance",
      "            key: ridge-held",
      "            proposition: Alpha's troops hold the ridge.",
      "            kind: claim",
    ]
    let yaml = Fixtures.base + "\n" + statement.joined(separator: "\n")
    try store.load([Fixtures.input(yaml)])
    let ids = try store.positions(PositionFilter(holders: ["alpha"])).map(\.id)
    #expect(ids.contains("alpha-defence-ridge-claim"))
    #expect(ids.contains("alpha-no-alliance"))
  }

  @Test func targetFilterFindsPositionsAimedAtAParty() throws {
    let store = try Fixtures.seededStore()
    let threats = try store.positions(PositionFilter(kinds: [.threat], targets: ["russia"]))
    #expect(
      threats.contains { $0.holder == "united-states" && $0.issue == "sanctions/economic-pressure" }
    )
  }

  @Test func stanceVerbsAndSynonymsAreUnderstood() {
    #expect(StanceKind(userInput: "demands") == .demand)
    #expect(StanceKind(userInput: "Offers") == .proposal)
    #expect(StanceKind(userInput: "threat") == .threat)
    #expect(StanceKind(userInput: "accepts") == .acceptance)
    #expect(StanceKind(userInput: "wants") == nil)
  }

  @Test func theJSONContractHasTheDocumentedFields() throws {
    let store = try Fixtures.seededStore()
    let list = try store.positionList(PositionFilter(kinds: [.demand]), question: "who demands")
    let json = try JSONRenderer().render(list)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    let positions = try #require(object["positions"] as? [[String: Any]])
    #expect(!positions.isEmpty)
    for position in positions {
      for key in [
        "id", "holder", "kind", "issue", "target", "proposition", "valid_from", "valid_to",
        "status", "evidence",
      ] {
        #expect(position.keys.contains(key), "missing \(key)")
      }
      #expect(position["target"] is [Any])
      let evidence = try #require(position["evidence"] as? [[String: Any]])
      for item in evidence {
        for key in ["speaker", "date", "document", "quote", "attribution"] {
          #expect(item.keys.contains(key), "evidence is missing \(key)")
        }
      }
    }
    // Keys are sorted, so the output is stable byte for byte.
    #expect(json == (try JSONRenderer().render(list)))
    #expect(json.range(of: "\"as_of\"")!.lowerBound < json.range(of: "\"known_at\"")!.lowerBound)
  }

  /// The contract's rule: an absent optional is written as `null`, never left out
  /// (`@ExplicitNull`, Model/JSONContract.swift).
  @Test func absentOptionalsAreWrittenAsNull() throws {
    let store = try Fixtures.seededStore()
    let issues = try JSONRenderer().render(try store.issueList())
    #expect(issues.contains("\"as_of\" : null"))
    let detail = try store.positionDetail(id: "ru-nato-bar-ukraine-2021-12")
    let shown = try JSONRenderer().render(detail)
    #expect(shown.contains("\"retired_in\" : null"))
    #expect(shown.contains("\"valid_from\" : \"2021-12"))
    let list = PositionList(
      question: "q", asOf: nil, knownAt: RecordPoint(revision: 0, recordedAt: nil), positions: [])
    let empty = try JSONRenderer().render(list)
    #expect(empty.contains("\"as_of\" : null") && empty.contains("\"recorded_at\" : null"))
  }
}
