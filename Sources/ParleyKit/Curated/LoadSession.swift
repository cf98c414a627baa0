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

  /// Stop checking after this many problems: a systematic mistake in a large stream would
  /// otherwise report it once per line.
  static let problemLimit = 10_000

  init(db: Database, revision: Int64) throws {
    self.db = db
    self.revision = revision
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
    let row = try Row.fetchOne(
      db.cachedStatement(
        sql: """
          SELECT validFrom, validFromPrecision, validTo, validToPrecision, status, statusReason
          FROM temp.parleyPendingVersion WHERE positionId = ?
          """), arguments: [positionId])
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
    for document in plan.documents { try document.insert(db) }
    for statement in plan.statements { try statement.insert(db) }
    for position in plan.positions { try position.insert(db) }
    for target in plan.targets { try target.insert(db) }
    for condition in plan.conditions { try condition.insert(db) }
    for evidence in plan.evidence { try evidence.insert(db) }
    for relation in plan.relations { try relation.insert(db) }
    for (key, count) in [
      ("parties", plan.parties.count), ("aliases", plan.aliases.count),
      ("affiliations", plan.affiliations.count), ("issues", plan.issues.count),
      ("documents", plan.documents.count), ("statements", plan.statements.count),
      ("positions", plan.positions.count), ("evidence", plan.evidence.count),
      ("relations", plan.relations.count),
    ] where count > 0 {
      added[key, default: 0] += count
    }
    let upsert = try db.cachedStatement(
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
    for (positionId, planned) in states {
      let state = planned.state
      try upsert.execute(arguments: [
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
      var version = PositionVersion(
        id: nil, positionId: positionId, validFrom: desired.validFrom,
        validFromPrecision: desired.validFromPrecision, validTo: desired.validTo,
        validToPrecision: desired.validToPrecision, status: desired.status,
        statusReason: desired.statusReason, recordedIn: revision)
      try version.insert(db)
      versions += 1
      if !isNew { changed += 1 }
    }
    try db.execute(sql: "DROP TABLE temp.parleyPendingVersion")
    return (versions, changed)
  }
}
