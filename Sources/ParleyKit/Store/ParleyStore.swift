import Foundation
import GRDB
import GRDBSQLite

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

  /// Wraps a connection whose schema ``StoreIdentity`` found current (nothing is written).
  private init(
    identified dbWriter: any DatabaseWriter, path: String, clock: @escaping @Sendable () -> Date
  ) {
    self.dbWriter = dbWriter
    self.clock = clock
    self.path = path
  }

  /// The file's path as given, when opened by ``open(path:readOnly:busyTimeout:clock:)``.
  private var path: String?

  /// How long a write waits for another process's write to finish before giving up, in seconds.
  ///
  /// A load takes SQLite's write lock when it starts, so a second load waits its turn (and readers
  /// never wait: the store is in WAL mode).
  public static let defaultBusyTimeout: TimeInterval = 60

  /// The single place where connections are configured, for files and tests alike.
  public static func makeConfiguration(
    _ base: Configuration = Configuration(), busyTimeout: TimeInterval = defaultBusyTimeout
  ) -> Configuration {
    var config = base
    config.foreignKeysEnabled = true
    config.busyMode = .timeout(busyTimeout)
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

  /// Opens the existing store file at `path`, migrating it when it is older than this binary.
  ///
  /// A file that is not a Parley store (empty, not SQLite, another program's database) or that a
  /// newer Parley wrote is refused with a ``StoreError`` and left byte for byte as it was. A file
  /// this process cannot write is opened read-only (`readOnly: nil`): it answers every read,
  /// and a write fails with ``StoreError/Reason-swift.enum/readOnly``.
  ///
  /// Stores made by ``openCreatingWithSeed(path:seed:busyTimeout:clock:)`` are in WAL mode,
  /// which SQLite keeps in the file. A command-line process needs one connection, so this opens
  /// a `DatabaseQueue`: unlike a `DatabasePool`, it writes nothing when it opens, so a read or a
  /// rejected load leaves the file byte for byte as it was.
  public static func open(
    path: String, readOnly: Bool? = nil, busyTimeout: TimeInterval = defaultBusyTimeout,
    clock: @escaping @Sendable () -> Date = { Date() }
  ) throws -> ParleyStore {
    guard FileManager.default.fileExists(atPath: path) else {
      throw StoreError(
        .cannotOpen, path: path,
        message: "does not exist (expected an existing store; 'parley init' creates one).")
    }
    try StoreIdentity.check(path: path)
    let readOnly = readOnly ?? (access(path, W_OK) != 0)
    var config = makeConfiguration(busyTimeout: busyTimeout)
    config.readonly = readOnly
    do {
      let queue = try DatabaseQueue(
        path: sqlitePath(path, readOnly: readOnly), configuration: config)
      let state = try queue.inDatabase { db in
        var state = StoreIdentity.State.current
        try db.inTransaction(.deferred) {
          state = try StoreIdentity.identify(db, path: path)
          return .commit
        }
        return state
      }
      if case .needsUpgrade(let pending) = state {
        if readOnly {
          // A read-only store is used as it is, unless its tables are older than this binary.
          if pending > 0 {
            throw StoreError(
              .readOnly, path: path,
              message:
                "is read-only, and this Parley must upgrade its schema (\(pending) migration\(pending == 1 ? "" : "s")) before using it. Open it once with write access, or with the Parley that made it."
            )
          }
        } else {
          try SchemaMigrations.migrator.migrate(queue)
          try queue.inDatabase { db in
            try db.inTransaction(.immediate) {
              try StoreIdentity.stamp(db)
              return .commit
            }
          }
        }
      }
      return ParleyStore(identified: queue, path: path, clock: clock)
    } catch let error as DatabaseError {
      throw StoreError(error, path: path, waited: busyTimeout)
    }
  }

  /// The store file's path for messages, or nil in memory.
  public var storePath: String? {
    if let path { return path }
    let path = dbWriter.path
    return path.isEmpty || path.hasPrefix(":memory:") ? nil : path
  }

  /// The name SQLite is given for the file at `path`.
  ///
  /// A path is never read as an SQLite URI (`file:…?mode=…`). A store this process cannot write
  /// and that no one is writing (it has no `-wal` or `-shm` file) is opened immutable, so that
  /// reading it creates no `-wal` and `-shm` files, which would belong to this user and block
  /// the owner's next load.
  static func sqlitePath(_ path: String, readOnly: Bool) -> String {
    let fileManager = FileManager.default
    guard readOnly, sqlite3_compileoption_used("USE_URI") == 1,
      !fileManager.fileExists(atPath: path + "-wal"),
      !fileManager.fileExists(atPath: path + "-shm")
    else {
      return path.hasPrefix("file:") ? "./" + path : path
    }
    let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
    var escaped = ""
    for scalar in absolute.unicodeScalars {
      switch scalar {
      case "%", "?", "#": escaped += String(format: "%%%02X", scalar.value)
      default: escaped.unicodeScalars.append(scalar)
      }
    }
    return "file:" + escaped + "?immutable=1"
  }

  /// How long this store's writes wait for another process's, when known.
  var busyTimeout: TimeInterval? {
    if case .timeout(let seconds) = dbWriter.configuration.busyMode { return seconds }
    return nil
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
  /// A new store is built beside its final path (`PATH.partial-PID`) and moved into place once
  /// loaded, so an interrupted first run never leaves a half-made store at `path`; partial files
  /// left by processes that no longer run are removed. When two processes create the same store
  /// at once, one moves its store into place and the other opens it.
  public static func openCreatingWithSeed(
    path: String, seed: Bool = true, busyTimeout: TimeInterval = defaultBusyTimeout,
    clock: @escaping @Sendable () -> Date = { Date() }
  ) throws -> ParleyStore {
    let fileManager = FileManager.default
    removeStalePartialFiles(of: path)
    if fileManager.fileExists(atPath: path) || isSymbolicLink(path) {
      return try open(path: path, busyTimeout: busyTimeout, clock: clock)
    }
    let directory = (path as NSString).deletingLastPathComponent
    if !directory.isEmpty {
      do {
        try fileManager.createDirectory(atPath: directory, withIntermediateDirectories: true)
      } catch {
        throw StoreError(
          .cannotOpen, path: path,
          message: "cannot be created: its folder '\(directory)' cannot be made (\(reason(error)))."
        )
      }
    }
    let partial = path + ".partial-\(ProcessInfo.processInfo.processIdentifier)"
    removePartial(partial)
    do {
      // A rollback-journal connection leaves a single file that can be moved into place.
      let queue = try DatabaseQueue(
        path: sqlitePath(partial, readOnly: false), configuration: makeConfiguration())
      let store = try ParleyStore(queue, clock: clock)
      if seed { _ = try store.loadSeedCorpus() }
      try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
      try queue.close()
      // link(2) fails when `path` exists, so a store another process made meanwhile is kept.
      var linked = link(partial, path) == 0
      var code = errno
      if !linked && code != EEXIST && !FileManager.default.fileExists(atPath: path) {
        // A file system without hard links: rename(2), which cannot refuse to replace.
        linked = rename(partial, path) == 0
        code = errno
      }
      if !linked {
        removePartial(partial)
        guard code == EEXIST || FileManager.default.fileExists(atPath: path) else {
          throw StoreError(
            .cannotOpen, path: path,
            message: "cannot be created (\(String(cString: strerror(code)))).")
        }
      } else {
        removePartial(partial)
      }
    } catch let error as DatabaseError {
      removePartial(partial)
      throw StoreError(error, path: path)
    } catch {
      removePartial(partial)
      throw error
    }
    return try open(path: path, busyTimeout: busyTimeout, clock: clock)
  }

  /// Removes a partial store and the files SQLite keeps beside it.
  private static func removePartial(_ partial: String) {
    for suffix in ["", "-journal", "-wal", "-shm"] { unlink(partial + suffix) }
  }

  /// Removes `PATH.partial-PID` files (and their journals) whose process no longer runs: what
  /// an interrupted first run leaves.
  static func removeStalePartialFiles(of path: String) {
    let url = URL(fileURLWithPath: path)
    let directory = url.deletingLastPathComponent().path
    let prefix = url.lastPathComponent + ".partial-"
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
      return
    }
    for name in names where name.hasPrefix(prefix) {
      let digits = name.dropFirst(prefix.count).prefix(while: \.isNumber)
      guard let pid = pid_t(digits), pid > 0 else { continue }
      let suffix = name.dropFirst(prefix.count + digits.count)
      guard ["", "-journal", "-wal", "-shm"].contains(String(suffix)) else { continue }
      if kill(pid, 0) != 0 && errno == ESRCH {
        unlink((directory as NSString).appendingPathComponent(name))
      }
    }
  }

  private static func isSymbolicLink(_ path: String) -> Bool {
    var info = stat()
    return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK
  }

  private static func reason(_ error: any Error) -> String {
    (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
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
