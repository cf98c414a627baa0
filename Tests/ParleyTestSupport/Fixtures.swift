import Foundation
import GRDB
import ParleyKit
import Synchronization

/// A clock that starts at a fixed instant and moves one minute per reading, so revisions get
/// distinct, predictable times.
public final class TestClock: Sendable {
  private let minutes = Mutex(0)
  public let start = Date(timeIntervalSince1970: 1_742_860_800)  // 2025-03-25T00:00:00Z

  public init() {}

  public var now: @Sendable () -> Date {
    { [self] in
      let offset = minutes.withLock { value -> Int in
        defer { value += 1 }
        return value
      }
      return start.addingTimeInterval(Double(offset) * 60)
    }
  }
}

/// Stores and curated input for tests: each test gets its own store.
public enum Fixtures {
  /// A new in-memory store with a ``TestClock``.
  public static func emptyStore() throws -> ParleyStore {
    try ParleyStore.inMemory(clock: TestClock().now)
  }

  /// A new in-memory store holding the embedded seed corpus.
  public static func seededStore() throws -> ParleyStore {
    let store = try emptyStore()
    try store.loadSeedCorpus()
    return store
  }

  /// A store file in a temporary directory, seeded with the embedded corpus at a fixed record
  /// time; `body` gets its path (the CLI's `--db`).
  public static func withSeededStoreFile(_ body: (String) throws -> Void) throws {
    try withTemporaryDirectory { folder in
      let path = folder.appendingPathComponent("store.sqlite").path
      _ = try ParleyStore.openCreatingWithSeed(
        path: path, clock: { Date(timeIntervalSince1970: 1_742_860_800) })
      try body(path)
    }
  }

  /// Curated YAML as load input.
  public static func input(_ yaml: String, path: String = "test.yaml", baseDirectory: URL? = nil)
    -> LoadInput
  {
    LoadInput(path: path, text: yaml, baseDirectory: baseDirectory)
  }

  /// Two small states, a speaker for one of them, an issue slot and one demand.
  public static let base = """
    parties:
      - {id: alpha, name: Alpha, kind: state, aliases: [Alphaville, the Citadel]}
      - {id: beta, name: Beta, kind: state}
      - {id: alpha-defence, name: Alpha Defence Ministry, kind: government-body, parent: alpha}
      - id: ann-speaker
        name: Ann Speaker
        kind: person
        affiliations: [{party: alpha, role: Foreign minister, from: 2020-01-01}]
    issues:
      - {id: security, label: Security}
      - {id: security/alliance, label: Alliance membership}
      - {id: ceasefire, label: Ceasefire}
      - {id: ceasefire/general, label: General ceasefire}
    documents:
      - id: doc-1
        title: Alpha sets terms
        published: 2025-03-12
        statements:
          - id: st-1
            speaker: ann-speaker
            said: 2025-03-12
            attribution: direct
            quote: "Beta must never join the alliance"
            supports:
              - id: alpha-no-alliance
                issue: security/alliance
                key: beta-never-joins-alliance
                proposition: Beta must stay out of the alliance.
                kind: demand
                target: [beta]
    """

  /// Every row count, to show that a failed load wrote nothing.
  public static func rowCounts(_ store: ParleyStore) throws -> [String: Int] {
    try store.reader.read { db in
      var counts: [String: Int] = [:]
      for table in [
        "revision", "party", "partyAlias", "affiliation", "issue", "document", "statement",
        "position", "positionTarget", "positionCondition", "positionVersion", "evidence",
        "positionRelation",
      ] {
        counts[table] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \"\(table)\"") ?? -1
      }
      return counts
    }
  }

  /// A fresh temporary directory, removed after `body`.
  public static func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "parley-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try body(url)
  }

  /// A fresh temporary directory, removed after the asynchronous `body`.
  public static func withTemporaryDirectory<T>(_ body: (URL) async throws -> T) async throws -> T {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "parley-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try await body(url)
  }

  /// The project's root folder (the one holding Package.swift).
  public static let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
}
