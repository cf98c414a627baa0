import ParleyTestSupport
import Testing

@testable import ParleyKit

/// An as-of answer shows the world as it stood on that day: nothing said later, no end that
/// lies after it (issue 11, part 2), in every read command.
struct AsOfTests {
  static let later = """
    documents:
      - id: d-0428-interview
        title: Interview
        published: 2025-04-28
        statements:
          - {id: s-0428-interview, speaker: ann, said: 2025-04-28, attribution: reported, quote: "still no foreign troops", supports: [a-no-troops]}
    """

  static func store() throws -> ParleyStore {
    let store = try LifecycleFixture.store()
    try store.load([Fixtures.input(later, path: "later.yaml")])
    return store
  }

  static let day = LifecycleFixture.day("2025-04-10")

  /// Every read command's positions, asked as of 10 April.
  static let commands: [(String, @Sendable (ParleyStore) throws -> [PositionSummary])] = [
    (
      "who",
      {
        try $0.positionList(
          PositionFilter(kinds: [.rejection, .commitment], asOf: day), question: "who"
        ).positions
      }
    ),
    (
      "positions",
      {
        try $0.positionList(PositionFilter(holders: ["alpha"], asOf: day), question: "positions")
          .positions
      }
    ),
    ("query", { try $0.positionList(query: "holder:alpha as-of:2025-04-10").positions }),
    (
      "compare",
      {
        try $0.compare(parties: ["alpha", "beta"], asOf: day).rows.flatMap {
          $0.cells.flatMap(\.positions)
        }
      }
    ),
    ("contested", { try $0.contested(asOf: day).claims.map(\.claim) }),
    (
      "commitments",
      { try $0.commitments(holders: ["alpha"], asOf: day).commitments.map(\.position) }
    ),
    (
      "report",
      {
        try $0.report(parties: ["alpha"], asOf: day).comparison.rows.flatMap {
          $0.cells.flatMap(\.positions)
        }
      }
    ),
  ]

  @Test(arguments: commands)
  func anAsOfAnswerShowsNothingSaidOrEndedAfterTheDay(
    command: String, answer: @Sendable (ParleyStore) throws -> [PositionSummary]
  ) throws {
    let positions = try answer(try Self.store())
    #expect(!positions.isEmpty, "\(command) answered nothing")
    for position in positions {
      #expect(
        !position.evidence.contains { $0.date.firstDay > 2025_04_10 },
        "\(command): \(position.id) quotes what was said after the day")
      #expect(
        position.validTo.map { $0.firstDay <= 2025_04_10 } ?? true,
        "\(command): \(position.id) shows an end after the day")
    }
    if command != "commitments" && command != "contested" {
      let troops = positions.first { $0.id == "a-no-troops" }
      #expect(troops?.lastStated?.description == "2025-03-12", "\(command)")
    }
  }

  @Test func theBriefShowsNothingSaidOrEndedAfterItsDay() throws {
    let brief = try Self.store().briefing(asOf: Self.day, parties: ["alpha"])
    let positions = brief.parties.flatMap(\.positions)
    #expect(positions.contains { $0.id == "a-energy-halt" && $0.validTo == nil })
    #expect(!positions.flatMap(\.statements).contains("s-0428-interview"))
    #expect(!brief.sources.contains { $0.document == "d-0428-interview" })
  }

  @Test func withoutAsOfTheLaterFactsAreThere() throws {
    let detail = try Self.store().positionDetail(id: "a-no-troops")
    #expect(detail.position.lastStated?.description == "2025-04-28")
    #expect(detail.position.propositionKey == "no-foreign-troops")
  }
}
