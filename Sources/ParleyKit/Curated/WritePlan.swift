/// The rows one unit of a load will write, computed before anything is written.
struct WritePlan {
  var parties: [Party] = []
  var aliases: [PartyAlias] = []
  var affiliations: [Affiliation] = []
  var retiredAffiliations: [Int64] = []
  var issues: [Issue] = []
  var documents: [Document] = []
  var statements: [Statement] = []
  var positions: [Position] = []
  var targets: [PositionTarget] = []
  var conditions: [PositionCondition] = []
  /// Further holders and slots of new positions (`held_with`, `also_on`).
  var coHolders: [PositionCoHolder] = []
  var alsoOn: [PositionAlsoOn] = []
  var evidence: [Evidence] = []
  var relations: [PositionRelation] = []
  var terms: [PositionTerm] = []
  var outcomes: [PositionOutcome] = []
  var evidenceQuotes: [EvidenceQuote] = []
  /// Current evidence quotes a new one replaces: (position, statement).
  var retiredEvidenceQuotes: [(position: String, statement: String)] = []
  var statementSources: [StatementSource] = []
  /// Records marked as machine-coded, and the imported events they were made from.
  var machineCodedMarks: [MachineCodedMark] = []
  var importedEvents: [ImportedEvent] = []

  var isEmpty: Bool {
    let facts =
      parties.isEmpty && aliases.isEmpty && affiliations.isEmpty && issues.isEmpty
      && documents.isEmpty && statements.isEmpty && positions.isEmpty && evidence.isEmpty
    let changes =
      relations.isEmpty && retiredAffiliations.isEmpty && terms.isEmpty && outcomes.isEmpty
      && evidenceQuotes.isEmpty && statementSources.isEmpty && coHolders.isEmpty
      && alsoOn.isEmpty
    return facts && changes && machineCodedMarks.isEmpty && importedEvents.isEmpty
  }

  /// Rows added, by kind, as ``LoadReport/added`` counts them (kinds with none left out).
  var addedCounts: [(kind: String, count: Int)] {
    let counts: [(kind: String, count: Int)] = [
      ("parties", parties.count), ("aliases", aliases.count),
      ("affiliations", affiliations.count), ("issues", issues.count),
      ("documents", documents.count), ("statements", statements.count),
      ("positions", positions.count), ("evidence", evidence.count),
      ("relations", relations.count), ("outcomes", outcomes.count),
      ("evidence quotes", evidenceQuotes.count), ("further sources", statementSources.count),
      ("machine-coded marks", machineCodedMarks.count), ("imported events", importedEvents.count),
    ]
    return counts.filter { $0.count > 0 }
  }
}

/// The valid-time interval and status of a position: what a ``PositionVersion`` row holds
/// besides its record time.
struct VersionState: Equatable {
  var validFrom: Int
  var validFromPrecision: DatePrecision
  var validTo: Int?
  var validToPrecision: DatePrecision?
  var status: PositionStatus
  var statusReason: String?
  /// The statement that says the interval ended, if one does.
  var endStatementId: String? = nil

  init(
    validFrom: Int, validFromPrecision: DatePrecision, validTo: Int?,
    validToPrecision: DatePrecision?, status: PositionStatus, statusReason: String?,
    endStatementId: String? = nil
  ) {
    self.validFrom = validFrom
    self.validFromPrecision = validFromPrecision
    self.validTo = validTo
    self.validToPrecision = validToPrecision
    self.status = status
    self.statusReason = statusReason
    self.endStatementId = endStatementId
  }

  init(_ version: PositionVersion) {
    validFrom = version.validFrom
    validFromPrecision = version.validFromPrecision
    validTo = version.validTo
    validToPrecision = version.validToPrecision
    status = version.status
    statusReason = version.statusReason
    endStatementId = version.endStatementId
  }

  /// An active position over `[from, to)`.
  init(from: PartialDate, to: PartialDate?) {
    validFrom = from.firstDay
    validFromPrecision = from.precision
    validTo = to?.firstDay
    validToPrecision = to?.precision
    status = .active
  }

  /// The state in seven columns of the current row, from `first` on: validFrom,
  /// validFromPrecision, validTo, validToPrecision, status, statusReason, endStatementId.
  init(_ row: RawStatement, from first: Int32) {
    self.init(
      validFrom: row.int(first) ?? 0,
      validFromPrecision: row.string(first + 1).flatMap(DatePrecision.init(rawValue:)) ?? .day,
      validTo: row.int(first + 2),
      validToPrecision: row.string(first + 3).flatMap(DatePrecision.init(rawValue:)),
      status: row.string(first + 4).flatMap(PositionStatus.init(rawValue:)) ?? .active,
      statusReason: row.string(first + 5), endStatementId: row.string(first + 6))
  }

  /// Whether the interval has an end that only a deprecation can change: a supersession, a
  /// withdrawal, a fulfilment or a declared expiry.
  ///
  /// An end set by a term or an explicit `valid_to` (status still `active`) may be brought forward.
  var hasFinalEnd: Bool {
    validTo != nil && (status.isFinalEnd || status == .expired) || status == .deprecated
  }

  /// The version row that records this state for `positionId` in `revision`.
  func version(of positionId: String, recordedIn revision: Int64) -> PositionVersion {
    PositionVersion(
      id: nil, positionId: positionId, validFrom: validFrom,
      validFromPrecision: validFromPrecision, validTo: validTo,
      validToPrecision: validToPrecision, status: status, statusReason: statusReason,
      endStatementId: endStatementId, recordedIn: revision, retiredIn: nil)
  }

  /// Whether two intervals share a day (both are half-open).
  func overlaps(_ other: VersionState) -> Bool {
    validFrom < (other.validTo ?? Int.max) && other.validFrom < (validTo ?? Int.max)
  }
}

/// The interval and status a load sets for a position, and where that was asked for.
struct PlannedState {
  var state: VersionState
  var location: SourcePlace
  /// Whether the position itself is new in this unit.
  var isNew: Bool
}
