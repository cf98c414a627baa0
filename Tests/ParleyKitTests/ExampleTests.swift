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

  @Test func theReadmeShowsTheExampleFilesAsTheyAre() throws {
    let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("README.md")
    let text = try String(contentsOf: readme, encoding: .utf8)
    for name in ["energy-pause.yaml", "energy-pause.txt"] {
      let file = try String(contentsOf: Self.examples.appendingPathComponent(name), encoding: .utf8)
      #expect(text.contains(file), "README.md does not show \(name) as it is")
    }
  }
}
