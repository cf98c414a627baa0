import Foundation
import ParleyTestSupport
import Testing

@testable import ParleyKit

/// What a command accepts is bounded, and what it does costs no more than its answer.
struct CommandBoundsTests {
  /// 500 states, each holding one position on the same slot, each answering the next one's: the
  /// comparison has 124,750 pairs of positions and 499 relations.
  ///
  /// Visiting every pair and scanning every relation for each took 35 s and 2.3 GB; the pairs are
  /// now visited without being collected and relations looked up in a set.
  @Test func aComparisonOfFiveHundredPartiesCostsItsPairsAndNoMore() throws {
    let count = 500
    var yaml = "parties:\n"
    for index in 0..<count {
      yaml += "  - {id: state-\(index), name: State \(index), kind: state}\n"
    }
    yaml +=
      "issues: [{id: harbour, label: Harbour}]\ndocuments:\n  - id: doc\n    title: Everyone speaks\n    published: 2025-03-12\n    statements:\n"
    for index in 0..<count {
      let responds = index + 1 < count ? ", responds_to: [p-\(index + 1)]" : ""
      yaml += """
            - {id: st-\(index), on_behalf_of: state-\(index), said: 2025-03-12, attribution: reported, supports: [{id: p-\(index), issue: harbour, key: k-\(index), proposition: Position \(index)., kind: demand\(responds)}]}

        """
    }
    let store = try Fixtures.emptyStore()
    try store.load([Fixtures.input(yaml)])
    let started = Date()
    let comparison = try store.compare(
      parties: (0..<count).map { "state-\($0)" }, asOf: try PartialDate(parsing: "2025-04-01"))
    let elapsed = Date().timeIntervalSince(started)
    #expect(comparison.rows.count == 1)
    #expect(comparison.rows.first?.cells.count == count)
    #expect(comparison.rows.first?.classification == .divergent)
    #expect(elapsed < 20, "\(elapsed) s")
  }

  @Test func aQueryExpressionIsBoundedInLengthAndValues() throws {
    let long = "text:" + String(repeating: "a", count: 5_000)
    let tooLong = #expect(throws: QuerySyntaxError.self) { try QueryExpression(parsing: long) }
    #expect(tooLong?.message == "the expression is 5,005 characters long (expected at most 4,000)")
    let values = "holder:" + (0..<300).map { "p\($0)" }.joined(separator: ",")
    let tooMany = #expect(throws: QuerySyntaxError.self) { try QueryExpression(parsing: values) }
    #expect(tooMany?.message == "more than 256 values (expected at most 256 in one expression)")
    #expect(
      tooMany?.column == values.distance(
        from: values.startIndex, to: values.range(of: "p256")!.lowerBound) + 1)
    #expect(throws: Never.self) {
      try QueryExpression(parsing: "holder:" + (0..<256).map { "p\($0)" }.joined(separator: ","))
    }
  }

  @Test func aSearchOfMoreThanSixtyFourWordsIsRefused() throws {
    let store = try Fixtures.emptyStore()
    let error = #expect(throws: QueryError.self) {
      try store.search((0..<65).map { "word\($0)" }.joined(separator: " "))
    }
    #expect(error?.description.hasPrefix("65 words were given; at most 64 are accepted.") == true)
  }

  @Test func partialStoresLeftByProcessesThatNoLongerRunAreRemoved() throws {
    try Fixtures.withTemporaryDirectory { folder in
      let path = folder.appendingPathComponent("parley.sqlite").path
      // A process that has ended: its pid names no running process.
      let finished = Process()
      finished.executableURL = URL(fileURLWithPath: "/bin/true")
      try finished.run()
      finished.waitUntilExit()
      let dead = finished.processIdentifier
      let stale = ["", "-journal"].map { path + ".partial-\(dead)" + $0 }
      let live = path + ".partial-1"  // init: always running
      let unrelated = path + ".partial-notes.txt"
      for file in stale + [live, unrelated] {
        FileManager.default.createFile(atPath: file, contents: Data("half a store".utf8))
      }
      _ = try ParleyStore.openCreatingWithSeed(path: path, seed: false)
      for file in stale { #expect(!FileManager.default.fileExists(atPath: file), "\(file)") }
      #expect(FileManager.default.fileExists(atPath: live))
      #expect(FileManager.default.fileExists(atPath: unrelated))
      // And again when the store exists already.
      FileManager.default.createFile(atPath: stale[0], contents: Data())
      _ = try ParleyStore.openCreatingWithSeed(path: path)
      #expect(!FileManager.default.fileExists(atPath: stale[0]))
    }
  }
}
