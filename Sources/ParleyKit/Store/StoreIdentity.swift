import Foundation
import GRDB

/// How a Parley store is told from any other file: SQLite's `application_id` and `user_version`.
///
/// Every store carries Parley's application id and its schema version (the number of the last
/// `Schema/NNNN_….sql` migration applied), set by each migration in the migration's own
/// transaction. Before a file is migrated or written, ``check(path:)`` reads its first bytes
/// without SQLite and ``identify(_:path:)`` reads its header values and migration list, so an
/// empty file, a file of another kind, another program's database or a store written by a newer
/// Parley is refused and left byte for byte as it was.
enum StoreIdentity {
  /// `PRLY`, in SQLite's `application_id` (bytes 68–71 of the file header).
  static let applicationID: Int32 = 0x5052_4C59

  /// The schema version this binary writes: the number of its last migration.
  static var schemaVersion: Int {
    SchemaMigrations.files.last.map { version(of: $0.identifier) } ?? 0
  }

  /// The number a migration identifier starts with (`0003_scale_indexes` → 3).
  static func version(of identifier: String) -> Int {
    Int(identifier.prefix(while: \.isNumber)) ?? 0
  }

  /// What opening an existing store file has to do before it can be used.
  enum State: Equatable {
    /// Up to date: nothing to write.
    case current
    /// A Parley store with migrations to apply, or one made before stores carried their
    /// identity: it is migrated and stamped.
    case needsUpgrade(pendingMigrations: Int)
  }

  /// Refuses, from its first bytes and without SQLite, a path that cannot be a Parley store.
  ///
  /// A path that does not exist passes (it will be created).
  static func check(path: String) throws(StoreError) {
    let kind = FileKind(path: path)
    guard kind != .missing else { return }
    guard kind == .regular else {
      throw StoreError(
        .notAStore, path: path,
        message:
          "is \(kind.noun), not a Parley store (expected a store file, or a path where none exists yet to create one)."
      )
    }
    guard FileKind.size(path: path) ?? 0 > 0 else {
      throw StoreError(
        .notAStore, path: path,
        message:
          "is an empty file, not a Parley store. Nothing was changed; remove it, or give a path where no file exists to create a store there."
      )
    }
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw StoreError(
        .cannotOpen, path: path, message: "cannot be read (check its permissions).")
    }
    defer { try? handle.close() }
    let header = (try? handle.read(upToCount: 100)) ?? Data()
    guard header.count >= 100, header.starts(with: Array("SQLite format 3\0".utf8)) else {
      throw StoreError(
        .notAStore, path: path,
        message:
          "is not a Parley store: it is not an SQLite database. Nothing was changed; give the path of a store, or a path where none exists to create one."
      )
    }
    let id = header[68..<72].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
    if id != 0 && Int32(bitPattern: id) != applicationID {
      throw notParley(path, "another program's SQLite database (application id \(hex(id)))")
    }
  }

  /// Reads the store's identity and schema state, refusing what is not a Parley store or is newer
  /// than this binary.
  ///
  /// Only reads.
  static func identify(_ db: Database, path: String) throws -> State {
    // One cached statement for the identity, and one for the migrations applied: every command
    // opens the store this way, and GRDB's uncached `fetch(db, sql:)` costs more than the reads.
    let identity = try Row.fetchOne(
      db.cachedStatement(
        sql: """
          SELECT (SELECT application_id FROM pragma_application_id),
                 (SELECT user_version FROM pragma_user_version),
                 EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'grdb_migrations')
          """))
    let id: Int32 = identity?[0] ?? 0
    let version: Int = identity?[1] ?? 0
    if id != 0 && id != applicationID {
      throw notParley(
        path, "another program's SQLite database (application id \(hex(UInt32(bitPattern: id))))")
    }
    let known = SchemaMigrations.files.map(\.identifier)
    var applied: [String] = []
    if identity?[2] ?? false {
      applied = try String.fetchAll(
        db.cachedStatement(sql: "SELECT identifier FROM grdb_migrations"))
    }
    guard let first = known.first, applied.contains(first) else {
      let tables = try String.fetchAll(
        db,
        sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      if id == applicationID && tables.isEmpty {
        // Only a store whose first migration never committed: nothing else writes this id.
        return .needsUpgrade(pendingMigrations: known.count)
      }
      let what =
        tables.isEmpty
        ? "an SQLite database without any tables"
        : "an SQLite database of another program (its tables: \(tables.sorted().prefix(5).joined(separator: ", "))\(tables.count > 5 ? ", …" : ""))"
      throw notParley(path, what)
    }
    let unknown = applied.filter { !known.contains($0) }.sorted()
    if !unknown.isEmpty || version > schemaVersion {
      let newest = max(version, unknown.map(Self.version(of:)).max() ?? 0)
      throw StoreError(
        .newerStore, path: path,
        message:
          "was written by a newer Parley (schema version \(newest)\(unknown.isEmpty ? "" : ", migration '\(unknown.last!)'"); this binary knows schema version \(schemaVersion)). Nothing was changed; use a newer parley to read or write it."
      )
    }
    let pending = known.filter { !applied.contains($0) }.count
    if pending > 0 || id != applicationID || version != schemaVersion {
      return .needsUpgrade(pendingMigrations: pending)
    }
    return .current
  }

  /// Sets the identity of a store whose migrations are all applied (a store made before stores
  /// carried one).
  ///
  /// Runs inside a transaction.
  static func stamp(_ db: Database) throws {
    try db.setPragma(.applicationID, to: Int(applicationID))
    try db.setPragma(.userVersion, to: schemaVersion)
  }

  private static func notParley(_ path: String, _ what: String) -> StoreError {
    StoreError(
      .notAStore, path: path,
      message:
        "is not a Parley store: it is \(what). Nothing was changed; give the path of a Parley store, or a path where none exists to create one."
    )
  }

  private static func hex(_ value: UInt32) -> String {
    "0x" + String(value, radix: 16, uppercase: true)
  }
}
