import ArgumentParser
import Foundation
import ParleyKit
import ParleyTestSupport
import Synchronization
import Testing

@testable import parley

/// Runs `parley ARGS…` in process and captures what it prints and its exit code.
func runParley(_ arguments: [String]) -> (output: String, errors: String, exitCode: Int32) {
  let output = Mutex("")
  let errors = Mutex("")
  var exitCode: Int32 = 0
  Console.$output.withValue({ text in output.withLock { $0 += text } }) {
    Console.$errors.withValue({ line in errors.withLock { $0 += line + "\n" } }) {
      do {
        var command = try Parley.parseAsRoot(arguments)
        try command.run()
      } catch {
        exitCode = Parley.exitCode(for: error).rawValue
        let message = Parley.message(for: error)
        if !message.isEmpty { errors.withLock { $0 += message + "\n" } }
      }
    }
  }
  return (output.withLock { $0 }, errors.withLock { $0 }, exitCode)
}

/// The golden files of the CLI tests.
let golden = GoldenFiles()

struct CLITests {
  /// Golden files: `who demands` on the seed corpus, in each format (PARLEY_RECORD=1 rewrites them).
  @Test(arguments: ["text", "json"])
  func whoDemandsMatchesItsGoldenFile(format: String) throws {
    try Fixtures.withSeededStoreFile { path in
      let result = runParley([
        "who", "demands", "--as-of", "2025-03-14", "--format", format, "--db", path,
      ])
      #expect(result.exitCode == 0, "\(result.errors)")
      try golden.expect(
        result.output, matches: "who-demands.\(format == "text" ? "txt" : "json")")
    }
  }

  @Test func whoAcceptsOnCeasefireDependsOnTheDate() throws {
    try Fixtures.withSeededStoreFile { path in
      let before = runParley([
        "who", "accepts", "--on", "ceasefire", "--as-of", "2025-03-10", "--db", path,
      ])
      #expect(before.output.contains("No positions match."))
      let after = runParley([
        "who", "accepts", "--on", "ceasefire", "--as-of", "2025-03-12", "--db", path,
      ])
      #expect(after.output.contains("ukraine"))
      #expect(after.output.contains("acceptance"))
    }
  }

  @Test(arguments: [
    ["who", "wants"],
    ["who", "demands", "--as-of", "2025-02-30"],
    ["positions", "russia", "--all", "--as-of", "2025-03-01"],
  ])
  func badArgumentsAreUsageErrorsQuotingTheValue(arguments: [String]) throws {
    try Fixtures.withSeededStoreFile { path in
      let result = runParley(arguments + ["--db", path])
      #expect(result.exitCode == 64)
      #expect(result.errors.contains("'"))
    }
  }

  @Test(arguments: [
    ["who", "demands", "--on", "bananas"], ["positions", "atlantis"], ["show", "no-such-position"],
  ])
  func namesThatMatchNothingAreUsageErrors(arguments: [String]) throws {
    try Fixtures.withSeededStoreFile { path in
      let result = runParley(arguments + ["--db", path])
      #expect(result.exitCode == 64)
      #expect(result.errors.contains("Error:"))
    }
  }

  @Test func aMalformedFileExitsWithDataErrorAndNamesTheLine() throws {
    try Fixtures.withSeededStoreFile { path in
      let file = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(
        "bad.yaml")
      try "documents:\n  - id: x\n    title: [unclosed\n".write(
        to: file, atomically: true, encoding: .utf8)
      let result = runParley(["load", file.path, "--db", path])
      #expect(result.exitCode == 65)
      #expect(result.errors.contains("bad.yaml:"))
      #expect(result.errors.contains("Nothing was written"))
    }
  }

  @Test func loadingTwiceReportsNothingNew() throws {
    try Fixtures.withSeededStoreFile { path in
      let result = runParley(["load", "--seed", "--db", path])
      #expect(result.exitCode == 0)
      #expect(result.output.contains("Nothing new"))
    }
  }

  @Test func showPrintsEvidenceRelationsAndHistory() throws {
    try Fixtures.withSeededStoreFile { path in
      let result = runParley(["show", "ru-ceasefire-preconditions-2025-03", "--db", path])
      #expect(result.exitCode == 0, "\(result.errors)")
      #expect(result.output.contains("Evidence"))
      #expect(result.output.contains("conditional-on ru-nato-bar-ukraine-2021-12"))
      #expect(result.output.contains("this supersedes ru-ceasefire-after-withdrawal-2024-06"))
      #expect(result.output.contains("History (record time)"))
    }
  }

  @Test func partiesAndIssuesListTheReferenceData() throws {
    try Fixtures.withSeededStoreFile { path in
      let parties = runParley(["parties", "--db", path])
      #expect(parties.output.contains("kremlin"))
      #expect(parties.output.contains("Kremlin spokesman, for russia"))
      let issues = runParley(["issues", "--format", "json", "--db", path])
      #expect(issues.output.contains("\"security/nato-membership\""))
    }
  }

  @Test func aMissingStoreIsCreatedWithTheSeedCorpus() throws {
    try Fixtures.withTemporaryDirectory { folder in
      let path = folder.appendingPathComponent("new/nested/store.sqlite").path
      let result = runParley(["who", "demands", "--db", path])
      #expect(result.exitCode == 0, "\(result.errors)")
      #expect(result.errors.contains("Created a new store"))
      #expect(result.output.contains("security/nato-membership"))
      #expect(FileManager.default.fileExists(atPath: path))
    }
  }

  @Test func generateWritesAStreamThatLoads() throws {
    try Fixtures.withTemporaryDirectory { folder in
      try generateWritesAStreamThatLoads(in: folder)
    }
  }

  private func generateWritesAStreamThatLoads(in folder: URL) throws {
    let corpus = folder.appendingPathComponent("corpus.jsonl").path
    let store = folder.appendingPathComponent("store.sqlite").path
    let generated = runParley(["generate", "--statements", "400", "--seed", "5", "-o", corpus])
    #expect(generated.exitCode == 0, "\(generated.errors)")
    #expect(generated.output.contains("400 statements"))
    #expect(runParley(["init", "--empty", "--db", store]).exitCode == 0)
    let loaded = runParley(["load", corpus, "--db", store])
    #expect(loaded.exitCode == 0, "\(loaded.errors)")
    #expect(loaded.output.contains("Recorded revision r1:"))
    #expect(loaded.output.contains("400 statements"))
    #expect(runParley(["load", corpus, "--db", store]).output.contains("Nothing new"))
    let bad = runParley(["generate", "--statements", "10", "-o", folder.path + "/x.yaml"])
    #expect(bad.exitCode == 64)
  }

  /// Every command names itself: a name derived from the type name costs reflection at every
  /// start-up, and a command that came in by merge once lost its name that way.
  @Test func everyCommandSetsItsNameExplicitly() {
    func check(_ command: any ParsableCommand.Type) {
      #expect(command.configuration.commandName != nil, "\(command) has no explicit commandName")
      for subcommand in command.configuration.subcommands { check(subcommand) }
    }
    check(Parley.self)
    #expect(Parley.configuration.subcommands.count >= 16)
  }
}
