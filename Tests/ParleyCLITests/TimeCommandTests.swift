import Foundation
import ParleyTestSupport
import Testing

@testable import parley

/// `diff`, `compare`, `timeline` and `contested` from the command line.
struct TimeCommandTests {
  /// Golden files for the issue's showcase questions, in every format (PARLEY_RECORD=1 rewrites).
  @Test(
    arguments: [
      ("diff-russia", ["diff", "russia", "--from", "2025-03-11", "--to", "2025-03-14"]),
      (
        "compare-ceasefire",
        [
          "compare", "russia", "ukraine", "united-states", "--issue", "ceasefire", "--as-of",
          "2025-03-14",
        ]
      ),
    ], ["text", "json", "md"])
  func showcaseQuestionsMatchTheirGoldenFiles(name: (String, [String]), format: String) throws {
    try Fixtures.withSeededStoreFile { path in
      let result = runParley(name.1 + ["--format", format, "--db", path])
      #expect(result.exitCode == 0, "\(result.errors)")
      try golden.expect(
        result.output, matches: "\(name.0).\(format == "text" ? "txt" : format)")
    }
  }

  @Test func diffSaysWhichQuestionItAnswers() throws {
    try Fixtures.withSeededStoreFile { path in
      let world = runParley([
        "diff", "russia", "--from", "2025-03-11", "--to", "2025-03-14", "--db", path,
      ])
      #expect(world.output.contains("(valid time"))
      let learned = runParley(["diff", "russia", "--known-since", "r0", "--db", path])
      #expect(learned.exitCode == 0, "\(learned.errors)")
      #expect(learned.output.contains("What the store learned about russia since r0"))
      #expect(learned.output.contains("(record time"))
    }
  }

  @Test(arguments: [
    ["diff", "russia"],
    ["diff", "russia", "--from", "2025-03-14", "--to", "2025-03-01"],
    ["diff", "russia", "--known-since", "r1", "--from", "2025-03-01"],
    ["compare", "russia"],
    ["timeline", "--from", "March"],
  ])
  func badTimeArgumentsAreUsageErrors(arguments: [String]) throws {
    try Fixtures.withSeededStoreFile { path in
      let result = runParley(arguments + ["--db", path])
      #expect(result.exitCode == 64, "\(result.output)")
    }
  }

  @Test func timelineAndContestedAnswer() throws {
    try Fixtures.withSeededStoreFile { path in
      let timeline = runParley([
        "timeline", "--party", "ukraine", "--issue", "ceasefire", "--db", path,
      ])
      #expect(timeline.exitCode == 0)
      #expect(timeline.output.contains("2025-03-11"))
      // The party may be given as the argument, as for the other commands; not twice.
      let positional = runParley(["timeline", "ukraine", "--issue", "ceasefire", "--db", path])
      #expect(positional.output == timeline.output)
      let twice = runParley(["timeline", "ukraine", "--party", "russia", "--db", path])
      #expect(twice.exitCode == 64)
      #expect(twice.errors.contains("Give the party once"))
      let contested = runParley(["contested", "--issue", "kursk", "--format", "md", "--db", path])
      #expect(contested.output.contains("no-comment"))
      #expect(contested.output.contains("| Status | Claim |"))
    }
  }

  /// `parties` and `issues` list the store's catalogue; `--published-by` filters evidence, so
  /// they refuse it in words that say what to ask instead (as the API does), never ignoring it
  /// silently, and their help does not offer it.
  @Test(arguments: ["parties", "issues"])
  func catalogueCommandsRefusePublishedBy(command: String) throws {
    try Fixtures.withSeededStoreFile { path in
      let refused = runParley([command, "--published-by", "2025-03-12", "--db", path])
      #expect(refused.exitCode == 64)
      #expect(refused.output.isEmpty)
      #expect(
        refused.errors.contains("'\(command)' takes no '--published-by'"), "\(refused.errors)")
      #expect(refused.errors.contains("parley who"), "\(refused.errors)")
      let asked = runParley([command, "--as-of", "2025-03-12", "--format", "json", "--db", path])
      #expect(asked.exitCode == 0, "\(asked.errors)")
      #expect(asked.output.contains("\"known_at\""))
    }
    let help = Parley.helpMessage(
      for: command == "parties" ? Parley.Parties.self : Parley.Issues.self)
    #expect(help.contains("--as-of"))
    #expect(!help.contains("--published-by"))
  }
}
