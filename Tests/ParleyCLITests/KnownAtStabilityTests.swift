import Foundation
import ParleyKit
import ParleyTestSupport
import Testing

@testable import parley

/// An answer "as known at" a revision is the same bytes whatever is loaded later.
struct KnownAtStabilityTests {
  /// Many later records with the searched words: under SQLite's bm25, which weighs words by the
  /// whole index, they changed the scores, the order and (with --limit) the hits known at r1.
  static let later = (1...40).map { index in
    """
      - id: crimea-note-\(index)
        title: Crimea note \(index) on recognition and Sevastopol and the peninsula
        published: 2025-04-0\(index % 9 + 1)
        statements:
          - id: crimea-st-\(index)
            on_behalf_of: russia
            said: 2025-04-0\(index % 9 + 1)
            attribution: reported
            quote: "Crimea Crimea Sevastopol recognition \(index)"
            supports: [ru-recognise-crimea-2024-06]
    """
  }.joined(separator: "\n")

  @Test(arguments: [
    ["crimea", "--limit", "2"], ["crimea", "recognition"], ["ceasefire", "--limit", "5"],
  ])
  func aSearchAsKnownAtARevisionDoesNotChangeAfterLaterLoads(query: [String]) throws {
    try Fixtures.withSeededStoreFile { store in
      let folder = URL(fileURLWithPath: store).deletingLastPathComponent()
      var before: [String] = []
      for format in ["text", "json"] {
        let result = runParley(
          ["search"] + query + ["--known-at", "r1", "--format", format, "--db", store])
        #expect(result.exitCode == 0, "\(result.errors)")
        before.append(result.output)
      }
      let input = folder.appendingPathComponent("later.yaml")
      try Data(("documents:\n" + Self.later + "\n").utf8).write(to: input)
      let load = runParley(["load", input.path, "--db", store])
      #expect(load.exitCode == 0, "\(load.errors)")
      // The later load shows in a search now…
      let now = runParley(["search"] + query + ["--db", store])
      #expect(now.output.contains("r2"))
      // …and not in the answer as known at r1, byte for byte.
      for (index, format) in ["text", "json"].enumerated() {
        let result = runParley(
          ["search"] + query + ["--known-at", "r1", "--format", format, "--db", store])
        #expect(result.output == before[index], "\(format)")
      }
    }
  }
}
