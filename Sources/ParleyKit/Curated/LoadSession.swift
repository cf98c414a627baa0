import GRDB

/// One load, inside one write transaction: it checks and writes unit after unit (a batch of
/// YAML/JSON files, or a block of lines of a JSON Lines stream), then settles the positions'
/// intervals.
///
/// Each unit is checked by a ``LoadPlanner`` against the store as the earlier units of the same
/// load left it (read through ``StoreLookups``), and its rows are written at once, so a stream
/// never needs to be held in memory. A unit with problems is written too, inside a savepoint, so
/// that later units referring to its records are not reported as well; the caller rolls the
/// whole transaction back when any unit had a problem, so a rejected load writes nothing.
///
/// Intervals and statuses that the load sets are collected in a temporary table (a later unit may
/// supersede, withdraw or deprecate a position that an earlier one created) and written as
/// ``PositionVersion`` rows once, at the end, by ``finish()``.
final class LoadSession {
  let db: Database
  let revision: Int64
  /// The planner's read path into the store.
  let lookups: StoreLookups
  private(set) var problems: [LoadProblem] = []
  /// Rows added, by kind ("positions", "statements", …).
  private(set) var added: [String: Int] = [:]
  /// Whether any unit wrote a row (versions aside).
  private(set) var wroteRows = false

  /// The page cache for a load, in SQLite's terms (negative: kibibytes).
  static let cacheSize = -65_536
  private let previousCacheSize: Int

  /// Stop checking after this many problems: a systematic mistake in a large stream would
  /// otherwise report it once per line.
  static let problemLimit = 10_000

  // Writes, prepared once per load: every row of a large load goes through these.
  private let upsertPending: RawStatement
  private let insertDocuments: BulkInsert<Document>
  private let insertStatements: BulkInsert<Statement>
  private let insertPositions: BulkInsert<Position>
  private let insertTargets: BulkInsert<PositionTarget>
  private let insertCoHolders: BulkInsert<PositionCoHolder>
  private let insertAlsoOn: BulkInsert<PositionAlsoOn>
  private let insertConditions: BulkInsert<PositionCondition>
  private let insertEvidence: BulkInsert<Evidence>
  private let insertRelations: BulkInsert<PositionRelation>

  init(db: Database, revision: Int64) throws {
    self.db = db
    self.revision = revision
    // A large load touches more of the store than SQLite's default page cache (2 MB) holds;
    // a larger cache for the load's duration saves re-reading and spilling pages. Restored by
    // `finish()` (and when the connection closes).
    previousCacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
    try db.setPragma(.cacheSize, to: Self.cacheSize)
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
          endStatementId TEXT,
          isNew INTEGER NOT NULL
        ) WITHOUT ROWID;
        DELETE FROM temp.parleyPendingVersion;
        """)
    lookups = try StoreLookups(db)
    upsertPending = try RawStatement(
      db,
      """
      INSERT INTO temp.parleyPendingVersion
        (positionId, validFrom, validFromPrecision, validTo, validToPrecision, status,
         statusReason, endStatementId, isNew)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (positionId) DO UPDATE SET
        validFrom = excluded.validFrom, validFromPrecision = excluded.validFromPrecision,
        validTo = excluded.validTo, validToPrecision = excluded.validToPrecision,
        status = excluded.status, statusReason = excluded.statusReason,
        endStatementId = excluded.endStatementId
      """)
    insertDocuments = try BulkInsert(db)
    insertStatements = try BulkInsert(db)
    insertPositions = try BulkInsert(db)
    insertTargets = try BulkInsert(db)
    insertCoHolders = try BulkInsert(db)
    insertAlsoOn = try BulkInsert(db)
    insertConditions = try BulkInsert(db)
    insertEvidence = try BulkInsert(db)
    insertRelations = try BulkInsert(db)
  }

  var hasReachedProblemLimit: Bool { problems.count >= Self.problemLimit }

  func report(_ problems: [LoadProblem]) {
    self.problems += problems
  }

  /// Warnings of every unit so far: the load goes ahead, and the caller shows them.
  private(set) var warnings: [LoadProblem] = []

  /// Puts the problems reported since `start` in the order of their lines and columns.
  func sortProblems(from start: Int) {
    problems[start...].sort {
      ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column)
    }
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
    var planner = LoadPlanner(store: lookups, revision: revision, streamOrder: streamOrder)
    try planner.plan(files)
    warnings += planner.warnings
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
    // Noted first: if a row fails (in a unit with problems), later units still see its records.
    lookups.noteWritten(plan)
    for party in plan.parties { try party.insert(db) }
    for alias in plan.aliases { try alias.insert(db) }
    for id in plan.retiredAffiliations {
      try db.execute(
        sql: "UPDATE affiliation SET retiredIn = ? WHERE id = ? AND retiredIn IS NULL",
        arguments: [revision, id])
    }
    for var affiliation in plan.affiliations { try affiliation.insert(db) }
    for issue in plan.issues { try issue.insert(db) }
    try insertDocuments.insert(plan.documents)
    try insertStatements.insert(plan.statements)
    try insertPositions.insert(plan.positions)
    try insertTargets.insert(plan.targets)
    try insertCoHolders.insert(plan.coHolders)
    try insertAlsoOn.insert(plan.alsoOn)
    try insertConditions.insert(plan.conditions)
    try insertEvidence.insert(plan.evidence)
    try insertRelations.insert(plan.relations)
    for (position, statement) in plan.retiredEvidenceQuotes {
      try db.execute(
        sql: """
          UPDATE evidenceQuote SET retiredIn = ?
          WHERE positionId = ? AND statementId = ? AND retiredIn IS NULL
          """, arguments: [revision, position, statement])
    }
    for quote in plan.evidenceQuotes { try quote.insert(db) }
    for source in plan.statementSources { try source.insert(db) }
    for term in plan.terms { try term.insert(db) }
    for var outcome in plan.outcomes { try outcome.insert(db) }
    for mark in plan.machineCodedMarks { try mark.insert(db) }
    for event in plan.importedEvents { try event.insert(db) }
    for (kind, count) in plan.addedCounts {
      added[kind, default: 0] += count
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
      upsertPending.bind(state.endStatementId)
      upsertPending.bind(planned.isNew)
      try upsertPending.execute()
    }
  }

  // MARK: - Finishing

  /// Writes the intervals and statuses set by this load as version rows.
  ///
  /// A new position gets its first version; a stored position a new version (retiring the
  /// current one) only when something changed. Returns how many versions were written, and how many of them
  /// changed a position that was stored before this load.
  func finish() throws -> (versions: Int, positionsChanged: Int) {
    var versions = 0
    var changed = 0
    let pending = try RawStatement(
      db,
      """
      SELECT positionId, validFrom, validFromPrecision, validTo, validToPrecision, status,
             statusReason, endStatementId, isNew
      FROM temp.parleyPendingVersion ORDER BY positionId
      """)
    let insertVersions = try BulkInsert<PositionVersion>(db)
    var batch: [PositionVersion] = []
    func flush() throws {
      try insertVersions.insert(batch)
      versions += batch.count
      batch.removeAll(keepingCapacity: true)
    }
    while try pending.step() {
      let positionId = pending.string(0) ?? ""
      let desired = VersionState(pending, from: 1)
      let isNew = pending.int(8) == 1
      // A position new in this load has no stored version yet.
      if !isNew, let stored = try lookups.storedVersion(positionId) {
        if stored.state == desired { continue }
        try flush()  // keep version rows in position order, retiring before inserting
        try db.execute(
          sql: "UPDATE positionVersion SET retiredIn = ? WHERE id = ? AND retiredIn IS NULL",
          arguments: [revision, stored.id])
      }
      if !isNew { changed += 1 }
      batch.append(desired.version(of: positionId, recordedIn: revision))
      if batch.count >= 4096 { try flush() }
    }
    pending.reset()
    try flush()
    try db.execute(sql: "DROP TABLE temp.parleyPendingVersion")
    try db.setPragma(.cacheSize, to: previousCacheSize)
    return (versions, changed)
  }
}
