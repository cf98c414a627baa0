import Foundation
import GRDB
import ParleySynthetic
import ParleyTestSupport
import Synchronization
import Testing

@testable import ParleyKit

/// Guard rails for scale: the as-of, who and diff queries are answered through indexes, never by
/// scanning the statement, position, version or evidence tables.
///
/// Checked with EXPLAIN QUERY PLAN on the SQL Parley actually runs, on a synthetic store with
/// statistics (ANALYZE), so that the planner chooses as it would on a large store.
@Suite(.serialized) struct QueryPlanTests {
  /// Records the SQL a connection executes while recording is on.
  final class SQLLog: Sendable {
    private let state = Mutex((on: false, statements: [String]()))

    func record(_ event: Database.TraceEvent) {
      guard case .statement(let statement) = event else { return }
      state.withLock { state in
        if state.on { state.statements.append(statement.expandedSQL) }
      }
    }

    func capture(_ body: () throws -> Void) rethrows -> [String] {
      state.withLock { $0 = (true, []) }
      defer { state.withLock { $0.on = false } }
      try body()
      return state.withLock { $0.statements }
    }
  }

  struct Fixture: Sendable {
    let store: ParleyStore
    let log: SQLLog
  }

  /// A store of 5,000 synthetic statements, analysed; built once for the suite.
  static let fixture: Result<Fixture, any Error> = Result {
    let log = SQLLog()
    var configuration = ParleyStore.makeConfiguration()
    configuration.prepareDatabase { db in db.trace { log.record($0) } }
    let store = try ParleyStore(DatabaseQueue(configuration: configuration))
    try Fixtures.withTemporaryDirectory { folder in
      let path = folder.appendingPathComponent("corpus.jsonl").path
      try SyntheticCorpus(statements: 5_000, seed: 11).write(toFile: path)
      try store.load([], streams: [path])
    }
    try store.dbWriter.writeWithoutTransaction { db in try db.execute(sql: "ANALYZE") }
    return Fixture(store: store, log: log)
  }

  /// The same store with one joint position on two slots (`Schema/0008`), analysed: the
  /// holder and issue filters then also read the joint tables.
  static let jointFixture: Result<Fixture, any Error> = Result {
    let log = SQLLog()
    var configuration = ParleyStore.makeConfiguration()
    configuration.prepareDatabase { db in db.trace { log.record($0) } }
    let store = try ParleyStore(DatabaseQueue(configuration: configuration))
    try Fixtures.withTemporaryDirectory { folder in
      let path = folder.appendingPathComponent("corpus.jsonl").path
      try SyntheticCorpus(statements: 5_000, seed: 11).write(toFile: path)
      try store.load([], streams: [path])
    }
    try store.load([
      Fixtures.input(
        """
        documents:
          - id: d-plan-joint
            title: A joint proposal
            published: 2023-05-01
            statements:
              - id: s-plan-joint
                on_behalf_of: arden
                said: 2023-05-01
                attribution: reported
                quote: "a joint line"
                supports:
                  - {id: plan-joint, issue: security/guarantees, also_on: [territory/islands], held_with: [borovia], key: plan-joint-line, proposition: Arden and Borovia propose a joint line., kind: proposal}
        """, path: "joint.yaml")
    ])
    try store.dbWriter.writeWithoutTransaction { db in try db.execute(sql: "ANALYZE") }
    return Fixture(store: store, log: log)
  }

  /// The query-plan steps of every SELECT that `body` runs.
  func planSteps(
    in fixture: Result<Fixture, any Error> = Self.fixture, _ body: (ParleyStore) throws -> Void
  ) throws -> [String] {
    let fixture = try fixture.get()
    let statements = try fixture.log.capture { try body(fixture.store) }
    let selects = statements.filter {
      let head = $0.prefix(6).uppercased()
      return head.hasPrefix("SELECT") || head.hasPrefix("WITH")
    }
    #expect(!selects.isEmpty)
    return try fixture.store.reader.read { db in
      try selects.flatMap { sql in
        try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String }
      }
    }
  }

  /// Steps that read a large table from end to end.
  func fullScans(_ steps: [String]) -> [String] {
    let large = [
      "position", "positionVersion", "statement", "evidence", "p", "v", "s", "e", "hp", "ip",
      "pe", "ps", "pt", "c", "o", "ss", "pss",
    ]
    return steps.filter { step in
      let words = step.split(separator: " ")
      return words.first == "SCAN" && words.count > 1 && large.contains(String(words[1]))
    }
  }

  @Test func asOfQueriesUseTheHolderAndCurrentVersionIndexes() throws {
    let steps = try planSteps { store in
      let filter = PositionFilter(
        holders: ["arden"], issues: try store.resolveIssues("security"),
        asOf: try PartialDate(parsing: "2023-06-30"))
      _ = try store.positionList(filter, question: "positions of arden")
    }
    #expect(fullScans(steps).isEmpty, "\(steps)")
    #expect(steps.contains { $0.contains("USING INDEX position_slot (holderId=?") }, "\(steps)")
    // positionVersion_current or positionVersion_history: either finds a position's versions.
    #expect(
      steps.contains {
        $0.hasPrefix("SEARCH v USING INDEX positionVersion_") && $0.contains("(positionId=?")
      },
      "\(steps)")
    #expect(
      steps.contains { $0.hasPrefix("SEARCH e USING PRIMARY KEY (positionId=?)") }, "\(steps)")
  }

  @Test func jointHoldersAndSlotsAreFoundThroughTheirIndexes() throws {
    var ids: [String] = []
    let steps = try planSteps(in: Self.jointFixture) { store in
      let filter = PositionFilter(
        holders: ["borovia"], issues: try store.resolveIssues("territory"),
        asOf: try PartialDate(parsing: "2023-06-30"))
      ids = try store.positionList(filter, question: "positions of borovia").positions.map(\.id)
    }
    #expect(ids.contains("plan-joint"), "\(ids)")
    #expect(fullScans(steps).isEmpty, "\(steps)")
    #expect(
      steps.contains { $0.contains("USING") && $0.contains("positionCoHolder_partyId") }, "\(steps)"
    )
    #expect(
      steps.contains { $0.contains("USING") && $0.contains("positionAlsoOn_issueId") }, "\(steps)")
  }

  @Test func whoUsesTheKindAndIssueIndex() throws {
    let steps = try planSteps { store in
      let filter = PositionFilter(
        kinds: [.demand], issues: try store.resolveIssues("territory"),
        asOf: try PartialDate(parsing: "2024-02-29"))
      _ = try store.positionList(filter, question: "who demands on territory")
    }
    #expect(fullScans(steps).isEmpty, "\(steps)")
    #expect(steps.contains { $0.contains("USING INDEX position_kind_issue") }, "\(steps)")
  }

  @Test func detailsAndThePublicationAxisAreSearchedByKey() throws {
    let steps = try planSteps(in: Self.jointFixture) { store in
      let day = try PartialDate(parsing: "2024-02-29")
      var filter = PositionFilter(
        holders: ["borovia"], issues: try store.resolveIssues("territory"), asOf: day)
      filter.publishedBy = day
      _ = try store.positionList(filter, question: "positions of borovia, as published")
      filter.publishedBy = nil
      filter.knownAt = .revision(1)
      _ = try store.positionList(filter, question: "positions of borovia at r1")
      _ = try store.compare(parties: ["arden", "borovia"], issues: [], asOf: day)
    }
    #expect(fullScans(steps).isEmpty, "\(steps)")
    // One statement reads every kind of small detail row, each through its table's key.
    for search in [
      "SEARCH pt USING PRIMARY KEY (positionId=?)", "SEARCH c USING PRIMARY KEY (positionId=?)",
      "SEARCH t USING PRIMARY KEY (positionId=?)",
      "SEARCH o USING INDEX positionOutcome_position (positionId=?",
      "SEARCH ch USING PRIMARY KEY (positionId=?)", "SEARCH ao USING PRIMARY KEY (positionId=?)",
    ] {
      #expect(steps.contains { $0.hasPrefix(search) }, "\(search): \(steps)")
    }
    // The publication check joins the evidence's own document and searches further sources by
    // statement.
    #expect(steps.contains { $0.hasPrefix("SEARCH pd USING INDEX") }, "\(steps)")
    #expect(
      steps.contains { $0.hasPrefix("SEARCH pss USING PRIMARY KEY (statementId=?)") }, "\(steps)")
  }

  @Test func furtherSourcesAndPublishedEndsAreSearchedByKey() throws {
    let fixture = try Self.fixture.get()
    let steps = try fixture.store.reader.read { db in
      let queries: [(String, StatementArguments)] = [
        (DetailSQL.furtherSources(.revision(1)), ["ids": "[\"s1\"]", "rev": 1]),
        (
          DetailSQL.publishedEnds,
          ["ends": "[\"s1\"]", "superseded": "[\"p1\"]", "day": 20_240_229]
        ),
      ]
      return try queries.flatMap { sql, arguments in
        try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments)
          .map { $0["detail"] as String }
      }
    }
    #expect(fullScans(steps).isEmpty, "\(steps)")
    #expect(
      steps.contains { $0.hasPrefix("SEARCH ss USING PRIMARY KEY (statementId=?)") }, "\(steps)")
    #expect(
      steps.contains { $0.hasPrefix("SEARCH r USING INDEX positionRelation_to (toPositionId=?") },
      "\(steps)")
    #expect(steps.contains { $0.hasPrefix("SEARCH ps USING INDEX") }, "\(steps)")
  }

  @Test func diffUsesIndexesOnly() throws {
    let steps = try planSteps { store in
      _ = try store.diff(
        holder: "borovia", issues: try store.resolveIssues("ceasefire"),
        from: try PartialDate(parsing: "2022-01-01"), to: try PartialDate(parsing: "2023-01-01"))
    }
    #expect(fullScans(steps).isEmpty, "\(steps)")
    #expect(steps.contains { $0.contains("USING INDEX position_slot (holderId=?") }, "\(steps)")
  }

  @Test func briefReadsEvidenceAndRelationsThroughIndexes() throws {
    let fixture = try Self.fixture.get()
    let statements = try fixture.log.capture {
      for parties in [["arden"], []] {
        _ = try fixture.store.briefing(
          asOf: try PartialDate(parsing: "2023-06-30"),
          since: try PartialDate(parsing: "2023-06-01"), parties: parties)
      }
    }
    // The brief's own reads: supporting dates without the evidence, and contradictions of every
    // claim at once.
    let own = statements.filter {
      $0.contains("e.role = 'supports'") || $0.contains("r.fromPositionId IN")
    }
    #expect(own.count >= 2, "\(statements.count) statements")
    let steps = try fixture.store.reader.read { db in
      try own.flatMap { sql in
        try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String }
      }
    }
    #expect(fullScans(steps).isEmpty, "\(steps)")
    #expect(!steps.contains { $0.hasPrefix("SCAN r") }, "\(steps)")
    #expect(
      steps.contains { $0.hasPrefix("SEARCH e USING PRIMARY KEY (positionId=?)") }, "\(steps)")
    // A loaded store has no statistics (`ANALYZE` is never run on it): the same reads, planned
    // on a store without them, search their indexes too.
    let bare = try ParleyStore(DatabaseQueue(configuration: ParleyStore.makeConfiguration()))
    let bareSteps = try bare.reader.read { db in
      try own.flatMap { sql in
        try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String }
      }
    }
    #expect(fullScans(bareSteps).isEmpty, "\(bareSteps)")
    #expect(
      bareSteps.contains { $0.hasPrefix("SEARCH s USING INDEX statement_saidOn") }, "\(bareSteps)")
    // Which positions are disputed: the disputing evidence only, through its partial index
    // (`Schema/0012`), not all the evidence.
    let disputed = statements.filter { $0.contains("e.role = 'disputes'") }
    #expect(!disputed.isEmpty)
    for store in [fixture.store, bare] {
      let plan = try store.reader.read { db in
        try disputed.flatMap { sql in
          try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String }
        }
      }
      #expect(plan.contains { $0.contains("evidence_disputes") }, "\(plan)")
      #expect(!plan.contains("SCAN e"), "\(plan)")
    }
  }

  @Test func theRestatementCheckOfTheLoaderUsesTheSlotIndex() throws {
    let fixture = try Self.fixture.get()
    let steps = try fixture.store.reader.read { db in
      try Row.fetchAll(
        db,
        sql: """
          EXPLAIN QUERY PLAN SELECT id FROM position
          WHERE holderId = 'arden' AND issueId = 'security/guarantees' AND propositionKey = 'k'
            AND kind = 'demand' AND id <> 'x'
          """
      ).map { $0["detail"] as String }
    }
    #expect(
      steps == [
        "SEARCH position USING INDEX position_slot (holderId=? AND issueId=? AND propositionKey=? AND kind=?)"
      ], "\(steps)")
  }
}
