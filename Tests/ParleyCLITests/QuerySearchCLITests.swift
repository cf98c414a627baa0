import Foundation
import ParleyTestSupport
import Testing

/// `parley query` and `parley search`, run in process.
struct QuerySearchCLITests {
  @Test func aSyntaxErrorExitsWithUsageAndACaretUnderTheColumn() throws {
    try Fixtures.withSeededStoreFile { path in
      let result = runParley(["query", "holder:russia knd:demand", "--db", path])
      #expect(result.exitCode == 64)
      #expect(result.output.isEmpty)
      #expect(
        result.errors.hasPrefix(
          "holder:russia knd:demand\n              ^ column 15: unknown field 'knd' (expected one of: holder, target, kind,"
        ))
    }
  }

  @Test func aQueryPrintsThePositionsItSelects() throws {
    try Fixtures.withSeededStoreFile { path in
      let result = runParley([
        "query", "holder:kremlin kind:demand issue:territory/*", "--format", "json", "--db", path,
      ])
      #expect(result.exitCode == 0, "\(result.errors)")
      let object = try #require(
        try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
      #expect(object["question"] as? String == "query holder:kremlin kind:demand issue:territory/*")
      #expect(object["as_of"] is NSNull)
      let ids = (object["positions"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
      #expect(
        Set(ids ?? []) == [
          "ru-recognise-crimea-2024-06", "ru-recognise-annexed-regions-2024-06",
          "ru-withdraw-four-regions-2024-06",
        ])
    }
  }

  @Test func termsMayComeAsSeparateArguments() throws {
    try Fixtures.withSeededStoreFile { path in
      let result = runParley(["query", "holder:russia", "text:crimea", "--db", path])
      #expect(result.exitCode == 0, "\(result.errors)")
      #expect(result.output.hasPrefix("query holder:russia text:crimea · at any time"))
      #expect(result.output.contains("ru-recognise-crimea-2024-06"))
    }
  }

  @Test func aPartyThatMatchesNothingIsAUsageError() throws {
    try Fixtures.withSeededStoreFile { path in
      let result = runParley(["query", "holder:atlantis", "--db", path])
      #expect(result.exitCode == 64)
      #expect(result.errors.contains("Error: No party is called 'atlantis'"))
    }
  }

  @Test func searchPrintsRankedHits() throws {
    try Fixtures.withSeededStoreFile { path in
      let result = runParley(["search", "crimea", "recognition", "--limit", "3", "--db", path])
      #expect(result.exitCode == 0, "\(result.errors)")
      let lines = result.output.split(separator: "\n")
      #expect(lines.first?.hasPrefix("search \"crimea recognition\"") == true)
      #expect(lines.dropFirst().first?.hasPrefix("KIND") == true)
      #expect(result.output.contains("position   ru-recognise-crimea-2024-06"))
      let json = runParley(["search", "NEAR(crimea", "--format", "json", "--db", path])
      #expect(json.exitCode == 0, "\(json.errors)")
      #expect(json.output.contains("\"hits\""))
    }
  }

  @Test(arguments: [["search", "crimea", "--limit", "0"], ["search", " "]])
  func badSearchArgumentsAreUsageErrors(arguments: [String]) throws {
    try Fixtures.withSeededStoreFile { path in
      let result = runParley(arguments + ["--db", path])
      #expect(result.exitCode == 64)
    }
  }
}
