import Foundation
import GRDB

/// One load, inside one write transaction: it checks and writes unit after unit (a batch of
/// YAML/JSON files, or one line of a JSON Lines stream), then settles the positions' intervals.
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

  // Prepared once per load: every row of a large load goes through these.
  private let insertStatement: GRDB.Statement
  private let insertPosition: GRDB.Statement
  private let insertTarget: GRDB.Statement
  private let insertCondition: GRDB.Statement
  private let insertEvidence: GRDB.Statement
  private let insertRelation: GRDB.Statement
  private let insertDocument: GRDB.Statement
  private let upsertPending: GRDB.Statement
  private let selectPending: GRDB.Statement

  /// The page cache for a load, in SQLite's terms (negative: kibibytes).
  static let cacheSize = -65_536
  private let previousCacheSize: Int

  /// Stop checking after this many problems: a systematic mistake in a large stream would
  /// otherwise report it once per line.
  static let problemLimit = 10_000

  init(db: Database, revision: Int64) throws {
    self.db = db
    self.revision = revision
    // A large load touches more of the store than SQLite's default page cache (2 MB) holds;
    // a larger cache for the load's duration saves re-reading and spilling pages. Restored by
    // `finish()` (and when the connection closes).
    previousCacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
    try db.execute(sql: "PRAGMA cache_size = \(Self.cacheSize)")
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
    insertStatement = try db.makeStatement(
      sql: """
        INSERT INTO statement (id, documentId, speakerId, onBehalfOfId, saidOn, saidPrecision,
          dateBasis, quote, quoteStart, quoteEnd, attribution, recordedIn)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """)
    insertPosition = try db.makeStatement(
      sql: """
        INSERT INTO position (id, holderId, issueId, propositionKey, proposition, kind, polarity,
          modality, note, recordedIn)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """)
    insertTarget = try db.makeStatement(
      sql: "INSERT INTO positionTarget (positionId, partyId) VALUES (?, ?)")
    insertCondition = try db.makeStatement(
      sql: "INSERT INTO positionCondition (positionId, ordinal, text) VALUES (?, ?, ?)")
    insertEvidence = try db.makeStatement(
      sql: "INSERT INTO evidence (positionId, statementId, role, recordedIn) VALUES (?, ?, ?, ?)")
    insertRelation = try db.makeStatement(
      sql: """
        INSERT INTO positionRelation (fromPositionId, kind, toPositionId, note, recordedIn)
        VALUES (?, ?, ?, ?, ?)
        """)
    insertDocument = try db.makeStatement(
      sql: """
        INSERT INTO document (id, title, outlet, url, publishedOn, publishedPrecision, language,
          textSHA256, body, recordedIn)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """)
    upsertPending = try db.makeStatement(
      sql: """
        INSERT INTO temp.parleyPendingVersion
          (positionId, validFrom, validFromPrecision, validTo, validToPrecision, status,
           statusReason, isNew)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (positionId) DO UPDATE SET
          validFrom = excluded.validFrom, validFromPrecision = excluded.validFromPrecision,
          validTo = excluded.validTo, validToPrecision = excluded.validToPrecision,
          status = excluded.status, statusReason = excluded.statusReason
        """)
    selectPending = try db.makeStatement(
      sql: """
        SELECT validFrom, validFromPrecision, validTo, validToPrecision, status, statusReason
        FROM temp.parleyPendingVersion WHERE positionId = ?
        """)
  }

  var hasReachedProblemLimit: Bool { problems.count >= Self.problemLimit }

  func report(_ problems: [LoadProblem]) {
    self.problems += problems
  }

  // MARK: - Reference data

  func partyExists(_ id: String) -> Bool { parties.contains(id) }
  func issueExists(_ id: String) -> Bool { issues.contains(id) }

  /// The stored, current affiliations of a person.
  func affiliations(of personId: String) throws -> [Affiliation] {
    if let cached = affiliationsByPerson[personId] { return cached }
    let stored = try Affiliation.fetchAll(
      db.cachedStatement(sql: "SELECT * FROM affiliation WHERE personId = ? AND retiredIn IS NULL"),
      arguments: [personId])
    affiliationsByPerson[personId] = stored
    return stored
  }

  // MARK: - Intervals set by this load

  /// The interval and status this load has set for a position so far, if any.
  func pendingState(_ positionId: String) throws -> VersionState? {
    let row = try Row.fetchOne(selectPending, arguments: [positionId])
    return row.map { row in
      VersionState(
        validFrom: row[0], validFromPrecision: row[1], validTo: row[2], validToPrecision: row[3],
        status: row[4], statusReason: row[5])
    }
  }

  // MARK: - Units

  /// Checks one unit against the store and everything before it, and writes its rows.
  ///
  /// A unit with problems is still written (inside a savepoint, as far as its rows allow), so
  /// that later units referring to its records are not reported as well; the transaction is
  /// rolled back at the end anyway.
  func apply(_ files: [CuratedFile]) throws {
    var planner = LoadPlanner(session: self)
    try planner.plan(files)
    let plan = planner.plan
    if planner.problems.isEmpty {
      try write(plan, states: planner.desiredStates)
    } else {
      report(planner.problems)
      do {
        try db.inSavepoint {
          try write(plan, states: planner.desiredStates)
          return .commit
        }
      } catch let error as DatabaseError {
        // The unit's own problems already explain why; nothing will be committed.
        _ = error
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
    for document in plan.documents {
      try insertDocument.execute(arguments: [
        document.id, document.title, document.outlet, document.url, document.publishedOn,
        document.publishedPrecision, document.language, document.textSHA256, document.body,
        document.recordedIn,
      ])
    }
    for statement in plan.statements {
      try insertStatement.execute(arguments: [
        statement.id, statement.documentId, statement.speakerId, statement.onBehalfOfId,
        statement.saidOn, statement.saidPrecision, statement.dateBasis, statement.quote,
        statement.quoteStart, statement.quoteEnd, statement.attribution, statement.recordedIn,
      ])
    }
    for position in plan.positions {
      try insertPosition.execute(arguments: [
        position.id, position.holderId, position.issueId, position.propositionKey,
        position.proposition, position.kind, position.polarity, position.modality, position.note,
        position.recordedIn,
      ])
    }
    for target in plan.targets {
      try insertTarget.execute(arguments: [target.positionId, target.partyId])
    }
    for condition in plan.conditions {
      try insertCondition.execute(arguments: [
        condition.positionId, condition.ordinal, condition.text,
      ])
    }
    for evidence in plan.evidence {
      try insertEvidence.execute(arguments: [
        evidence.positionId, evidence.statementId, evidence.role, evidence.recordedIn,
      ])
    }
    for relation in plan.relations {
      try insertRelation.execute(arguments: [
        relation.fromPositionId, relation.kind, relation.toPositionId, relation.note,
        relation.recordedIn,
      ])
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
      try upsertPending.execute(arguments: [
        positionId, state.validFrom, state.validFromPrecision, state.validTo,
        state.validToPrecision, state.status, state.statusReason, planned.isNew,
      ])
    }
  }

  // MARK: - Finishing

  /// Writes the intervals and statuses set by this load as version rows: a first version for
  /// each new position; for a stored position, a new version (retiring the current one) only
  /// when something changed. Returns how many stored positions changed.
  func finish() throws -> (versions: Int, positionsChanged: Int) {
    var versions = 0
    var changed = 0
    let pending = try Row.fetchCursor(
      db,
      sql: """
        SELECT positionId, validFrom, validFromPrecision, validTo, validToPrecision, status,
               statusReason, isNew
        FROM temp.parleyPendingVersion ORDER BY positionId
        """)
    let current = try db.cachedStatement(
      sql: "SELECT * FROM positionVersion WHERE positionId = ? AND retiredIn IS NULL")
    let insertVersion = try db.makeStatement(
      sql: """
        INSERT INTO positionVersion (positionId, validFrom, validFromPrecision, validTo,
          validToPrecision, status, statusReason, recordedIn)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """)
    while let row = try pending.next() {
      let positionId: String = row[0]
      let desired = VersionState(
        validFrom: row[1], validFromPrecision: row[2], validTo: row[3], validToPrecision: row[4],
        status: row[5], statusReason: row[6])
      let isNew: Bool = row[7]
      let stored = try PositionVersion.fetchOne(current, arguments: [positionId])
      if let stored, VersionState(stored) == desired { continue }
      if let retired = stored?.id {
        try db.execute(
          sql: "UPDATE positionVersion SET retiredIn = ? WHERE id = ? AND retiredIn IS NULL",
          arguments: [revision, retired])
      }
      try insertVersion.execute(arguments: [
        positionId, desired.validFrom, desired.validFromPrecision, desired.validTo,
        desired.validToPrecision, desired.status, desired.statusReason, revision,
      ])
      versions += 1
      if !isNew { changed += 1 }
    }
    try db.execute(sql: "DROP TABLE temp.parleyPendingVersion")
    try db.execute(sql: "PRAGMA cache_size = \(previousCacheSize)")
    return (versions, changed)
  }
}
