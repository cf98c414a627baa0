import Foundation
import GRDB
import ParleyTestSupport
import Testing

@testable import ParleyKit

/// `parley search`: the full-text index, its migration, and ranked hits.
struct SearchTests {
  @Test func theCrimeaDemandRanksFirstAmongPositionsForCrimeaRecognition() throws {
    let store = try Fixtures.seededStore()
    let results = try store.search("crimea recognition")
    let first = try #require(results.hits.first { $0.kind == .position })
    #expect(first.id == "ru-recognise-crimea-2024-06")
    #expect(first.snippet.contains("[Crimea]"))
    #expect(first.context == "russia demand on territory/crimea")
    // The best hit overall is that position (both words, and 'recognition' in its key too),
    // then the statement that is evidence for it.
    #expect(results.hits.first?.id == "ru-recognise-crimea-2024-06")
    #expect(
      results.hits.dropFirst().first?.positions.contains("ru-recognise-crimea-2024-06") == true)
    #expect(results.hits.map(\.score) == results.hits.map(\.score).sorted(by: >))
  }

  @Test func statementHitsNameThePositionsTheyAreEvidenceFor() throws {
    let store = try Fixtures.seededStore()
    let results = try store.search("crimea recognition")
    let statement = try #require(results.hits.first { $0.kind == .statement })
    #expect(statement.id == "st-0313-12")
    #expect(
      statement.positions == [
        "ru-recognise-annexed-regions-2024-06", "ru-recognise-crimea-2024-06",
      ])
    #expect(results.hits.filter { $0.kind != .statement }.allSatisfy { $0.positions.isEmpty })
  }

  @Test func documentsAreFoundByTitleIgnoringCaseAndAccents() throws {
    let store = try Fixtures.seededStore()
    let hits = try store.search("SÚDZHA Retakes").hits
    #expect(hits.first?.kind == .document)
    #expect(hits.first?.id == "article-2025-03-13-kursk-advance-ceasefire-demands")
  }

  @Test func theLimitCapsTheHits() throws {
    let store = try Fixtures.seededStore()
    #expect(try store.search("kursk").hits.count > 2)
    #expect(try store.search("kursk", limit: 2).hits.count == 2)
    #expect(try store.search("  ").hits.isEmpty)
  }

  @Test func newRecordsAreIndexedAndDeprecatedPositionsHidden() throws {
    let store = try Fixtures.emptyStore()
    try store.load([Fixtures.input(Fixtures.base)])
    #expect(try store.search("alliance").hits.map(\.id) == ["alpha-no-alliance", "st-1"])
    #expect(try store.search("sets terms").hits.map(\.id) == ["doc-1"])
    try store.load([
      Fixtures.input("deprecations:\n  - {position: alpha-no-alliance, reason: misattributed}")
    ])
    let afterDeprecation = try store.search("alliance").hits
    #expect(afterDeprecation.map(\.id) == ["st-1"])
    #expect(afterDeprecation.first?.positions == [])
    // As known before the deprecation, the position is still there.
    #expect(try store.search("alliance", knownAt: .revision(1)).hits.count == 2)
    #expect(try store.search("alliance", knownAt: .revision(0)).hits.isEmpty)
  }

  @Test func theJSONHasSortedSnakeCaseKeys() throws {
    let store = try Fixtures.seededStore()
    let json = try JSONRenderer().render(try store.search("crimea recognition", limit: 2))
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    #expect(Set(object.keys) == ["query", "known_at", "hits", "published_by"])
    let hits = try #require(object["hits"] as? [[String: Any]])
    #expect(
      Set(hits.first?.keys.map { $0 } ?? [])
        == ["kind", "id", "snippet", "text", "context", "score", "positions", "machine_coded"])
    #expect(json.range(of: "\"hits\"")!.lowerBound < json.range(of: "\"known_at\"")!.lowerBound)
  }

  @Test func theTextRendererListsHitsBestFirst() throws {
    let store = try Fixtures.seededStore()
    let text = try TextRenderer().render(try store.search("crimea recognition"))
    #expect(text.hasPrefix("search \"crimea recognition\" · known at r1"))
    #expect(text.contains("russia demand on territory/crimea"))
    #expect(text.contains("st-0313-12"))
    #expect(text.contains("evidence for: ru-recognise-annexed-regions-2024-06"))
    #expect(
      try TextRenderer().render(try store.search("zzzz")).hasSuffix("No matches.\n"))
  }

  // MARK: - Migration

  @Test func theMigrationIndexesRowsRecordedBeforeIt() throws {
    let queue = try DatabaseQueue(configuration: ParleyStore.makeConfiguration())
    try SchemaMigrations.migrator.migrate(queue, upTo: "0001_knowledge_model")
    try queue.write { db in
      try db.execute(
        sql: """
          INSERT INTO revision (id, recordedAt, summary, toolVersion) VALUES (1, 0, 'old', '0.0.1');
          INSERT INTO party (id, name, kind, recordedIn) VALUES ('alpha', 'Alpha', 'state', 1);
          INSERT INTO issue (id, label, recordedIn) VALUES ('security', 'Security', 1);
          INSERT INTO document (id, title, language, recordedIn)
          VALUES ('old-doc', 'Alpha publishes its old terms', 'en', 1);
          INSERT INTO statement (id, documentId, onBehalfOfId, saidOn, saidPrecision, quote,
                                 attribution, recordedIn)
          VALUES ('old-st', 'old-doc', 'alpha', 20240101, 'day', 'the buffer must stay demilitarised',
                  'reported', 1);
          INSERT INTO position (id, holderId, issueId, propositionKey, proposition, kind, polarity,
                                modality, recordedIn)
          VALUES ('old-position', 'alpha', 'security', 'demilitarised-buffer',
                  'No troops may enter the buffer.', 'demand', 'for', 'firm', 1);
          INSERT INTO positionVersion (positionId, validFrom, validFromPrecision, status, recordedIn)
          VALUES ('old-position', 20240101, 'day', 'active', 1);
          INSERT INTO evidence (positionId, statementId, role, recordedIn)
          VALUES ('old-position', 'old-st', 'supports', 1);
          """)
    }
    #expect(try queue.read { db in try db.tableExists("searchIndex") } == false)

    let store = try ParleyStore(queue)
    #expect(
      try queue.read { db in try SchemaMigrations.migrator.appliedIdentifiers(db) }.contains(
        "0002_full_text_search"))
    let hits = try store.search("buffer").hits
    #expect(Set(hits.map(\.id)) == ["old-position", "old-st"])
    #expect(try store.search("old terms").hits.map(\.id) == ["old-doc"])
    #expect(
      try store.search("demilitarised").hits.map(\.id).sorted() == ["old-position", "old-st"])
    #expect(
      try store.positionList(query: "text:publishes").positions.map(\.id) == ["old-position"])
  }

  @Test func theIndexIsAVirtualTableSoEveryStoredTableStaysStrict() throws {
    let store = try Fixtures.emptyStore()
    let types = try store.reader.read { db in
      try String.fetchAll(
        db, sql: "SELECT type FROM pragma_table_list WHERE name = 'searchIndex'")
    }
    #expect(types == ["virtual"])
  }
}
