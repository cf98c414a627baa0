import Foundation
import GRDB
import ParleyKit
import Testing

@testable import parley

/// A store made by the first released schema (migrations 0001–0003, before stores carried their
/// identity) opens with this binary, is migrated and stamped, and keeps every record.
///
/// `Fixtures/store-schema-0003.sqlite` was made by `recordTheFixture` (run it with
/// `PARLEY_RECORD_FIXTURE=1`) when the schema was 0001–0003: the seed corpus (r1), then a load
/// with every kind of record and change (r2); its `application_id` and `user_version` are 0,
/// as that release left them. It is never made again: later schemas must open it as it is.
struct StoreUpgradeTests {
  static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/store-schema-0003.sqlite")

  @Test func aStoreOfTheFirstReleasedSchemaOpensMigratesAndKeepsEveryRecord() throws {
    try withTemporaryFolder { folder in
      let path = folder.appendingPathComponent("old.sqlite").path
      try FileManager.default.copyItem(atPath: Self.fixture.path, toPath: path)
      // What it holds, read before this Parley touches it: every table and column it had.
      let (columns, applied) = try DatabaseQueue(path: path).read { db in
        (
          Dictionary(uniqueKeysWithValues: try StoreContent.tableColumns(db)),
          try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY 1")
        )
      }
      #expect(applied == ["0001_knowledge_model", "0002_full_text_search", "0003_scale_indexes"])
      // The search index is left out: a later migration indexes stored document texts.
      let before = try StoreContent.digest(path, columns: columns, searchIndex: false)
      #expect(columns["position"] != nil && columns["revision"] != nil)

      let answer = runParley([
        "positions", "zeta-state", "--all", "--include-deprecated", "--format", "json", "--db",
        path,
      ])
      #expect(answer.exitCode == 0, "\(answer.errors)")

      // Migrated, stamped, whole.
      let (id, version, migrations) = try DatabaseQueue(path: path).read { db in
        (
          try Int32.fetchOne(db, sql: "PRAGMA application_id"),
          try Int.fetchOne(db, sql: "PRAGMA user_version"),
          try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM grdb_migrations")
        )
      }
      #expect(id == 0x5052_4C59)
      #expect(version ?? 0 >= 3)
      #expect(migrations ?? 0 >= 3)
      #expect(try StoreContent.integrityCheck(path) == "ok")
      #expect(try StoreContent.digest(path, columns: columns, searchIndex: false) == before)

      // And it answers as it did: the positions of r2, with their lifecycle.
      let object = try #require(
        try JSONSerialization.jsonObject(with: Data(answer.output.utf8)) as? [String: Any])
      let positions = try #require(object["positions"] as? [[String: Any]])
      let statuses = Dictionary(
        uniqueKeysWithValues: positions.map {
          ($0["id"] as? String ?? "", $0["status"] as? String ?? "")
        })
      #expect(
        statuses == [
          "zeta-closes-port": "superseded", "zeta-opens-port": "withdrawn",
          "zeta-tolls": "deprecated",
        ])
      let search = runParley(["search", "harbour", "--db", path])
      #expect(search.output.contains("zeta-doc-2"))
      // The seed corpus has grown since that schema (outcomes, quotes of their own): those are
      // added once, and loading it again changes nothing.
      let reload = runParley(["load", "--seed", "--db", path])
      #expect(reload.exitCode == 0, "\(reload.errors)")
      let again = runParley(["load", "--seed", "--db", path])
      #expect(again.output == "Nothing new: every record is already in the store.\n")
    }
  }

  /// Makes the fixture.
  ///
  /// Only with `PARLEY_RECORD_FIXTURE=1`, and only with the schema it stands for.
  @Test(.enabled(if: ProcessInfo.processInfo.environment["PARLEY_RECORD_FIXTURE"] == "1"))
  func recordTheFixture() throws {
    try withTemporaryFolder { folder in
      let path = folder.appendingPathComponent("store.sqlite").path
      _ = try ParleyStore.openCreatingWithSeed(path: path)
      let applied = try DatabaseQueue(path: path).read { db in
        try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
      }
      try #require(applied.count == 3, "the fixture stands for the schema 0001–0003")
      try Data("Zeta said the harbour stays closed to foreign ships.\n".utf8).write(
        to: folder.appendingPathComponent("zeta.txt"))
      let input = folder.appendingPathComponent("zeta.yaml")
      try Data(Self.lifecycle.utf8).write(to: input)
      let load = runParley(["load", input.path, "--db", path])
      try #require(load.exitCode == 0, "\(load.errors)")
      try DatabaseQueue(path: path).writeWithoutTransaction { db in
        try db.execute(sql: "PRAGMA application_id = 0")
        try db.execute(sql: "PRAGMA user_version = 0")
        try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
      }
      try FileManager.default.createDirectory(
        at: Self.fixture.deletingLastPathComponent(), withIntermediateDirectories: true)
      try? FileManager.default.removeItem(at: Self.fixture)
      try FileManager.default.copyItem(atPath: path, toPath: Self.fixture.path)
    }
  }

  /// Every kind of record: a person with an affiliation, a document with its text, a position
  /// superseded by another, which is then withdrawn, a deprecated one, a relation, evidence
  /// with a role.
  static let lifecycle = """
    parties:
      - {id: zeta-state, name: Zeta, kind: state, aliases: [Zetania]}
      - {id: zeta-ports, name: Zeta Ports Authority, kind: government-body, parent: zeta-state}
      - id: zed-speaker
        name: Zed Speaker
        kind: person
        affiliations: [{party: zeta-state, role: Harbour minister, from: 2024-01-01}]
    issues:
      - {id: harbour, label: The harbour}
    documents:
      - id: zeta-doc-1
        title: Zeta on the harbour
        url: https://example.org/zeta
        published: 2025-01-10
        text_file: zeta.txt
        statements:
          - id: zeta-st-1
            speaker: zed-speaker
            said: 2025-01-10
            attribution: direct
            quote: "the harbour stays closed to foreign ships"
            supports:
              - {id: zeta-closes-port, issue: harbour, key: harbour-access, proposition: The harbour stays closed., kind: demand, target: [ukraine]}
              - {id: zeta-tolls, issue: harbour, key: harbour-tolls, proposition: Ships pay tolls., kind: demand, modality: hedged, conditions: [if the harbour opens]}
      - id: zeta-doc-2
        title: Zeta opens the harbour
        published: 2025-02-10
        statements:
          - id: zeta-st-2
            on_behalf_of: zeta-state
            said: 2025-02-10
            attribution: reported
            quote: "open to all"
            supports:
              - {id: zeta-opens-port, issue: harbour, key: harbour-access, proposition: The harbour opens., kind: acceptance, supersedes: zeta-closes-port}
              - {position: ru-ceasefire-preconditions-2025-03, role: disputes}
    relations:
      - {from: zeta-opens-port, kind: responds-to, to: zeta-closes-port}
    withdrawals:
      - {position: zeta-opens-port, on: 2025-03-01, statement: zeta-st-2}
    deprecations:
      - {position: zeta-tolls, reason: "misread: the tolls were the interviewer's idea"}
    """
}
