import Foundation
import GRDB
import ParleyKit
import ParleySynthetic
import ParleyTestSupport
import Testing

@testable import parley

/// A killed `parley` leaves the store as it was before or after the load, never between, and
/// never a half-made store at its final path.
///
/// The short version runs in `swift test`. `.ci/kill-loads` runs the long one: set
/// `PARLEY_KILLS` (number of kills, default 3 here) and `PARLEY_KILL_STATEMENTS` (size of the
/// load, default 3,000).
@Suite(.serialized)
struct CrashSafetyTests {
  static let kills = Int(ProcessInfo.processInfo.environment["PARLEY_KILLS"] ?? "") ?? 3
  static let statements =
    Int(ProcessInfo.processInfo.environment["PARLEY_KILL_STATEMENTS"] ?? "") ?? 3_000

  @Test func aLoadKilledAtAnyMomentLeavesTheStoreBeforeOrAfterIt() throws {
    try withTemporaryFolder { folder in
      // A store with one load already in it, and the same store after the second load: the
      // two states a killed second load may leave.
      let corpus = folder.appendingPathComponent("corpus.jsonl").path
      _ = try SyntheticCorpus(statements: Self.statements, seed: 11).write(toFile: corpus)
      let first = folder.appendingPathComponent("first.yaml")
      try Data(ConcurrencyTests.other.utf8).write(to: first)
      let template = folder.appendingPathComponent("template.sqlite").path
      _ = try ParleyStore.openCreatingWithSeed(path: template, seed: false)
      #expect(runParley(["load", first.path, "--db", template]).exitCode == 0)
      let before = try StoreContent.digest(template)
      let reference = folder.appendingPathComponent("reference.sqlite").path
      try FileManager.default.copyItem(atPath: template, toPath: reference)
      // Timed as the killed loads run: a process of its own.
      let started = Date()
      #expect(try ParleyProcess.run(["load", corpus, "--db", reference]).exitCode == 0)
      let duration = Date().timeIntervalSince(started)
      let after = try StoreContent.digest(reference)
      #expect(before != after)

      var generator = SystemRandomNumberGenerator()
      var outcomes: [String: Int] = [:]
      for attempt in 0..<Self.kills {
        let store = folder.appendingPathComponent("store-\(attempt).sqlite").path
        try FileManager.default.copyItem(atPath: template, toPath: store)
        // Spread over the load: from its first moments to just past its expected end.
        let delay = Double.random(in: 0.02...(duration * 1.2), using: &generator)
        let load = try ParleyProcess.start(["load", corpus, "--db", store])
        usleep(useconds_t(delay * 1_000_000))
        kill(load.process.processIdentifier, SIGKILL)
        load.process.waitUntilExit()
        let state = try StoreContent.integrityCheck(store)
        #expect(state == "ok", "kill \(attempt) after \(delay) s")
        let content = try StoreContent.digest(store)
        let outcome = content == before ? "before" : content == after ? "after" : "between"
        #expect(outcome != "between", "kill \(attempt) after \(delay) s left a store between")
        outcomes[outcome, default: 0] += 1
        // The store goes on: the same load, again, completes it.
        let again = runParley(["load", corpus, "--db", store])
        #expect(again.exitCode == 0, "\(again.errors)")
        #expect(try StoreContent.digest(store) == after)
        try? FileManager.default.removeItem(atPath: store)
      }
      print(
        "kills: \(Self.kills), store left before: \(outcomes["before"] ?? 0), after: \(outcomes["after"] ?? 0), between: \(outcomes["between"] ?? 0)"
      )
    }
  }

  @Test func aKillDuringStoreCreationLeavesNoHalfMadeStore() throws {
    try withTemporaryFolder { folder in
      let reference = folder.appendingPathComponent("reference.sqlite").path
      let started = Date()
      #expect(runParley(["init", "--db", reference]).exitCode == 0)
      let duration = Date().timeIntervalSince(started)
      let complete = try StoreContent.digest(reference)
      var generator = SystemRandomNumberGenerator()
      for attempt in 0..<max(3, Self.kills) {
        let path = folder.appendingPathComponent("new-\(attempt)/parley.sqlite").path
        let delay = Double.random(in: 0.01...(duration * 1.5 + 0.05), using: &generator)
        let creation = try ParleyProcess.start(["init", "--db", path])
        usleep(useconds_t(delay * 1_000_000))
        kill(creation.process.processIdentifier, SIGKILL)
        creation.process.waitUntilExit()
        if FileManager.default.fileExists(atPath: path) {
          // Only ever a whole store at the final path.
          #expect(try StoreContent.integrityCheck(path) == "ok")
          #expect(try StoreContent.digest(path) == complete, "attempt \(attempt) after \(delay) s")
        }
        // The next run creates (or opens) it and cleans what the killed one left.
        let next = runParley(["parties", "--db", path])
        #expect(next.exitCode == 0, "\(next.errors)")
        #expect(try StoreContent.digest(path) == complete)
        let leftovers = try FileManager.default.contentsOfDirectory(
          atPath: (path as NSString).deletingLastPathComponent
        ).filter { $0.contains(".partial-") }
        #expect(leftovers.isEmpty, "\(leftovers)")
      }
    }
  }
}

/// The content of a store, for telling "before" from "after" from anything else.
enum StoreContent {
  /// `PRAGMA integrity_check` (and the foreign keys), read without writing.
  static func integrityCheck(_ path: String) throws -> String {
    try DatabaseQueue(path: path).read { db in
      let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ")
      let foreignKeys = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").count
      return foreignKeys == 0 ? integrity : "\(integrity); \(foreignKeys) foreign key violations"
    }
  }

  /// Every row of every table (the full-text index by its content), in a fixed
  /// order; revision times are left out (they differ between runs), revision summaries kept.
  static func digest(
    _ path: String, columns: [String: [String]]? = nil, searchIndex: Bool = true
  ) throws -> String {
    try DatabaseQueue(path: path).read { db in
      var text = ""
      for (table, names) in try tableColumns(db, only: columns) {
        let list = names.filter { !(table == "revision" && $0 == "recordedAt") }
          .map { "\"\($0)\"" }.joined(separator: ", ")
        text += "\(table)\n"
        for row in try Row.fetchAll(db, sql: "SELECT \(list) FROM \"\(table)\" ORDER BY \(list)") {
          text += row.description + "\n"
        }
      }
      for row in try Row.fetchAll(
        db, sql: "SELECT kind, id, text, keywords FROM searchIndex ORDER BY kind, id")
      where searchIndex {
        text += row.description + "\n"
      }
      return text
    }
  }

  /// Every table of the store (not SQLite's, GRDB's or the full-text index's) with its columns.
  static func tableColumns(_ db: Database, only: [String: [String]]? = nil) throws -> [(
    String, [String]
  )] {
    let tables = try String.fetchAll(
      db,
      sql: """
        SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
          AND name NOT LIKE 'searchIndex%' AND name <> 'grdb_migrations' ORDER BY name
        """)
    return try tables.compactMap { table in
      let all = try db.columns(in: table).map(\.name)
      guard let only else { return (table, all) }
      guard let wanted = only[table] else { return nil }
      return (table, all.filter(wanted.contains))
    }
  }
}
