import Foundation
import ParleyTestSupport
import Testing

@testable import parley

/// `report` and `brief` from the command line.
struct ReportCommandTests {
  @Test func reportWritesOneSelfContainedHTMLFile() throws {
    try Fixtures.withSeededStoreFile { path in
      let file = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(
        "report.html")
      let result = runParley([
        "report", "--format", "html", "-o", file.path, "--as-of", "2025-03-14", "--db", path,
      ])
      #expect(result.exitCode == 0, "\(result.errors)")
      #expect(result.output.isEmpty)
      #expect(result.errors.contains("Wrote"))
      let html = try String(contentsOf: file, encoding: .utf8)
      for party in ["russia", "ukraine", "united-states"] {
        #expect(html.contains(">\(party)</text>"))
      }
      for issue in [
        "ceasefire/general", "security/nato-membership", "security/foreign-troops",
        "territory/crimea", "sanctions/economic-pressure",
      ] {
        #expect(html.contains(issue), "the matrix has no row for \(issue)")
      }
    }
  }

  @Test func briefTakesAUsersTemplate() throws {
    try Fixtures.withSeededStoreFile { path in
      let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
      let template = folder.appendingPathComponent("mine.mustache")
      try "As of {{as_of}}: {{#world_changes}}{{change}} {{/world_changes}}".write(
        to: template, atomically: true, encoding: .utf8)
      let result = runParley([
        "brief", "--since", "2025-03-11", "--as-of", "2025-03-14", "--format", "md",
        "--template", template.path, "--db", path,
      ])
      #expect(result.exitCode == 0, "\(result.errors)")
      #expect(result.output.hasPrefix("As of 2025-03-14: "))
      // The most significant change leads the focused brief.
      #expect(result.output.hasPrefix("As of 2025-03-14: reversed "))
    }
  }

  @Test(arguments: [
    ["brief", "--template", "x.mustache", "--format", "json"],
    ["brief", "--since", "last week"],
    ["report", "--since", "2025-13-01"],
  ])
  func badReportArgumentsAreUsageErrors(arguments: [String]) throws {
    try Fixtures.withSeededStoreFile { path in
      #expect(runParley(arguments + ["--db", path]).exitCode == 64)
    }
  }

  @Test func theTextBriefIsPlainProseNotMarkdown() throws {
    try Fixtures.withSeededStoreFile { path in
      let arguments = ["brief", "--as-of", "2025-03-14", "--since", "2025-03-10", "--db", path]
      let text = runParley(arguments + ["--format", "text"])
      let markdown = runParley(arguments + ["--format", "md"])
      #expect(text.exitCode == 0)
      #expect(markdown.output.contains("**reversed**") && markdown.output.contains("<br>"))
      for mark in ["**", "<br>", "`", "# Briefing"] {
        #expect(!text.output.contains(mark), "\(mark)")
      }
      #expect(text.output.hasPrefix("Briefing as of 2025-03-14\n=========================\n"))
      #expect(text.output.contains("- reversed: russia reversed on ceasefire/general"))
    }
  }

  @Test func briefJSONNamesTheTimesItWasComputedFor() throws {
    try Fixtures.withSeededStoreFile { path in
      let result = runParley([
        "brief", "--as-of", "2025-03-14", "--known-at", "r1", "--format", "json", "--db", path,
      ])
      let object = try #require(
        try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
      #expect(object["as_of"] as? String == "2025-03-14")
      #expect((object["known_at"] as? [String: Any])?["revision"] as? Int == 1)
      #expect(object["schema_version"] as? String == "1.3.0")
    }
  }
}
