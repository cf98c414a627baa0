import Foundation
import ParleyKit
import Testing

@testable import parley

/// What a user sees when `--db` names something that cannot be used.
struct StoreFileCLITests {
  @Test func anEmptyStorePathIsAUsageError() throws {
    let result = runParley(["who", "demands", "--db", ""])
    #expect(result.exitCode == 64)
    #expect(result.errors.contains("'--db' needs the path of a store file; '' names none"))
  }

  @Test func aFileThatIsNotAStoreIsNamedAndLeftAsItWas() throws {
    try withTemporaryFolder { folder in
      let path = folder.appendingPathComponent("notes.txt").path
      try Data("meeting notes\n".utf8).write(to: URL(fileURLWithPath: path))
      let before = try folderSnapshot(folder)
      for arguments in [["who", "demands"], ["load", "--seed"], ["parties"]] {
        let result = runParley(arguments + ["--db", path])
        #expect(result.exitCode == 1)
        #expect(
          result.errors
            == "Error: The file '\(path)' is not a Parley store: it is not an SQLite database. Nothing was changed; give the path of a store, or a path where none exists to create one.\n"
        )
      }
      #expect(try folderSnapshot(folder) == before)
    }
  }

  /// A store the user may read but not write (another user's, in a shared folder): reads work
  /// and leave no file behind; a load is refused in words, with exit 1.
  @Test(.enabled(if: ParleyProcess.canSwitchUser, "needs root to run parley as another user"))
  func anotherUsersStoreCanBeReadButNotWritten() throws {
    try withTemporaryFolder { folder in
      try FileManager.default.setAttributes(
        [.posixPermissions: 0o1777], ofItemAtPath: folder.path)
      let path = folder.appendingPathComponent("store.sqlite").path
      _ = try ParleyStore.openCreatingWithSeed(path: path)
      let input = folder.appendingPathComponent("new.yaml")
      try Data("issues: [{id: energy, label: Energy}]\n".utf8).write(to: input)
      let before = try folderSnapshot(folder)
      let nobody = 65534
      let read = try ParleyProcess.run(["who", "demands", "--db", path], user: nobody)
      #expect(read.exitCode == 0, "\(read.errors)")
      #expect(read.output.contains("russia"))
      let load = try ParleyProcess.run(["load", input.path, "--db", path], user: nobody)
      #expect(load.exitCode == 1)
      #expect(
        load.errors
          == "Error: The store '\(path)' is read-only: it can be read, but nothing can be written to it.\n"
      )
      #expect(try folderSnapshot(folder) == before)
      // The owner loads as before: nothing the reader left blocks it.
      let owner = try ParleyProcess.run(["load", input.path, "--db", path])
      #expect(owner.exitCode == 0, "\(owner.errors)")
    }
  }
}

/// What a command accepts on its command line is bounded.
struct CommandLineBoundsTests {
  @Test func compareRefusesMoreThanFiftyParties() throws {
    let parties = (0..<51).map { "party-\($0)" }
    let result = runParley(["compare"] + parties + ["--db", "/nonexistent/never-opened.sqlite"])
    #expect(result.exitCode == 64)
    #expect(
      result.errors.contains(
        "51 parties were given; at most 50 are accepted. A table of more parties side by side cannot be read; compare fewer, or use 'parley report'."
      ))
  }

  @Test func reportRefusesMoreThanTwoHundredIssues() throws {
    let issues = (0..<201).map { "issue-\($0)" }
    let result = runParley(["report", "--issues"] + issues + ["--db", "/nonexistent/x.sqlite"])
    #expect(result.exitCode == 64)
    #expect(result.errors.contains("201 issues were given; at most 200 are accepted."))
  }
}
