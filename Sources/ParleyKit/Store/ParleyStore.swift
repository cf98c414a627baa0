import Foundation
import GRDB

/// The Parley knowledge base: one SQLite database and the intention-named operations on it.
///
/// Constructing a store migrates its schema, so a value always has an up-to-date database.
/// Writes happen in one transaction each, and every write records a ``Revision``.
///
/// ```swift
/// let store = try ParleyStore.inMemory()
/// try store.loadSeedCorpus()
/// let demands = try store.positions(PositionFilter(kinds: [.demand]))
/// ```
public struct ParleyStore: Sendable {
  /// The version written into every revision and shown by `parley --version`.
  public static let toolVersion = "0.1.0"

  let dbWriter: any DatabaseWriter
  /// Supplies the instant recorded with each revision; tests inject a fixed clock.
  let clock: @Sendable () -> Date

  /// Wraps an open database connection and migrates it.
  public init(_ dbWriter: any DatabaseWriter, clock: @escaping @Sendable () -> Date = { Date() })
    throws
  {
    self.dbWriter = dbWriter
    self.clock = clock
    try SchemaMigrations.migrator.migrate(dbWriter)
  }

  /// The single place where connections are configured, for files and tests alike.
  public static func makeConfiguration(_ base: Configuration = Configuration()) -> Configuration {
    var config = base
    config.foreignKeysEnabled = true
    config.busyMode = .timeout(5)
    config.prepareDatabase { db in
      // At a million statements a query reads thousands of pages scattered over the file; a
      // process that asks many questions keeps them in SQLite's page cache rather than reading
      // them again (the default cache holds 2 MB). Memory is taken only as pages are read.
      try db.setPragma(.cacheSize, to: Self.queryCacheSize)
    }
    return config
  }

  /// The page cache of a store's connection, in SQLite's terms (negative: kibibytes).
  public static let queryCacheSize = -32_768

  /// A fresh store in memory, with the schema and no data.
  public static func inMemory(clock: @escaping @Sendable () -> Date = { Date() }) throws
    -> ParleyStore
  {
    try ParleyStore(DatabaseQueue(configuration: makeConfiguration()), clock: clock)
  }

  /// Opens (or creates, with its schema) the store file at `path`.
  ///
  /// Stores made by ``openCreatingWithSeed(path:seed:clock:)`` are in WAL mode, which SQLite
  /// keeps in the file. A command-line process needs one connection, so this opens a
  /// `DatabaseQueue`: unlike a `DatabasePool`, it writes nothing when it opens, so a read or a
  /// rejected load leaves the file byte for byte as it was.
  public static func open(path: String, clock: @escaping @Sendable () -> Date = { Date() }) throws
    -> ParleyStore
  {
    try ParleyStore(DatabaseQueue(path: path, configuration: makeConfiguration()), clock: clock)
  }

  /// Read access for queries.
  public var reader: StoreReader { StoreReader(writer: dbWriter) }

  /// The latest revision, or nil for an empty store.
  public func latestRevision() throws -> Revision? {
    try reader.read { db in
      try Revision.order(Revision.Columns.id.desc).fetchOne(db)
    }
  }

  /// Every revision, oldest first.
  public func revisions() throws -> [Revision] {
    try reader.read { db in try Revision.order(Revision.Columns.id).fetchAll(db) }
  }

  /// Opens the default-store file, creating it with the seed corpus when it does not exist.
  ///
  /// A new store is built beside its final path and moved into place once loaded, so an
  /// interrupted first run never leaves a half-seeded store behind.
  public static func openCreatingWithSeed(
    path: String, seed: Bool = true, clock: @escaping @Sendable () -> Date = { Date() }
  ) throws -> ParleyStore {
    let fileManager = FileManager.default
    if fileManager.fileExists(atPath: path) {
      return try open(path: path, clock: clock)
    }
    let directory = (path as NSString).deletingLastPathComponent
    if !directory.isEmpty {
      try fileManager.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }
    let partial = path + ".partial-\(ProcessInfo.processInfo.processIdentifier)"
    for suffix in ["", "-wal", "-shm"] { try? fileManager.removeItem(atPath: partial + suffix) }
    do {
      // A rollback-journal connection leaves a single file that can be moved into place.
      let queue = try DatabaseQueue(path: partial, configuration: makeConfiguration())
      let store = try ParleyStore(queue, clock: clock)
      if seed { _ = try store.loadSeedCorpus() }
      try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
      try queue.close()
      try fileManager.moveItem(atPath: partial, toPath: path)
    } catch {
      for suffix in ["", "-wal", "-shm"] { try? fileManager.removeItem(atPath: partial + suffix) }
      throw error
    }
    return try open(path: path, clock: clock)
  }
}

/// Runs queries against the store, each call in one read transaction.
///
/// GRDB's `DatabaseQueue.read` makes its connection read-only for the duration with
/// `PRAGMA query_only`, and SQLite expires every prepared statement whenever such a flag pragma
/// changes, so no prepared statement would survive from one query to the next. This reader opens
/// a deferred transaction instead (it takes no write lock and writes nothing), so the statement
/// cache stays warm; Parley's queries only read.
public struct StoreReader: Sendable {
  let writer: any DatabaseWriter

  /// Runs `body` in one deferred read transaction and returns its result.
  public func read<T>(_ body: (Database) throws -> T) throws -> T {
    try writer.writeWithoutTransaction { db in
      var result: T?
      try db.inTransaction(.deferred) {
        result = try body(db)
        return .commit
      }
      return result!
    }
  }
}
