import Foundation
import GRDB

/// The sqlite3 shell loading the rows Parley loaded into the same tables, two ways: one transaction
/// of INSERT statements (`.mode insert` dumps, `.read`), and `.import` of CSV into staging tables
/// followed by one `INSERT … SELECT` per table.
///
/// Both run with the same settings as Parley's load: foreign keys on and deferred, a 64 MiB page
/// cache, WAL. Parley also keeps temporary storage in memory while loading; the shell's default,
/// temporary files, is faster for it: its staging tables hold the whole corpus.
struct ShellLoadBaseline {
  static let tables = [
    "revision", "party", "partyAlias", "affiliation", "issue", "document", "statement", "position",
    "positionTarget", "positionCondition", "positionVersion", "evidence", "positionRelation",
  ]

  var sqlite3: String
  var parley: String
  var folder: String

  /// Dumps every table of `store` as INSERT statements and as CSV (not timed).
  func export(from store: String) throws {
    try FileManager.default.createDirectory(
      atPath: folder + "/dump", withIntermediateDirectories: true)
    var script = ""
    for table in Self.tables {
      script += ".mode insert \(table)\n.headers off\n.once \(folder)/dump/\(table).sql\n"
      script += "SELECT * FROM \"\(table)\";\n"
      script += ".mode csv\n.headers on\n.once \(folder)/dump/\(table).csv\n"
      script += "SELECT * FROM \"\(table)\";\n"
    }
    let scriptPath = folder + "/export.sql"
    try script.write(toFile: scriptPath, atomically: true, encoding: .utf8)
    try mustRun(sqlite3, ["-batch", store], stdin: scriptPath)

    // The column lists, to turn CSV's empty fields back into NULL.
    let queue = try DatabaseQueue(path: store)
    let columns = try queue.read { db in
      try Self.tables.map { table in
        try Row.fetchAll(db, sql: "PRAGMA table_info(\"\(table)\")").map {
          (name: $0["name"] as String, nullable: ($0["notnull"] as Int) == 0)
        }
      }
    }
    try queue.close()

    let prelude =
      "PRAGMA foreign_keys = ON;\nPRAGMA cache_size = -65536;\nBEGIN;\nPRAGMA defer_foreign_keys = ON;\n"
    var inserts = prelude
    for table in Self.tables { inserts += ".read \(folder)/dump/\(table).sql\n" }
    inserts += "COMMIT;\n"
    try inserts.write(toFile: folder + "/import-inserts.sql", atomically: true, encoding: .utf8)

    var csv = prelude
    for (table, columns) in zip(Self.tables, columns) {
      let select = columns.map { $0.nullable ? "NULLIF(\"\($0.name)\", '')" : "\"\($0.name)\"" }
        .joined(separator: ", ")
      csv += ".import --csv --schema temp \(folder)/dump/\(table).csv stage_\(table)\n"
      csv += "INSERT INTO main.\"\(table)\" SELECT \(select) FROM temp.\"stage_\(table)\";\n"
    }
    csv += "COMMIT;\n"
    try csv.write(toFile: folder + "/import-csv.sql", atomically: true, encoding: .utf8)
  }

  /// Loads the dump into a new store with Parley's schema and returns the shell's run.
  func load(_ method: String) throws -> ProcessRun {
    let target = "\(folder)/baseline-\(method).sqlite"
    for suffix in ["", "-wal", "-shm"] {
      try? FileManager.default.removeItem(atPath: target + suffix)
    }
    try mustRun(parley, ["init", "--empty", "--db", target])
    let run = try mustRun(
      sqlite3, ["-batch", target], stdin: "\(folder)/import-\(method).sql", measureRSS: true)
    for suffix in ["", "-wal", "-shm"] {
      try? FileManager.default.removeItem(atPath: target + suffix)
    }
    return run
  }

  func removeDump() {
    try? FileManager.default.removeItem(atPath: folder + "/dump")
  }
}
