import Foundation
import GRDB
import ParleyKit
import ParleySynthetic
import Testing

@testable import parley

/// Writers wait their turn: two loads of one store, run as separate processes, both succeed one
/// after the other, or one fails cleanly; nothing is lost and nothing interleaved.
@Suite(.serialized)
struct ConcurrencyTests {
  /// A second input with ids of its own (the synthetic corpus names other parties and issues).
  static let other = """
    parties: [{id: zeta-state, name: Zeta, kind: state}]
    issues: [{id: zeta-question, label: The Zeta question}]
    documents:
      - id: zeta-doc
        title: Zeta speaks
        published: 2025-04-01
        statements:
          - id: zeta-st-1
            on_behalf_of: zeta-state
            said: 2025-04-01
            attribution: reported
            quote: "Zeta will not move"
            supports:
              - {id: zeta-stays, issue: zeta-question, key: zeta-stays, proposition: Zeta stays put., kind: rejection}
    """

  @Test func twoLoadsOfOneStoreAtOnceBothSucceedInTurn() throws {
    try withTemporaryFolder { folder in
      let (store, corpus) = try Self.prepare(folder, statements: 4000)
      let second = folder.appendingPathComponent("zeta.yaml")
      try Data(Self.other.utf8).write(to: second)

      let first = try ParleyProcess.start(["load", corpus, "--db", store])
      try Self.waitUntilLocked(store, by: first.process)
      // Readers are never held up by the load.
      for _ in 0..<3 {
        let read = try ParleyProcess.run(["parties", "--db", store])
        #expect(read.exitCode == 0, "\(read.errors)")
      }
      let later = try ParleyProcess.run(["load", second.path, "--db", store])
      first.process.waitUntilExit()
      let firstErrors = String(
        decoding: first.errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      #expect(first.process.terminationStatus == 0, "\(firstErrors)")
      #expect(later.exitCode == 0, "\(later.errors)")
      #expect(later.output.hasPrefix("Recorded revision r2: 1 document, 1 statement, 1 position"))

      // Each load is one revision, and each revision holds only its own load's rows.
      let queue = try DatabaseQueue(path: store)
      try queue.read { db in
        let summaries = try String.fetchAll(db, sql: "SELECT summary FROM revision ORDER BY id")
        #expect(summaries == ["load \(corpus)", "load \(second.path)"])
        let byRevision = try Row.fetchAll(
          db, sql: "SELECT recordedIn, COUNT(*) AS n FROM statement GROUP BY recordedIn")
        #expect(byRevision.map { [$0["recordedIn"], $0["n"]] as [Int] } == [[1, 4000], [2, 1]])
        #expect(
          try String.fetchAll(db, sql: "SELECT id FROM statement WHERE recordedIn = 2")
            == ["zeta-st-1"])
      }
    }
  }

  @Test func theSameStreamLoadedTwiceAtOnceIsWrittenOnce() throws {
    try withTemporaryFolder { folder in
      let (store, corpus) = try Self.prepare(folder, statements: 3000)
      let first = try ParleyProcess.start(["load", corpus, "--db", store])
      try Self.waitUntilLocked(store, by: first.process)
      let second = try ParleyProcess.run(["load", corpus, "--db", store])
      first.process.waitUntilExit()
      let firstOutput = String(
        decoding: first.output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      #expect(first.process.terminationStatus == 0)
      #expect(second.exitCode == 0, "\(second.errors)")
      #expect(firstOutput.hasPrefix("Recorded revision r1: "))
      #expect(second.output == "Nothing new: every record is already in the store.\n")
      let statements = try DatabaseQueue(path: store).read { db in
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM statement")
      }
      #expect(statements == 3000)
    }
  }

  @Test func aLoadThatCannotGetTheStoreInTimeSaysItIsLockedAndWritesNothing() throws {
    try withTemporaryFolder { folder in
      let store = folder.appendingPathComponent("store.sqlite").path
      _ = try ParleyStore.openCreatingWithSeed(path: store, seed: false)
      let input = folder.appendingPathComponent("zeta.yaml")
      try Data(Self.other.utf8).write(to: input)
      // Another writer holds the write lock for longer than the load waits.
      var configuration = Configuration()
      configuration.allowsUnsafeTransactions = true
      let holder = try DatabaseQueue(path: store, configuration: configuration)
      try holder.writeWithoutTransaction { db in try db.execute(sql: "BEGIN IMMEDIATE") }
      let started = Date()
      let result = runParley(["load", input.path, "--db", store, "--wait", "0.5"])
      let waited = Date().timeIntervalSince(started)
      try holder.writeWithoutTransaction { db in try db.execute(sql: "ROLLBACK") }
      #expect(result.exitCode == 1)
      #expect(
        result.errors.hasPrefix(
          "Error: The store '\(store)' is locked by another load: it was still writing after waiting for 0.5 s. Try again when it has finished (or wait longer with '--wait SECONDS')."
        ), "\(result.errors)")
      #expect(waited >= 0.5 && waited < 10)
      #expect(try ParleyStore.open(path: store).revisions().isEmpty)
      // Once the other writer is done, the same load goes through.
      #expect(runParley(["load", input.path, "--db", store]).exitCode == 0)
    }
  }

  // MARK: - Private

  /// An empty store and a synthetic corpus beside it.
  private static func prepare(_ folder: URL, statements: Int) throws -> (String, String) {
    let store = folder.appendingPathComponent("store.sqlite").path
    _ = try ParleyStore.openCreatingWithSeed(path: store, seed: false)
    let corpus = folder.appendingPathComponent("corpus.jsonl").path
    _ = try SyntheticCorpus(statements: statements, seed: 7).write(toFile: corpus)
    return (store, corpus)
  }

  /// Waits until `process` holds the store's write lock (its load has begun).
  private static func waitUntilLocked(_ store: String, by process: Process) throws {
    var configuration = Configuration()
    configuration.busyMode = .immediateError
    let probe = try DatabaseQueue(path: store, configuration: configuration)
    let deadline = Date().addingTimeInterval(20)
    while Date() < deadline && process.isRunning {
      let locked: Bool = try probe.writeWithoutTransaction { db in
        do {
          try db.execute(sql: "BEGIN IMMEDIATE")
          try db.execute(sql: "ROLLBACK")
          return false
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
          return true
        }
      }
      if locked { return }
      usleep(5_000)
    }
    Issue.record("the first load never held the store's write lock")
  }
}
