import Foundation
import ParleyTestSupport
import Testing

@testable import ParleyKit

/// The README's worked example of adding one article loads into the seed corpus as documented.
struct ExampleTests {
  static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Examples")

  @Test func theReadmeExampleLoadsAndAnswers() throws {
    let store = try Fixtures.seededStore()
    let report = try store.load([
      try LoadInput.file(Self.examples.appendingPathComponent("energy-pause.yaml").path)
    ])
    #expect(report.added["documents"] == 1)
    #expect(report.added["statements"] == 4)
    #expect(report.added["positions"] == 3)
    let asOf = try PartialDate(parsing: "2025-03-19")
    let preconditions = try store.positions(
      PositionFilter(holders: ["russia"], issues: ["ceasefire/general"], asOf: asOf)
    )
    .first { $0.id == "ru-ceasefire-preconditions-2025-03" }
    #expect(preconditions?.restatements == 1)
    let accepts = try store.positions(
      PositionFilter(kinds: [.acceptance], issues: try store.resolveIssues("energy"), asOf: asOf))
    #expect(accepts.map(\.holder) == ["ukraine"])
    #expect(
      accepts.first?.evidence.first?.quote
        == "they would back the energy pause if Russia kept to it")
  }

  @Test func theReadmeWindowDiffShowsAChainOfThreeStepsAndTrucesThatCameAndWent() throws {
    let store = try Fixtures.seededStore()
    try store.load(
      try ["energy-pause.yaml", "later-weeks.yaml"].map {
        try LoadInput.file(Self.examples.appendingPathComponent($0).path)
      })
    let diff = try store.diff(
      holder: "russia", issues: try store.resolveIssues("ceasefire"),
      from: try PartialDate(parsing: "2025-03-11"), to: try PartialDate(parsing: "2025-04-30"))
    let chain = try #require(diff.changes.first { $0.after?.id == "ru-truce-conditions-2025-03" })
    #expect(chain.before?.id == "ru-no-temporary-truce-2024-12")
    #expect(
      chain.through.map(\.id) == [
        "ru-weighs-30-day-ceasefire-2025-03", "ru-truce-in-principle-2025-03",
      ])
    #expect(chain.steps.map(\.on.description) == ["2025-03-12", "2025-03-13", "2025-03-18"])
    #expect(chain.change == .reversed)
    let cameAndWent = diff.changes.filter { $0.change == .cameAndWent }.flatMap(\.through).map(\.id)
    #expect(cameAndWent.sorted() == ["ru-easter-truce-2025-04", "ru-energy-strike-pause-2025-03"])
    let energy = try #require(
      diff.changes.first { $0.through.first?.id == "ru-energy-strike-pause-2025-03" })
    #expect(energy.steps.last?.details.first?.hasPrefix("expired on 2025-04-17") == true)
  }

  @Test func theReadmeShowsTheExampleFilesAsTheyAre() throws {
    let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("README.md")
    let text = try String(contentsOf: readme, encoding: .utf8)
    for name in ["energy-pause.yaml", "energy-pause.txt", "later-weeks.yaml", "later-weeks.txt"] {
      let file = try String(contentsOf: Self.examples.appendingPathComponent(name), encoding: .utf8)
      #expect(text.contains(file), "README.md does not show \(name) as it is")
    }
  }
}
