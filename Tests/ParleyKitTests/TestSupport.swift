import Foundation
import Synchronization
import Testing

@testable import ParleyKit

/// A clock that starts at a fixed instant and moves one minute per reading, so revisions get
/// distinct, predictable times.
final class TestClock: Sendable {
  private let minutes = Mutex(0)
  let start = Date(timeIntervalSince1970: 1_742_860_800)  // 2025-03-25T00:00:00Z

  var now: @Sendable () -> Date {
    { [self] in
      let offset = minutes.withLock { value -> Int in
        defer { value += 1 }
        return value
      }
      return start.addingTimeInterval(Double(offset) * 60)
    }
  }
}

enum Fixtures {
  static func emptyStore() throws -> ParleyStore {
    try ParleyStore.inMemory(clock: TestClock().now)
  }

  static func seededStore() throws -> ParleyStore {
    let store = try emptyStore()
    try store.loadSeedCorpus()
    return store
  }

  static func input(_ yaml: String, path: String = "test.yaml", baseDirectory: URL? = nil)
    -> LoadInput
  {
    LoadInput(path: path, text: yaml, baseDirectory: baseDirectory)
  }

  /// Two small states, a speaker for one of them, an issue slot and one demand.
  static let base = """
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
  static func rowCounts(_ store: ParleyStore) throws -> [String: Int] {
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
  static func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "parley-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try body(url)
  }

  /// `../shared/` beside the project, when it is there.
  static var sharedDirectory: URL? {
    let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let shared = projectRoot.deletingLastPathComponent().appendingPathComponent("shared")
    return FileManager.default.fileExists(atPath: shared.appendingPathComponent("seeds").path)
      ? shared : nil
  }
}
