import Foundation
import GRDB
import ParleyTestSupport
import Testing

@testable import ParleyKit

/// JSON Lines streams: each line one curated file, checked against the store and earlier lines.
@Suite struct StreamLoaderTests {
  /// Line 1: reference data; line 2: a document with a new position; line 3: a restatement.
  static let lines = [
    #"{"parties": [{"id": "alpha", "name": "Alpha", "kind": "state"}, {"id": "beta", "name": "Beta", "kind": "state"}], "issues": [{"id": "security", "label": "Security"}, {"id": "security/alliance", "label": "Alliance"}]}"#,
    #"{"documents": [{"id": "doc-1", "title": "Alpha sets terms", "published": "2025-03-12", "statements": [{"id": "st-1", "on_behalf_of": "alpha", "said": "2025-03-12", "attribution": "reported", "quote": "Beta must never join", "supports": [{"id": "alpha-no-alliance", "issue": "security/alliance", "key": "beta-never-joins", "proposition": "Beta must stay out.", "kind": "demand", "target": ["beta"]}]}]}]}"#,
    #"{"documents": [{"id": "doc-2", "title": "Alpha repeats", "published": "2025-03-20", "statements": [{"id": "st-2", "on_behalf_of": "alpha", "said": "2025-03-20", "attribution": "reported", "quote": "Beta stays out", "supports": ["alpha-no-alliance"]}]}]}"#,
  ]

  static func write(_ lines: [String], in folder: URL, name: String = "in.jsonl") throws -> String {
    let path = folder.appendingPathComponent(name).path
    try (lines.joined(separator: "\n") + "\n").write(
      toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test func aStreamLoadsLineByLineInOneRevision() throws {
    try Fixtures.withTemporaryDirectory { folder in
      let path = try Self.write(Self.lines, in: folder)
      let store = try Fixtures.emptyStore()
      let report = try store.load([], streams: [path])
      #expect(report.revision == 1)
      #expect(report.added["statements"] == 2)
      #expect(report.added["positions"] == 1)
      let position = try #require(try store.positions(PositionFilter()).first)
      #expect(position.evidence.map(\.statement) == ["st-1", "st-2"])
      #expect(try store.revisions().count == 1)
      #expect(try store.load([], streams: [path]).changedNothing)
    }
  }

  @Test func aProblemNamesTheLineColumnAndFieldAndNothingIsWritten() throws {
    try Fixtures.withTemporaryDirectory { folder in
      var lines = Self.lines
      lines[2] = lines[2].replacingOccurrences(of: "alpha-no-alliance", with: "alpha-no-aliance")
      lines.append(
        #"{"documents": [{"id": "doc-3", "title": "x", "statements": [{"id": "st-3", "on_behalf_of": "alpha", "said": "2025-02-30", "attribution": "reported", "quote": "q", "supports": ["alpha-no-alliance"]}]}]}"#
      )
      let path = try Self.write(lines, in: folder)
      let store = try Fixtures.emptyStore()
      let error = #expect(throws: LoadError.self) { try store.load([], streams: [path]) }
      let problems = try #require(error?.problems)
      #expect(problems.count == 2)
      let unknown = try #require(problems.first)
      #expect(unknown.location.file == path)
      #expect(unknown.location.line == 3)
      #expect(unknown.location.field == "documents[0].statements[0].supports[0]")
      let expectedColumn =
        lines[2].distance(
          from: lines[2].startIndex, to: lines[2].range(of: "[\"alpha-no-aliance")!.lowerBound) + 2
      #expect(unknown.location.column == expectedColumn)
      #expect(unknown.message.contains("'alpha-no-aliance' is not a known position"))
      #expect(problems[1].location.line == 4)
      #expect(problems[1].message.contains("has no day 30"))
      #expect(try Fixtures.rowCounts(store).values.allSatisfy { $0 == 0 })
    }
  }

  @Test func aSyntaxErrorNamesItsLineAndColumn() throws {
    try Fixtures.withTemporaryDirectory { folder in
      let path = try Self.write(
        [Self.lines[0], #"{"documents": [{"id": "d", "title" "x"}]}"#], in: folder)
      let error = #expect(throws: LoadError.self) {
        try Fixtures.emptyStore().load([], streams: [path])
      }
      let problem = try #require(error?.problems.first)
      #expect(problem.location.line == 2)
      #expect(problem.location.column == 36)  // where the ':' should be
      #expect(problem.location.field == "(syntax)")
      #expect(problem.message.contains("expected ':'"))
    }
  }

  @Test func aLineMayNotReferToALaterLine() throws {
    try Fixtures.withTemporaryDirectory { folder in
      let path = try Self.write([Self.lines[0], Self.lines[2], Self.lines[1]], in: folder)
      let error = #expect(throws: LoadError.self) {
        try Fixtures.emptyStore().load([], streams: [path])
      }
      let problem = try #require(error?.problems.first)
      #expect(problem.location.line == 2)
      #expect(problem.message.contains("defined only later, on line 3"))
    }
  }

  @Test func anIdDefinedOnTwoLinesIsRejectedWhereverTheBlocksFall() throws {
    try Fixtures.withTemporaryDirectory { folder in
      let filler = (0..<300).map { index in
        #"{"issues": [{"id": "security/filler-\#(index)", "label": "Filler \#(index)"}]}"#
      }
      for lines in [
        Self.lines + [Self.lines[2]],  // in the same block
        Self.lines + filler + [Self.lines[2]],  // in a later block
      ] {
        let path = try Self.write(lines, in: folder)
        let error = #expect(throws: LoadError.self) {
          try Fixtures.emptyStore().load([], streams: [path])
        }
        let problems = try #require(error?.problems)
        #expect(!problems.isEmpty)
        #expect(problems.allSatisfy { $0.location.line == lines.count })
        #expect(problems.allSatisfy { $0.message.contains("is defined twice in this load") })
      }
    }
  }

  @Test func lifecycleChangesAcrossBlocksSettleIntoOneVersionEach() throws {
    try Fixtures.withTemporaryDirectory { folder in
      let filler = (0..<300).map { index in
        #"{"issues": [{"id": "security/filler-\#(index)", "label": "Filler \#(index)"}]}"#
      }
      let supersede =
        #"{"documents": [{"id": "doc-4", "title": "Alpha softens", "published": "2025-04-01", "statements": [{"id": "st-4", "on_behalf_of": "alpha", "said": "2025-04-01", "attribution": "reported", "quote": "maybe later", "supports": [{"id": "alpha-alliance-later", "issue": "security/alliance", "key": "beta-never-joins", "proposition": "Beta may join later.", "kind": "condition", "supersedes": "alpha-no-alliance"}]}]}]}"#
      let withdraw =
        #"{"withdrawals": [{"position": "alpha-alliance-later", "on": "2025-05-01", "statement": "st-4"}]}"#
      let path = try Self.write(
        Self.lines + filler + [supersede] + filler.prefix(0) + [withdraw], in: folder)
      let store = try Fixtures.emptyStore()
      let report = try store.load([], streams: [path])
      #expect(report.positionsChanged == 0)  // both positions are new in this load
      let versions = try store.reader.read { db in
        try PositionVersion.order(Column("positionId")).fetchAll(db)
      }
      #expect(versions.count == 2)
      #expect(versions.allSatisfy { $0.retiredIn == nil && $0.recordedIn == 1 })
      let byId = Dictionary(uniqueKeysWithValues: versions.map { ($0.positionId, $0) })
      #expect(byId["alpha-no-alliance"]?.status == .superseded)
      #expect(byId["alpha-no-alliance"]?.validTo == 2025_04_01)
      #expect(byId["alpha-alliance-later"]?.status == .withdrawn)
      #expect(byId["alpha-alliance-later"]?.validTo == 2025_05_01)
    }
  }

  @Test func aLineSeesTheWithdrawalsOfEarlierLinesOnly() throws {
    let again =
      #"{"documents": [{"id": "doc-5", "title": "Alpha again", "published": "2025-04-10", "statements": [{"id": "st-5", "on_behalf_of": "alpha", "said": "2025-04-10", "attribution": "reported", "quote": "never", "supports": [{"id": "alpha-no-alliance-again", "issue": "security/alliance", "key": "beta-never-joins", "proposition": "Beta must stay out.", "kind": "demand"}]}]}]}"#
    let withdraw = #"{"withdrawals": [{"position": "alpha-no-alliance", "on": "2025-04-01"}]}"#
    try Fixtures.withTemporaryDirectory { folder in
      let late = try Self.write(Array(Self.lines.prefix(2)) + [again, withdraw], in: folder)
      let error = #expect(throws: LoadError.self) {
        try Fixtures.emptyStore().load([], streams: [late])
      }
      #expect(error?.problems.count == 1)
      #expect(error?.problems.first?.location.line == 3)
      #expect(error?.description.contains("repeats 'alpha-no-alliance'") == true)
      let early = try Self.write(Array(Self.lines.prefix(2)) + [withdraw, again], in: folder)
      #expect(try Fixtures.emptyStore().load([], streams: [early]).added["positions"] == 2)
    }
  }

  @Test func aRejectedStreamLeavesTheStoreFileByteForByteUnchanged() throws {
    try Fixtures.withTemporaryDirectory { folder in
      let storePath = folder.appendingPathComponent("store.sqlite").path
      _ = try ParleyStore.openCreatingWithSeed(path: storePath, clock: TestClock().now)
      let before = try Data(contentsOf: URL(fileURLWithPath: storePath))
      var lines = Self.lines
      lines[1] = lines[1].replacingOccurrences(of: "\"demand\"", with: "\"demnd\"")
      let path = try Self.write(lines, in: folder)
      do {
        let store = try ParleyStore.open(path: storePath)
        #expect(throws: LoadError.self) { try store.load([], streams: [path]) }
      }
      let after = try Data(contentsOf: URL(fileURLWithPath: storePath))
      #expect(SHA256.hexDigest(of: before) == SHA256.hexDigest(of: after))
    }
  }

  @Test func aStreamCanBuildOnABatchLoadedWithIt() throws {
    try Fixtures.withTemporaryDirectory { folder in
      let path = try Self.write(Array(Self.lines.dropFirst()), in: folder)
      let reference = """
        parties:
          - {id: alpha, name: Alpha, kind: state}
          - {id: beta, name: Beta, kind: state}
        issues:
          - {id: security, label: Security}
          - {id: security/alliance, label: Alliance}
        """
      let store = try Fixtures.emptyStore()
      let report = try store.load([Fixtures.input(reference)], streams: [path])
      #expect(report.added["parties"] == 2)
      #expect(report.added["statements"] == 2)
    }
  }

  @Test func jsonEscapesDecodeAndColumnsCountUnicodeScalars() throws {
    func parse(_ line: String) throws(LoadProblem) -> CuratedFile {
      let bytes = Array(line.utf8)
      let root = try bytes.withUnsafeBufferPointer { buffer throws(LoadProblem) in
        try JSONLineParser.parse(buffer, line: 1, path: "x.jsonl")
      }
      do throws(LoadError) {
        return try CuratedParser.parse(root: root, path: "x.jsonl", baseDirectory: nil)
      } catch {
        throw error.problems[0]
      }
    }
    let good = try parse(
      #"{"issues": [{"id": "security", "label": "S\u00e9curit\u00e9 \"A\" \ud83d\ude00\n"}]}"#)
    #expect(good.issues.first?.label == "Sécurité \"A\" 😀\n")
    let line = #"{"issues": [{"label": "Sécurité ☃", "id": "Bad"}]}"#
    let error = #expect(throws: LoadProblem.self) { try parse(line) }
    let column = Array(line.unicodeScalars).firstIndex { $0 == "B" }! - 1 + 1
    #expect(error?.location.column == column)
    #expect(error?.location.field == "issues[0].id")
  }
}
