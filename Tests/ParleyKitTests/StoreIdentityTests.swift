import Foundation
import GRDB
import ParleyTestSupport
import Testing

@testable import ParleyKit

/// Only Parley stores are opened; anything else is refused and left byte for byte as it was.
struct StoreIdentityTests {
  @Test func aNewStoreCarriesParleysApplicationIdAndSchemaVersion() throws {
    try Fixtures.withTemporaryDirectory { folder in
      let path = folder.appendingPathComponent("store.sqlite").path
      _ = try ParleyStore.openCreatingWithSeed(path: path, seed: false)
      let (id, version) = try StoreFiles.header(path)
      #expect(id == 0x5052_4C59)
      let lastMigration = try #require(SchemaMigrations.files.last?.identifier)
      #expect(version == Int(lastMigration.prefix(4)))
      #expect(version >= 3)
    }
  }

  /// Files a user may point `--db` at by mistake.
  enum Foreign: String, CaseIterable, Sendable {
    case emptyFile, textFile, otherProgramsDatabase, databaseWithoutTables
    case otherApplicationId, truncatedHeader, folder

    func make(at path: String) throws {
      switch self {
      case .emptyFile: FileManager.default.createFile(atPath: path, contents: Data())
      case .textFile: try Data("parties: []\n".utf8).write(to: URL(fileURLWithPath: path))
      case .otherProgramsDatabase:
        try DatabaseQueue(path: path).write { db in
          try db.execute(sql: "CREATE TABLE invoice (id INTEGER PRIMARY KEY, total REAL)")
          try db.execute(sql: "INSERT INTO invoice (total) VALUES (12.5)")
        }
      case .databaseWithoutTables:
        try DatabaseQueue(path: path).writeWithoutTransaction { db in
          try db.execute(sql: "PRAGMA user_version = 1")
        }
      case .otherApplicationId:
        try DatabaseQueue(path: path).writeWithoutTransaction { db in
          try db.execute(sql: "PRAGMA application_id = 1196444487")  // 'GPKG'
          try db.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT PRIMARY KEY)")
          try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('0001_knowledge_model')")
        }
      case .truncatedHeader:
        try Data("SQLite format 3\0".utf8).write(to: URL(fileURLWithPath: path))
      case .folder:
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
      }
    }

    var expected: String {
      switch self {
      case .emptyFile: "is an empty file, not a Parley store"
      case .textFile, .truncatedHeader: "is not a Parley store: it is not an SQLite database"
      case .otherProgramsDatabase:
        "is not a Parley store: it is an SQLite database of another program (its tables: invoice)"
      case .databaseWithoutTables:
        "is not a Parley store: it is an SQLite database without any tables"
      case .otherApplicationId:
        "is not a Parley store: it is another program's SQLite database (application id 0x47504B47)"
      case .folder: "is a folder, not a Parley store"
      }
    }
  }

  @Test(arguments: Foreign.allCases)
  func aFileThatIsNotAParleyStoreIsRefusedAndLeftAsItWas(kind: Foreign) throws {
    try Fixtures.withTemporaryDirectory { folder in
      let path = folder.appendingPathComponent("their.db").path
      try kind.make(at: path)
      let before = try StoreFiles.snapshot(folder)
      for open in StoreFiles.openers {
        let error = #expect(throws: StoreError.self) { try open(path) }
        #expect(error?.reason == .notAStore)
        #expect(error?.description.contains(kind.expected) == true, "\(String(describing: error))")
        #expect(error?.description.contains("SQLite error") == false)
      }
      #expect(try StoreFiles.snapshot(folder) == before)
    }
  }

  @Test func aStoreFromANewerParleyIsRefusedAndLeftAsItWas() throws {
    try Fixtures.withTemporaryDirectory { folder in
      let higherVersion = folder.appendingPathComponent("higher.sqlite").path
      let unknownMigration = folder.appendingPathComponent("unknown.sqlite").path
      for path in [higherVersion, unknownMigration] {
        _ = try ParleyStore.openCreatingWithSeed(path: path, seed: false)
      }
      let future = StoreIdentity.schemaVersion + 5
      try DatabaseQueue(path: higherVersion).writeWithoutTransaction { db in
        try db.execute(sql: "PRAGMA user_version = \(future)")
      }
      try DatabaseQueue(path: unknownMigration).write { db in
        try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('0099_from_the_future')")
      }
      let before = try StoreFiles.snapshot(folder)
      let higher = #expect(throws: StoreError.self) { try ParleyStore.open(path: higherVersion) }
      #expect(higher?.reason == .newerStore)
      #expect(
        higher?.description.contains(
          "was written by a newer Parley (schema version \(future); this binary knows schema version \(StoreIdentity.schemaVersion))"
        ) == true)
      let unknown = #expect(throws: StoreError.self) {
        try ParleyStore.openCreatingWithSeed(path: unknownMigration)
      }
      #expect(unknown?.reason == .newerStore)
      #expect(unknown?.description.contains("migration '0099_from_the_future'") == true)
      #expect(try StoreFiles.snapshot(folder) == before)
    }
  }

  @Test func aStoreMadeBeforeStoresCarriedTheirIdentityIsStampedAndKeepsItsRecords() throws {
    try Fixtures.withTemporaryDirectory { folder in
      let path = folder.appendingPathComponent("old.sqlite").path
      _ = try ParleyStore.openCreatingWithSeed(path: path)
      try DatabaseQueue(path: path).writeWithoutTransaction { db in
        try db.execute(sql: "PRAGMA application_id = 0")
        try db.execute(sql: "PRAGMA user_version = 0")
      }
      let before = try Fixtures.rowCounts(ParleyStore.open(path: path, readOnly: true))
      let store = try ParleyStore.open(path: path)
      #expect(try Fixtures.rowCounts(store) == before)
      let (id, version) = try StoreFiles.header(path)
      #expect(id == StoreIdentity.applicationID)
      #expect(version == StoreIdentity.schemaVersion)
    }
  }

  @Test func aReadOnlyStoreAnswersReadsAndRefusesWritesInWords() throws {
    try Fixtures.withTemporaryDirectory { folder in
      let path = folder.appendingPathComponent("store.sqlite").path
      try ParleyStore.openCreatingWithSeed(path: path, seed: false, clock: TestClock().now)
        .load([Fixtures.input(Fixtures.base)])
      let before = try StoreFiles.snapshot(folder)
      do {
        let store = try ParleyStore.open(path: path, readOnly: true)
        #expect(
          try store.positions(PositionFilter(kinds: [.demand])).map(\.id) == ["alpha-no-alliance"])
        let error = #expect(throws: StoreError.self) {
          try store.load([Fixtures.input("issues: [{id: energy, label: Energy}]")])
        }
        #expect(error?.reason == .readOnly)
        #expect(
          error?.description
            == "The store '\(path)' is read-only: it can be read, but nothing can be written to it."
        )
      }
      // Reading it made no -wal or -shm file (which would belong to the reader).
      #expect(try StoreFiles.snapshot(folder) == before)
    }
  }

  @Test func aPathIsNeverReadAsAnSQLiteURI() {
    #expect(
      ParleyStore.sqlitePath("file:s.db?mode=memory", readOnly: false) == "./file:s.db?mode=memory")
    #expect(ParleyStore.sqlitePath("/tmp/s.db", readOnly: false) == "/tmp/s.db")
  }

  @Test func sqliteErrorsAreSaidInWords() {
    let cases: [(ResultCode, StoreError.Reason, String)] = [
      (.SQLITE_BUSY, .locked, "is locked by another load"),
      (.SQLITE_READONLY, .readOnly, "is read-only"),
      (.SQLITE_NOTADB, .notAStore, "is not a Parley store"),
      (.SQLITE_CORRUPT, .damaged, "is damaged"),
      (.SQLITE_CANTOPEN, .cannotOpen, "cannot be opened"),
      (.SQLITE_FULL, .diskFull, "the disk is full"),
    ]
    for (code, reason, words) in cases {
      let error = StoreError(DatabaseError(resultCode: code), path: "s.sqlite", waited: 2)
      #expect(error.reason == reason)
      #expect(error.description.contains(words), "\(error)")
      #expect(!error.description.contains("SQLite error"))
    }
    #expect(
      StoreError(DatabaseError(resultCode: .SQLITE_BUSY), path: "s.sqlite", waited: 2).description
        .contains("after waiting for 2 s"))
  }

  @Test func filesLeftBesideTheStoreByAnotherUserAreNamedAsWhatBlocksAWrite() throws {
    try Fixtures.withTemporaryDirectory { folder in
      let path = folder.appendingPathComponent("store.sqlite").path
      FileManager.default.createFile(atPath: path + "-wal", contents: Data())
      FileManager.default.createFile(atPath: path + "-shm", contents: Data())
      let owner = try #require(
        try FileManager.default.attributesOfItem(atPath: path + "-wal")[.ownerAccountID] as? Int)
      let blockers = StoreError.blockers(path: path, currentUser: uid_t(owner + 4321))
      #expect(blockers.contains("'\(path)-wal' belongs to user"))
      #expect(blockers.contains("'\(path)-shm' belongs to user"))
      #expect(blockers.contains("must be removed"))
      #expect(StoreError.blockers(path: path, currentUser: uid_t(owner)).isEmpty)
    }
  }
}

/// Helpers for tests of store files.
enum StoreFiles {
  /// The ways a store file is opened.
  static let openers: [@Sendable (String) throws -> Void] = [
    { path in _ = try ParleyStore.open(path: path) },
    { path in _ = try ParleyStore.openCreatingWithSeed(path: path) },
    { path in _ = try ParleyStore.open(path: path, readOnly: true) },
  ]

  /// Every file in `folder` with its bytes (a folder as its name only).
  static func snapshot(_ folder: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
      let url = folder.appendingPathComponent(name)
      var isFolder: ObjCBool = false
      FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder)
      files[name] = isFolder.boolValue ? Data() : try Data(contentsOf: url)
    }
    return files
  }

  /// SQLite's application id and user version, read from the file.
  static func header(_ path: String) throws -> (Int32, Int) {
    try DatabaseQueue(path: path).read { db in
      (
        try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0,
        try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
      )
    }
  }
}
