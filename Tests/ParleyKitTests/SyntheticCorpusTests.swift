import Foundation
import GRDB
import ParleySynthetic
import ParleyTestSupport
import Testing

@testable import ParleyKit

@Suite struct SyntheticCorpusTests {
  static func bytes(statements: Int, seed: UInt64) throws -> [UInt8] {
    var bytes: [UInt8] = []
    try SyntheticCorpus(statements: statements, seed: seed).write { bytes += $0 }
    return bytes
  }

  @Test func theSameSeedGivesTheSameBytes() throws {
    let first = try Self.bytes(statements: 2_000, seed: 7)
    let second = try Self.bytes(statements: 2_000, seed: 7)
    #expect(first == second)
    #expect(try Self.bytes(statements: 2_000, seed: 8) != first)
  }

  /// Pinned, so that a change to the generator (or a dependence on hashing order, which differs
  /// from process to process) shows up as a failure here rather than as moved benchmark figures.
  @Test func theCorpusForSeed1IsPinned() throws {
    let bytes = try Self.bytes(statements: 500, seed: 1)
    #expect(SHA256.hexDigest(of: Data(bytes)) == Self.pinnedDigest)
  }

  static let pinnedDigest = "6b53fa4db0bef1d48a3fd5341487ed4b1ba121940e3724a86111f665dabf815d"

  @Test func aGeneratedCorpusLoadsAndLoadingItAgainChangesNothing() throws {
    try Fixtures.withTemporaryDirectory { folder in
      let path = folder.appendingPathComponent("corpus.jsonl").path
      let summary = try SyntheticCorpus(statements: 3_000, seed: 3).write(toFile: path)
      let store = try Fixtures.emptyStore()
      let report = try store.load([], streams: [path])
      #expect(report.added["statements"] == 3_000)
      #expect(report.added["positions"] == summary.positions)
      #expect(report.added["documents"] == summary.documents)
      let statuses = try store.reader.read { db in
        try Row.fetchAll(
          db, sql: "SELECT status, COUNT(*) AS n FROM positionVersion GROUP BY status"
        ).reduce(into: [String: Int]()) { $0[$1["status"]] = $1["n"] }
      }
      #expect(statuses["superseded"] == summary.supersessions)
      #expect(statuses["withdrawn"] == summary.withdrawals)
      #expect(statuses["deprecated"] == summary.deprecations)
      #expect((statuses["active"] ?? 0) > 0)
      let counts = try Fixtures.rowCounts(store)
      #expect(try store.load([], streams: [path]).changedNothing)
      #expect(try Fixtures.rowCounts(store) == counts)
    }
  }

  @Test func theShapeIsLikeTheRealThing() throws {
    let summary = try SyntheticCorpus(statements: 5_000, seed: 1).write { _ in }
    #expect(summary.statements == 5_000)
    #expect(summary.restatements > summary.positions)
    #expect(summary.supersessions > 0 && summary.withdrawals > 0 && summary.deprecations > 0)
    #expect(summary.thirdPartyEvidence > 0)
    #expect(SyntheticCorpus.issueIds.count == 104)
    #expect(SyntheticCorpus.issueIds.allSatisfy { $0.split(separator: "/").count <= 3 })
  }
}
