import Foundation
import GRDB

/// One load, inside one write transaction: it checks and writes unit after unit (a batch of
/// YAML/JSON files, or a block of lines of a JSON Lines stream), then settles the positions'
/// intervals.
///
/// Each unit is checked by a ``LoadPlanner`` against the store as the earlier units of the same
/// load left it, and its rows are written at once, so a stream never needs to be held in memory.
/// Intervals and statuses that the load sets are collected in a temporary table (a later unit may
/// supersede, withdraw or deprecate a position that an earlier one created) and written as
/// ``PositionVersion`` rows once, at the end, by ``finish()``. The caller rolls the transaction
/// back when any unit had a problem, so a rejected load writes nothing.
final class LoadSession {
  let db: Database
  let revision: Int64
  private(set) var problems: [LoadProblem] = []
  /// Rows added, by kind ("positions", "statements", …).
  private(set) var added: [String: Int] = [:]
  /// Whether any unit wrote a row (versions aside).
  private(set) var wroteRows = false

  // Reference data, read once and kept up to date as units add to it.
  private var parties: Set<String>
  private var issues: Set<String>
  private var affiliationsByPerson: [String: [Affiliation]] = [:]

  /// The page cache for a load, in SQLite's terms (negative: kibibytes).
  static let cacheSize = -65_536
  private let previousCacheSize: Int

  /// Stop checking after this many problems: a systematic mistake in a large stream would
  /// otherwise report it once per line.
  static let problemLimit = 10_000

  // Lookups and writes, prepared once per load: every row of a large load goes through these.
  private let documentExists: RawStatement
  private let statementExists: RawStatement
  private let positionExists: RawStatement
  private let positionFactsQuery: RawStatement
  private let aliasExistsQuery: RawStatement
  private let issueExistsQuery: RawStatement
  private let evidenceRoleQuery: RawStatement
  private let relationExistsQuery: RawStatement
  private let supersedesQuery: RawStatement
  private let sameSlotQuery: RawStatement
  private let currentVersionQuery: RawStatement
  private let pendingQuery: RawStatement
  private let upsertPending: RawStatement
  private let insertDocuments: BulkInsert
  private let insertStatements: BulkInsert
  private let insertPositions: BulkInsert
  private let insertTargets: BulkInsert
  private let insertConditions: BulkInsert
  private let insertEvidence: BulkInsert
  private let insertRelations: BulkInsert

  init(db: Database, revision: Int64) throws {
    self.db = db
    self.revision = revision
    // A large load touches more of the store than SQLite's default page cache (2 MB) holds;
    // a larger cache for the load's duration saves re-reading and spilling pages. Restored by
    // `finish()` (and when the connection closes).
    previousCacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
    try db.setPragma(.cacheSize, to: Self.cacheSize)
    parties = Set(try String.fetchAll(db, sql: "SELECT id FROM party WHERE retiredIn IS NULL"))
    issues = Set(try String.fetchAll(db, sql: "SELECT id FROM issue WHERE retiredIn IS NULL"))
    try db.execute(
      sql: """
        CREATE TEMP TABLE IF NOT EXISTS parleyPendingVersion (
          positionId TEXT PRIMARY KEY NOT NULL,
          validFrom INTEGER NOT NULL,
          validFromPrecision TEXT NOT NULL,
          validTo INTEGER,
          validToPrecision TEXT,
          status TEXT NOT NULL,
          statusReason TEXT,
          isNew INTEGER NOT NULL
        ) WITHOUT ROWID;
        DELETE FROM temp.parleyPendingVersion;
        """)
    documentExists = try RawStatement(db, "SELECT 1 FROM document WHERE id = ?")
    statementExists = try RawStatement(db, "SELECT 1 FROM statement WHERE id = ?")
    positionExists = try RawStatement(db, "SELECT 1 FROM position WHERE id = ?")
    positionFactsQuery = try RawStatement(db, "SELECT holderId, issueId FROM position WHERE id = ?")
    aliasExistsQuery = try RawStatement(
      db, "SELECT 1 FROM partyAlias WHERE alias = ? AND partyId = ?")
    issueExistsQuery = try RawStatement(db, "SELECT 1 FROM issue WHERE id = ?")
    evidenceRoleQuery = try RawStatement(
      db, "SELECT role FROM evidence WHERE positionId = ? AND statementId = ? AND retiredIn IS NULL"
    )
    relationExistsQuery = try RawStatement(
      db,
      """
      SELECT 1 FROM positionRelation
      WHERE fromPositionId = ? AND kind = ? AND toPositionId = ? AND retiredIn IS NULL
      """)
    supersedesQuery = try RawStatement(
      db,
      """
      SELECT 1 FROM positionRelation
      WHERE fromPositionId = ? AND kind = 'supersedes' AND toPositionId = ? AND retiredIn IS NULL
      """)
    sameSlotQuery = try RawStatement(
      db,
      """
      SELECT id FROM position
      WHERE holderId = ? AND issueId = ? AND propositionKey = ? AND kind = ? AND id <> ?
      """)
    currentVersionQuery = try RawStatement(
      db,
      """
      SELECT id, validFrom, validFromPrecision, validTo, validToPrecision, status, statusReason
      FROM positionVersion WHERE positionId = ? AND retiredIn IS NULL
      """)
    pendingQuery = try RawStatement(
      db,
      """
      SELECT validFrom, validFromPrecision, validTo, validToPrecision, status, statusReason
      FROM temp.parleyPendingVersion WHERE positionId = ?
      """)
    upsertPending = try RawStatement(
      db,
      """
      INSERT INTO temp.parleyPendingVersion
        (positionId, validFrom, validFromPrecision, validTo, validToPrecision, status,
         statusReason, isNew)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (positionId) DO UPDATE SET
        validFrom = excluded.validFrom, validFromPrecision = excluded.validFromPrecision,
        validTo = excluded.validTo, validToPrecision = excluded.validToPrecision,
        status = excluded.status, statusReason = excluded.statusReason
      """)
    insertDocuments = try BulkInsert(
      db, table: "document",
      columns: [
        "id", "title", "outlet", "url", "publishedOn", "publishedPrecision", "language",
        "textSHA256", "body", "recordedIn",
      ])
    insertStatements = try BulkInsert(
      db, table: "statement",
      columns: [
        "id", "documentId", "speakerId", "onBehalfOfId", "saidOn", "saidPrecision", "dateBasis",
        "quote", "quoteStart", "quoteEnd", "attribution", "recordedIn",
      ])
    insertPositions = try BulkInsert(
      db, table: "position",
      columns: [
        "id", "holderId", "issueId", "propositionKey", "proposition", "kind", "polarity",
        "modality", "note", "recordedIn",
      ])
    insertTargets = try BulkInsert(
      db, table: "positionTarget", columns: ["positionId", "partyId"])
    insertConditions = try BulkInsert(
      db, table: "positionCondition", columns: ["positionId", "ordinal", "text"])
    insertEvidence = try BulkInsert(
      db, table: "evidence", columns: ["positionId", "statementId", "role", "recordedIn"])
    insertRelations = try BulkInsert(
      db, table: "positionRelation",
      columns: ["fromPositionId", "kind", "toPositionId", "note", "recordedIn"])
  }

  var hasReachedProblemLimit: Bool { problems.count >= Self.problemLimit }

  func report(_ problems: [LoadProblem]) {
    self.problems += problems
  }

  /// Puts the problems reported since `start` in the order of their lines and columns.
  func sortProblems(from start: Int) {
    problems[start...].sort {
      ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column)
    }
  }

  // MARK: - Lookups for the planner

  func partyExists(_ id: String) -> Bool { parties.contains(id) }
  func issueExists(_ id: String) -> Bool { issues.contains(id) }

  /// Whether an issue id is in the store, retired or not.
  func issueStored(_ id: String) throws -> Bool {
    issueExistsQuery.bind(id)
    return try issueExistsQuery.exists()
  }

  func documentStored(_ id: String) throws -> Bool {
    documentExists.bind(id)
    return try documentExists.exists()
  }

  func statementStored(_ id: String) throws -> Bool {
    statementExists.bind(id)
    return try statementExists.exists()
  }

  func positionStored(_ id: String) throws -> Bool {
    positionExists.bind(id)
    return try positionExists.exists()
  }

  func aliasStored(_ alias: String, party: String) throws -> Bool {
    aliasExistsQuery.bind(alias)
    aliasExistsQuery.bind(party)
    return try aliasExistsQuery.exists()
  }

  /// The holder and issue of a stored position.
  func positionFacts(_ id: String) throws -> (holder: String, issue: String)? {
    positionFactsQuery.bind(id)
    defer { positionFactsQuery.reset() }
    guard try positionFactsQuery.step() else { return nil }
    return (positionFactsQuery.string(0) ?? "", positionFactsQuery.string(1) ?? "")
  }

  /// The role of a stored, current evidence link.
  func evidenceRole(position: String, statement: String) throws -> EvidenceRole? {
    evidenceRoleQuery.bind(position)
    evidenceRoleQuery.bind(statement)
    defer { evidenceRoleQuery.reset() }
    guard try evidenceRoleQuery.step() else { return nil }
    return evidenceRoleQuery.string(0).flatMap(EvidenceRole.init(rawValue:))
  }

  func relationStored(from: String, kind: RelationKind, to: String) throws -> Bool {
    relationExistsQuery.bind(from)
    relationExistsQuery.bind(kind)
    relationExistsQuery.bind(to)
    return try relationExistsQuery.exists()
  }

  /// Whether either position supersedes the other in the store.
  func supersessionStored(_ a: String, _ b: String) throws -> Bool {
    for (from, to) in [(a, b), (b, a)] {
      supersedesQuery.bind(from)
      supersedesQuery.bind(to)
      if try supersedesQuery.exists() { return true }
    }
    return false
  }

  /// Stored positions of the same holder, issue, proposition key and kind.
  func sameSlotPositions(of position: Position) throws -> [String] {
    sameSlotQuery.bind(position.holderId)
    sameSlotQuery.bind(position.issueId)
    sameSlotQuery.bind(position.propositionKey)
    sameSlotQuery.bind(position.kind)
    sameSlotQuery.bind(position.id)
    defer { sameSlotQuery.reset() }
    var ids: [String] = []
    while try sameSlotQuery.step() { ids.append(sameSlotQuery.string(0) ?? "") }
    return ids
  }

  /// The stored current version of a position: its row id and state.
  func storedVersion(_ positionId: String) throws -> (id: Int64, state: VersionState)? {
    currentVersionQuery.bind(positionId)
    defer { currentVersionQuery.reset() }
    guard try currentVersionQuery.step() else { return nil }
    return (Int64(currentVersionQuery.int(0) ?? 0), Self.state(currentVersionQuery, from: 1))
  }

  /// The interval and status this load has set for a position so far, if any.
  func pendingState(_ positionId: String) throws -> VersionState? {
    pendingQuery.bind(positionId)
    defer { pendingQuery.reset() }
    guard try pendingQuery.step() else { return nil }
    return Self.state(pendingQuery, from: 0)
  }

  private static func state(_ row: RawStatement, from first: Int32) -> VersionState {
    VersionState(
      validFrom: row.int(first) ?? 0,
      validFromPrecision: row.string(first + 1).flatMap(DatePrecision.init(rawValue:)) ?? .day,
      validTo: row.int(first + 2),
      validToPrecision: row.string(first + 3).flatMap(DatePrecision.init(rawValue:)),
      status: row.string(first + 4).flatMap(PositionStatus.init(rawValue:)) ?? .active,
      statusReason: row.string(first + 5))
  }

  /// The stored, current affiliations of a person.
  func affiliations(of personId: String) throws -> [Affiliation] {
    if let cached = affiliationsByPerson[personId] { return cached }
    let stored = try Affiliation.fetchAll(
      db.cachedStatement(sql: "SELECT * FROM affiliation WHERE personId = ? AND retiredIn IS NULL"),
      arguments: [personId])
    affiliationsByPerson[personId] = stored
    return stored
  }

  // MARK: - Units

  /// Checks one unit against the store and everything before it, and writes its rows.
  ///
  /// With `streamOrder`, a record may refer to records defined later in the same file only on
  /// the same line (each line of a stream is checked against what came before it, whichever
  /// block it falls in). A unit with problems is still written (inside a savepoint, as far as its
  /// rows allow), so that later units referring to its records are not reported as well; the
  /// transaction is rolled back at the end anyway.
  func apply(_ files: [CuratedFile], streamOrder: Bool = false) throws {
    var planner = LoadPlanner(session: self, streamOrder: streamOrder)
    try planner.plan(files)
    if planner.problems.isEmpty {
      try write(planner.plan, states: planner.desiredStates)
    } else {
      report(planner.problems)
      do {
        try db.inSavepoint {
          try write(planner.plan, states: planner.desiredStates)
          return .commit
        }
      } catch is DatabaseError {
        // The unit's own problems already explain why; nothing will be committed.
      }
    }
  }

  private func write(_ plan: WritePlan, states: [String: PlannedState]) throws {
    if !plan.isEmpty { wroteRows = true }
    for party in plan.parties {
      try party.insert(db)
      parties.insert(party.id)
    }
    for alias in plan.aliases { try alias.insert(db) }
    for id in plan.retiredAffiliations {
      try db.execute(
        sql: "UPDATE affiliation SET retiredIn = ? WHERE id = ? AND retiredIn IS NULL",
        arguments: [revision, id])
    }
    for var affiliation in plan.affiliations { try affiliation.insert(db) }
    if !plan.affiliations.isEmpty || !plan.retiredAffiliations.isEmpty {
      affiliationsByPerson = [:]
    }
    for issue in plan.issues {
      try issue.insert(db)
      issues.insert(issue.id)
    }
    try insertDocuments.insert(plan.documents) { document, row in
      row.bind(document.id)
      row.bind(document.title)
      row.bind(document.outlet)
      row.bind(document.url)
      row.bind(document.publishedOn)
      row.bind(document.publishedPrecision)
      row.bind(document.language)
      row.bind(document.textSHA256)
      row.bind(document.body)
      row.bind(document.recordedIn)
    }
    try insertStatements.insert(plan.statements) { statement, row in
      row.bind(statement.id)
      row.bind(statement.documentId)
      row.bind(statement.speakerId)
      row.bind(statement.onBehalfOfId)
      row.bind(statement.saidOn)
      row.bind(statement.saidPrecision)
      row.bind(statement.dateBasis)
      row.bind(statement.quote)
      row.bind(statement.quoteStart)
      row.bind(statement.quoteEnd)
      row.bind(statement.attribution)
      row.bind(statement.recordedIn)
    }
    try insertPositions.insert(plan.positions) { position, row in
      row.bind(position.id)
      row.bind(position.holderId)
      row.bind(position.issueId)
      row.bind(position.propositionKey)
      row.bind(position.proposition)
      row.bind(position.kind)
      row.bind(position.polarity)
      row.bind(position.modality)
      row.bind(position.note)
      row.bind(position.recordedIn)
    }
    try insertTargets.insert(plan.targets) { target, row in
      row.bind(target.positionId)
      row.bind(target.partyId)
    }
    try insertConditions.insert(plan.conditions) { condition, row in
      row.bind(condition.positionId)
      row.bind(condition.ordinal)
      row.bind(condition.text)
    }
    try insertEvidence.insert(plan.evidence) { evidence, row in
      row.bind(evidence.positionId)
      row.bind(evidence.statementId)
      row.bind(evidence.role)
      row.bind(evidence.recordedIn)
    }
    try insertRelations.insert(plan.relations) { relation, row in
      row.bind(relation.fromPositionId)
      row.bind(relation.kind)
      row.bind(relation.toPositionId)
      row.bind(relation.note)
      row.bind(relation.recordedIn)
    }
    for (key, count) in [
      ("parties", plan.parties.count), ("aliases", plan.aliases.count),
      ("affiliations", plan.affiliations.count), ("issues", plan.issues.count),
      ("documents", plan.documents.count), ("statements", plan.statements.count),
      ("positions", plan.positions.count), ("evidence", plan.evidence.count),
      ("relations", plan.relations.count),
    ] where count > 0 {
      added[key, default: 0] += count
    }
    for (positionId, planned) in states {
      let state = planned.state
      upsertPending.bind(positionId)
      upsertPending.bind(state.validFrom)
      upsertPending.bind(state.validFromPrecision)
      upsertPending.bind(state.validTo)
      upsertPending.bind(state.validToPrecision)
      upsertPending.bind(state.status)
      upsertPending.bind(state.statusReason)
      upsertPending.bind(planned.isNew)
      try upsertPending.execute()
    }
  }

  // MARK: - Finishing

  /// Writes the intervals and statuses set by this load as version rows: a first version for
  /// each new position; for a stored position, a new version (retiring the current one) only
  /// when something changed. Returns how many versions were written, and how many of them
  /// changed a position that was stored before this load.
  func finish() throws -> (versions: Int, positionsChanged: Int) {
    var versions = 0
    var changed = 0
    let pending = try RawStatement(
      db,
      """
      SELECT positionId, validFrom, validFromPrecision, validTo, validToPrecision, status,
             statusReason, isNew
      FROM temp.parleyPendingVersion ORDER BY positionId
      """)
    let insertVersions = try BulkInsert(
      db, table: "positionVersion",
      columns: [
        "positionId", "validFrom", "validFromPrecision", "validTo", "validToPrecision", "status",
        "statusReason", "recordedIn",
      ])
    var batch: [(positionId: String, state: VersionState)] = []
    func flush() throws {
      try insertVersions.insert(batch) { item, row in
        row.bind(item.positionId)
        row.bind(item.state.validFrom)
        row.bind(item.state.validFromPrecision)
        row.bind(item.state.validTo)
        row.bind(item.state.validToPrecision)
        row.bind(item.state.status)
        row.bind(item.state.statusReason)
        row.bind(revision)
      }
      versions += batch.count
      batch.removeAll(keepingCapacity: true)
    }
    while try pending.step() {
      let positionId = pending.string(0) ?? ""
      let desired = Self.state(pending, from: 1)
      let isNew = pending.int(7) == 1
      // A position new in this load has no stored version yet.
      if !isNew, let stored = try storedVersion(positionId) {
        if stored.state == desired { continue }
        try flush()  // keep version rows in position order, retiring before inserting
        try db.execute(
          sql: "UPDATE positionVersion SET retiredIn = ? WHERE id = ? AND retiredIn IS NULL",
          arguments: [revision, stored.id])
      }
      if !isNew { changed += 1 }
      batch.append((positionId, desired))
      if batch.count >= 4096 { try flush() }
    }
    pending.reset()
    try flush()
    try db.execute(sql: "DROP TABLE temp.parleyPendingVersion")
    try db.setPragma(.cacheSize, to: previousCacheSize)
    return (versions, changed)
  }
}
