import Foundation
import ParleyTestSupport
import Testing

@testable import ParleyKit

/// Bounds on input, and the quote search that stays linear in the text.
struct InputLimitsTests {
  @Test func aQuoteIsFoundAtEveryOffsetCountedInUnicodeScalars() {
    #expect(QuoteSearch.scalarOffsets(of: "née", in: "Une née, deux née.") == [4, 14])
    #expect(QuoteSearch.scalarOffsets(of: "aa", in: "aaaa") == [0, 1, 2])
    #expect(QuoteSearch.scalarOffsets(of: "🇺🇦 flag", in: "The 🇺🇦 flag") == [4])
    #expect(QuoteSearch.scalarOffsets(of: "abcabd", in: "abcabcabd") == [3])
    #expect(QuoteSearch.scalarOffsets(of: "x", in: "") == [])
    #expect(QuoteSearch.scalarOffsets(of: "", in: "text") == [])
    #expect(QuoteSearch.scalarOffsets(of: "longer than", in: "short") == [])
  }

  /// The search a user reported (35 s on a small file) compared the quote at every place its first
  /// letter occurs: on "aaaa…" with a quote "aaa…b" that is the text's length times the quote's.
  ///
  /// Such a quote must cost a load no more than one whose first letter is nowhere in the text (the
  /// same reading, hashing and storing, and nothing to compare).
  @Test func aQuoteIsSearchedInTimeLinearInTheText() throws {
    let text = String(repeating: "a", count: 4_000_000)
    let worst = String(repeating: "a", count: 599) + "b"
    let started = Date()
    #expect(QuoteSearch.scalarOffsets(of: worst, in: text).isEmpty)
    #expect(Date().timeIntervalSince(started) < 10)

    func loadTime(quote: String) throws -> TimeInterval {
      try Fixtures.withTemporaryDirectory { folder in
        try Data(text.utf8).write(to: folder.appendingPathComponent("article.txt"))
        let yaml = Fixtures.base
          .replacingOccurrences(
            of: "    published: 2025-03-12",
            with: "    published: 2025-03-12\n    text_file: article.txt"
          )
          .replacingOccurrences(of: "Beta must never join the alliance", with: quote)
        let started = Date()
        let error = #expect(throws: LoadError.self) {
          try Fixtures.emptyStore().load([Fixtures.input(yaml, baseDirectory: folder)])
        }
        #expect(error?.problems.first?.message.contains("does not occur in the text") == true)
        return Date().timeIntervalSince(started)
      }
    }
    let baseline = try loadTime(quote: "b" + String(repeating: "a", count: 599))
    let adversarial = try loadTime(quote: worst)
    #expect(adversarial < baseline * 3 + 2, "\(adversarial) s against \(baseline) s")
  }

  /// A byte-order mark is skipped the same way in YAML, JSON and JSON Lines.
  @Test(arguments: ["in.yaml", "in.json", "in.jsonl"])
  func aByteOrderMarkIsAcceptedInEveryFormat(name: String) throws {
    try Fixtures.withTemporaryDirectory { folder in
      let json = #"{"issues": [{"id": "trade", "label": "Trade"}]}"#
      let text = name == "in.yaml" ? "issues: [{id: trade, label: Trade}]\n" : json + "\n"
      let url = folder.appendingPathComponent(name)
      try Data([0xEF, 0xBB, 0xBF] + Array(text.utf8)).write(to: url)
      let store = try Fixtures.emptyStore()
      let report =
        ParleyStore.isStream(path: url.path)
        ? try store.load([], streams: [url.path])
        : try store.load([try LoadInput.file(url.path)])
      #expect(report.added["issues"] == 1)
      #expect(
        try store.reader.read { db in try Issue.fetchOne(db, key: "trade") }?.label == "Trade")
    }
  }

  @Test func aStreamLineOverTheLimitIsSkippedAndTheNextLinesAreRead() throws {
    try Fixtures.withTemporaryDirectory { folder in
      let path = folder.appendingPathComponent("in.jsonl").path
      let long =
        #"{"issues": [{"id": "a", "label": ""# + String(repeating: "x", count: 5000) + #""}]}"#
      try (long + "\n" + #"{"issues": [{"id": "b", "label": "B"}]}"# + "\n").write(
        toFile: path, atomically: true, encoding: .utf8)
      let reader = try #require(JSONLinesReader(path: path, maxLineBytes: 1000))
      let first = reader.nextLine { line, number -> String in
        if case .tooLong(let bytes) = line { return "\(number): \(bytes) bytes" }
        return "\(number): read"
      }
      #expect(first == "1: \(long.utf8.count) bytes")
      let second = reader.nextLine { line, number -> String in
        if case .bytes(let bytes) = line {
          return "\(number): " + String(decoding: bytes, as: UTF8.self)
        }
        return "\(number): too long"
      }
      #expect(second == #"2: {"issues": [{"id": "b", "label": "B"}]}"#)
      #expect(reader.nextLine { _, _ in "more" } == nil)
    }
  }
}
