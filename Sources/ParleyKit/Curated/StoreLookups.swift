import GRDB

/// The holders and issues of a position: what the same-side and supersession rules compare.
struct PositionFacts: Equatable {
  /// The primary holder and slot (the position's own columns).
  var holder: String
  var issue: String
  /// Further holders (`held_with`) and slots (`also_on`) of a joint or multi-issue position.
  var coHolders: [String] = []
  var alsoOn: [String] = []

  /// Every party holding the position, the primary first.
  var holders: [String] { [holder] + coHolders }
  /// Every issue slot the position bears on, the primary first.
  var issues: [String] { [issue] + alsoOn }
}

/// A record the loader keeps by id: written once, and afterwards compared with what a curated
/// file says about the same id (ids are permanent).
protocol RecordedFact: Equatable, Encodable, FetchableRecord, TableRecord {
  static var kind: RecordKind { get }
  var recordedIn: Int64 { get set }
  /// Clears the record's retirement, if it has one: the comparison ignores record time.
  mutating func clearRetirement()
}

/// A ``RecordedFact`` whose rows can be retired.
protocol RetirableFact: RecordedFact {
  var retiredIn: Int64? { get set }
}

extension RetirableFact {
  mutating func clearRetirement() { retiredIn = nil }
}

extension Party: RetirableFact { static let kind = RecordKind.party }
extension Issue: RetirableFact { static let kind = RecordKind.issue }
extension Document: RetirableFact { static let kind = RecordKind.document }
extension Statement: RetirableFact { static let kind = RecordKind.statement }
extension Position: RecordedFact {
  static let kind = RecordKind.position
  /// A position's content is never retired (its versions are).
  mutating func clearRetirement() {}
}

/// The loader's one way to read the store: every question the planner asks about what earlier
/// loads, and earlier units of this load, wrote.
///
/// The questions asked once per record of a large load run through statements prepared once
/// (``RawStatement``); the rarer ones (a stored record read whole, suggestions for an unknown
/// id) through GRDB. Parties and issues are few and asked about often: their ids are read once
/// and kept up to date by ``noteWritten(_:)``.
final class StoreLookups {
  private let db: Database

  private var parties: Set<String>
  private var issues: Set<String>
  private var affiliationsByPerson: [String: [Affiliation]] = [:]

  private let partyExistsQuery: RawStatement
  private let issueExistsQuery: RawStatement
  private let documentExistsQuery: RawStatement
  private let statementExistsQuery: RawStatement
  private let positionExistsQuery: RawStatement
  private let positionFactsQuery: RawStatement
  private let aliasExistsQuery: RawStatement
  private let evidenceRoleQuery: RawStatement
  private let relationExistsQuery: RawStatement
  private let supersedesQuery: RawStatement
  private let sameSlotQuery: RawStatement
  /// Whether any position has a joint holder or a further slot: until one has, the lookups
  /// by holder and slot need not read `positionCoHolder` and `positionAlsoOn`.
  private var hasJointPositions: Bool
  private let currentVersionQuery: RawStatement
  private let pendingQuery: RawStatement

  /// Prepares the lookups; the load's temporary table `parleyPendingVersion` must exist.
  init(_ db: Database) throws {
    self.db = db
    parties = Set(try String.fetchAll(db, sql: "SELECT id FROM party WHERE retiredIn IS NULL"))
    issues = Set(try String.fetchAll(db, sql: "SELECT id FROM issue WHERE retiredIn IS NULL"))
    hasJointPositions =
      try Bool.fetchOne(
        db,
        sql: """
          SELECT EXISTS (SELECT 1 FROM positionCoHolder) OR EXISTS (SELECT 1 FROM positionAlsoOn)
          """) ?? false
    partyExistsQuery = try RawStatement(db, "SELECT 1 FROM party WHERE id = ?")
    issueExistsQuery = try RawStatement(db, "SELECT 1 FROM issue WHERE id = ?")
    documentExistsQuery = try RawStatement(db, "SELECT 1 FROM document WHERE id = ?")
    statementExistsQuery = try RawStatement(db, "SELECT 1 FROM statement WHERE id = ?")
    positionExistsQuery = try RawStatement(db, "SELECT 1 FROM position WHERE id = ?")
    positionFactsQuery = try RawStatement(db, "SELECT holderId, issueId FROM position WHERE id = ?")
    aliasExistsQuery = try RawStatement(
      db, "SELECT 1 FROM partyAlias WHERE alias = ? AND partyId = ?")
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
      SELECT id, validFrom, validFromPrecision, validTo, validToPrecision, status, statusReason,
             endStatementId
      FROM positionVersion WHERE positionId = ? AND retiredIn IS NULL
      """)
    pendingQuery = try RawStatement(
      db,
      """
      SELECT validFrom, validFromPrecision, validTo, validToPrecision, status, statusReason,
             endStatementId
      FROM temp.parleyPendingVersion WHERE positionId = ?
      """)
  }

  /// Keeps the cached reference data in step with rows a unit wrote.
  func noteWritten(_ plan: WritePlan) {
    for party in plan.parties { parties.insert(party.id) }
    for issue in plan.issues { issues.insert(issue.id) }
    if !plan.coHolders.isEmpty || !plan.alsoOn.isEmpty { hasJointPositions = true }
    if !plan.affiliations.isEmpty || !plan.retiredAffiliations.isEmpty {
      affiliationsByPerson = [:]
    }
  }

  // MARK: - Whether an id is stored

  /// Whether a current (not retired) party has this id.
  func partyExists(_ id: String) -> Bool { parties.contains(id) }

  /// Whether a current (not retired) issue has this id.
  func issueExists(_ id: String) -> Bool { issues.contains(id) }

  /// Whether a record of `kind` with this id is in the store, retired or not.
  func isStored(_ kind: RecordKind, _ id: String) throws -> Bool {
    let query =
      switch kind {
      case .party: partyExistsQuery
      case .issue: issueExistsQuery
      case .document: documentExistsQuery
      case .statement: statementExistsQuery
      case .position: positionExistsQuery
      }
    query.bind(id)
    return try query.exists()
  }

  /// The stored record with this id, retired or not.
  func record<Record: RecordedFact>(_ type: Record.Type, id: String) throws -> Record? {
    // Most records of a large load are new: the prepared existence check answers those.
    guard try isStored(Record.kind, id) else { return nil }
    return try Record.filter(key: id).fetchOne(db)
  }

  // MARK: - Parties

  func aliasStored(_ alias: String, party: String) throws -> Bool {
    aliasExistsQuery.bind(alias)
    aliasExistsQuery.bind(party)
    return try aliasExistsQuery.exists()
  }

  /// The stored parent of a party, if it has one.
  func parent(ofParty id: String) throws -> String? {
    try String.fetchOne(
      db.cachedStatement(sql: "SELECT parentId FROM party WHERE id = ?"), arguments: [id])
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

  /// The stored, current affiliation with the same person, party, role and start.
  func currentAffiliation(like affiliation: Affiliation) throws -> Affiliation? {
    try Affiliation.fetchOne(
      db.cachedStatement(
        sql: """
          SELECT * FROM affiliation
          WHERE personId = ? AND partyId = ? AND role = ? AND validFrom IS ? AND retiredIn IS NULL
          """),
      arguments: [
        affiliation.personId, affiliation.partyId, affiliation.role, affiliation.validFrom,
      ])
  }

  // MARK: - Positions and evidence

  /// The holder and issue of a stored position.
  func positionFacts(_ id: String) throws -> PositionFacts? {
    positionFactsQuery.bind(id)
    defer { positionFactsQuery.reset() }
    guard try positionFactsQuery.step() else { return nil }
    var facts = PositionFacts(
      holder: positionFactsQuery.string(0) ?? "", issue: positionFactsQuery.string(1) ?? "")
    if hasJointPositions {
      facts.coHolders = try coHolders(ofPosition: id).map(\.partyId)
      facts.alsoOn = try alsoOn(ofPosition: id).map(\.issueId)
    }
    return facts
  }

  /// A stored position's current joint holders, by party id.
  func coHolders(ofPosition id: String) throws -> [PositionCoHolder] {
    try PositionCoHolder.fetchAll(
      db.cachedStatement(
        sql: """
          SELECT * FROM positionCoHolder WHERE positionId = ? AND retiredIn IS NULL
          ORDER BY partyId
          """),
      arguments: [id])
  }

  /// A stored position's current further slots, by issue id.
  func alsoOn(ofPosition id: String) throws -> [PositionAlsoOn] {
    try PositionAlsoOn.fetchAll(
      db.cachedStatement(
        sql: """
          SELECT * FROM positionAlsoOn WHERE positionId = ? AND retiredIn IS NULL
          ORDER BY issueId
          """),
      arguments: [id])
  }

  /// A stored position's targets, by party id.
  func targets(ofPosition id: String) throws -> [PositionTarget] {
    try PositionTarget.fetchAll(
      db.cachedStatement(
        sql: "SELECT * FROM positionTarget WHERE positionId = ? ORDER BY partyId"),
      arguments: [id])
  }

  /// A stored position's conditions, in order.
  func conditions(ofPosition id: String) throws -> [PositionCondition] {
    try PositionCondition.fetchAll(
      db.cachedStatement(
        sql: "SELECT * FROM positionCondition WHERE positionId = ? ORDER BY ordinal"),
      arguments: [id])
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

  /// Stored positions other than `id` held by `holder` on `issue` (as their primary holder
  /// and slot, or jointly and as a further slot) with the same proposition key and kind.
  func sameSlotPositions(
    holder: String, issue: String, key: String, kind: StanceKind, excluding id: String
  ) throws -> [String] {
    var ids: [String] = []
    sameSlotQuery.bind(holder)
    sameSlotQuery.bind(issue)
    sameSlotQuery.bind(key)
    sameSlotQuery.bind(kind)
    sameSlotQuery.bind(id)
    while try sameSlotQuery.step() { ids.append(sameSlotQuery.string(0) ?? "") }
    sameSlotQuery.reset()
    guard hasJointPositions else { return ids }
    let joint = try String.fetchAll(
      db.cachedStatement(
        sql: """
          SELECT p.id FROM position p
          WHERE p.propositionKey = ? AND p.kind = ? AND p.id <> ?
            AND (p.holderId = ? OR EXISTS (
                  SELECT 1 FROM positionCoHolder c
                  WHERE c.positionId = p.id AND c.partyId = ? AND c.retiredIn IS NULL))
            AND (p.issueId = ? OR EXISTS (
                  SELECT 1 FROM positionAlsoOn a
                  WHERE a.positionId = p.id AND a.issueId = ? AND a.retiredIn IS NULL))
          ORDER BY p.id
          """),
      arguments: [key, kind.rawValue, id, holder, holder, issue, issue])
    return ids + joint.filter { !ids.contains($0) }
  }

  // MARK: - Intervals and statuses

  /// The stored current version of a position: its row id and state.
  func storedVersion(_ positionId: String) throws -> (id: Int64, state: VersionState)? {
    currentVersionQuery.bind(positionId)
    defer { currentVersionQuery.reset() }
    guard try currentVersionQuery.step() else { return nil }
    return (Int64(currentVersionQuery.int(0) ?? 0), VersionState(currentVersionQuery, from: 1))
  }

  /// The interval and status earlier units of this load have set for a position, if any.
  func pendingState(_ positionId: String) throws -> VersionState? {
    pendingQuery.bind(positionId)
    defer { pendingQuery.reset() }
    guard try pendingQuery.step() else { return nil }
    return VersionState(pendingQuery, from: 0)
  }

  // MARK: - Evidence quotes and further sources

  /// The current words an evidence link shows for its position, if it has its own.
  func evidenceQuote(position: String, statement: String) throws -> String? {
    try String.fetchOne(
      db.cachedStatement(
        sql: """
          SELECT quote FROM evidenceQuote
          WHERE positionId = ? AND statementId = ? AND retiredIn IS NULL
          """), arguments: [position, statement])
  }

  func statementSourceStored(statement: String, document: String) throws -> Bool {
    try Bool.fetchOne(
      db.cachedStatement(
        sql: """
          SELECT 1 FROM statementSource
          WHERE statementId = ? AND documentId = ? AND retiredIn IS NULL
          """), arguments: [statement, document]) ?? false
  }

  // MARK: - Terms, outcomes and the statements that end positions

  /// A stored position's term or period in force, if it has one.
  func term(ofPosition id: String) throws -> PositionTerm? {
    try PositionTerm.fetchOne(
      db.cachedStatement(sql: "SELECT * FROM positionTerm WHERE positionId = ?"), arguments: [id])
  }

  /// A stored, current outcome of a position on a day, if one is recorded.
  func outcome(ofPosition id: String, on day: Int, outcome: Outcome) throws -> PositionOutcome? {
    try PositionOutcome.fetchOne(
      db.cachedStatement(
        sql: """
          SELECT * FROM positionOutcome
          WHERE positionId = ? AND assessedOn = ? AND outcome = ? AND retiredIn IS NULL
          """), arguments: [id, day, outcome])
  }

  /// The party a stored statement speaks for, and the day it was said.
  func statementFacts(_ id: String) throws -> (onBehalfOf: String, saidOn: Int)? {
    try Row.fetchOne(
      db.cachedStatement(sql: "SELECT onBehalfOfId, saidOn FROM statement WHERE id = ?"),
      arguments: [id]
    ).map { ($0[0], $0[1]) }
  }

  // MARK: - Suggestions for unknown ids

  /// Every stored party id.
  func partyIds() throws -> [String] {
    try String.fetchAll(db, sql: "SELECT id FROM party")
  }

  /// Every stored issue id.
  func issueIds() throws -> [String] {
    try String.fetchAll(db, sql: "SELECT id FROM issue")
  }

  /// The party a stored alias (folded to lower case) belongs to.
  func aliasOwner(_ alias: String) throws -> String? {
    try String.fetchOne(
      db, sql: "SELECT partyId FROM partyAlias WHERE alias = ?", arguments: [alias])
  }

  /// Party ids whose id, alias or name is close to `text` (folded to lower case).
  func partySuggestions(for text: String) throws -> [String] {
    try ParleyStore.partySuggestions(for: text, db: db)
  }

  /// Stored position ids to suggest from for an unknown `id`: all of them in a store of curated
  /// size (`complete`); in a very large one only ids sharing its first characters, so a stream
  /// full of mistakes stays fast.
  func positionIds(near id: String) throws -> (ids: [String], complete: Bool) {
    let stored = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM position") ?? 0
    if stored <= 20_000 {
      return (try String.fetchAll(db, sql: "SELECT id FROM position"), true)
    }
    let ids = try String.fetchAll(
      db, sql: "SELECT id FROM position WHERE id LIKE ? ESCAPE '\\' LIMIT 50",
      arguments: [ParleyStore.escapeLike(String(id.prefix(8))) + "%"])
    return (ids, false)
  }
}

// MARK: - Machine-coded records

extension StoreLookups {
  /// The stored mark of a machine-coded record, if it has one.
  func machineCodedMark(_ record: MachineCodedRecord, _ id: String) throws -> MachineCodedMark? {
    try MachineCodedMark.fetchOne(
      db.cachedStatement(
        sql: "SELECT * FROM machineCoded WHERE recordKind = ? AND recordId = ?"),
      arguments: [record.rawValue, id])
  }

  /// The revision that recorded a party, document, statement or position, or nil when the
  /// store has none under the id.
  func revisionRecording(_ record: MachineCodedRecord, _ id: String) throws -> Int64? {
    let sql =
      switch record {
      case .party: "SELECT recordedIn FROM party WHERE id = ?"
      case .document: "SELECT recordedIn FROM document WHERE id = ?"
      case .statement: "SELECT recordedIn FROM statement WHERE id = ?"
      case .position: "SELECT recordedIn FROM position WHERE id = ?"
      }
    return try Int64.fetchOne(db.cachedStatement(sql: sql), arguments: [id])
  }

  /// The stored event of a source under its event id.
  func importedEvent(source: String, eventId: String) throws -> ImportedEvent? {
    try ImportedEvent.fetchOne(
      db.cachedStatement(sql: "SELECT * FROM importedEvent WHERE source = ? AND eventId = ?"),
      arguments: [source, eventId])
  }
}
