/// Checks one unit of a load (a batch of curated files, or a block of lines of a JSON Lines
/// stream) against itself and the store, and plans the rows it writes.
///
/// Every problem is collected, so one run reports them all. The planner only reads, and only
/// through ``StoreLookups``; "the store" includes what earlier units of the same load wrote. The
/// ``LoadSession`` writes the plan, and the intervals the planner sets (``desiredStates``) at the
/// end of the load.
///
/// The rules live in extensions by concern:
/// - `LoadPlanner+Definitions`: parties, issues, documents;
/// - `LoadPlanner+Statements`: statements, the party they speak for, evidence, the same-side rule;
/// - `LoadPlanner+Positions`: positions, relations, the restatement check;
/// - `LoadPlanner+Lifecycle`: supersessions, withdrawals, deprecations;
/// - `LoadPlanner+Lookups`: references, the comparison with stored records, suggestions;
/// - `LoadMessages`: the wording of every problem.
struct LoadPlanner {
  /// The store as earlier loads and earlier units of this load left it.
  let store: StoreLookups
  /// The revision this load writes.
  let revision: Int64
  /// Whether records may refer only to records on earlier lines (or the same line) of a file:
  /// true for JSON Lines streams, which are checked in blocks of lines.
  let streamOrder: Bool
  private(set) var problems: [LoadProblem] = []
  /// What looks wrong but may be right; reported without stopping the load.
  private(set) var warnings: [LoadProblem] = []
  var plan = WritePlan()

  // Definitions in this unit, by id.
  var batchParties: [String: CuratedParty] = [:]
  var batchIssues: [String: CuratedIssue] = [:]
  // Documents, statements and positions are kept by where they were defined and what the
  // checks need of them, not whole: a large unit looks them up many times.
  var batchDocuments: [String: SourcePlace] = [:]
  var batchStatements: [String: (place: SourcePlace, onBehalfOf: String?, said: PartialDate)] = [:]
  /// Restatements this unit plans (an existing position cited with `supports`), checked against
  /// the position's end once every lifecycle change of the unit is known.
  var plannedRestatements: [(position: Located<String>, statement: String, said: PartialDate)] = []
  var batchPositions: [String: BatchPosition] = [:]
  /// Machine-coded marks (by ``markKey(_:_:)``) and imported events (by source and event id)
  /// of this unit, where first given.
  var batchMarks: [String: (place: SourcePlace, source: MachineCodedSource)] = [:]
  var batchEvents: [String: SourcePlace] = [:]

  struct BatchPosition {
    /// Where its id was written, and where the position's mapping starts.
    var place: SourcePlace
    var location: SourcePlace
    var issue: String
    var holder: String?
    /// Further holders and slots (`held_with`, `also_on`), as given.
    var coHolders: [String] = []
    var alsoOn: [String] = []
  }

  /// Positions whose interval or status this unit sets, by id.
  var desiredStates: [String: PlannedState] = [:]
  var plannedRelations: Set<PlannedRelation> = []
  var plannedEvidence: Set<PlannedEvidence> = []

  struct PlannedRelation: Hashable {
    var from: String
    var kind: RelationKind
    var to: String
  }

  struct PlannedEvidence: Hashable {
    var position: String
    var statement: String
  }

  // Statements and positions this unit adds (so nothing about them can be stored yet).
  var newStatements: Set<String> = []
  var newPositions: Set<String> = []
  // The restatement check: positions already checked, and those planned so far by slot.
  var checkedPositions = 0
  var earlierBySlot: [Slot: [String]] = [:]

  init(store: StoreLookups, revision: Int64, streamOrder: Bool = false) {
    self.store = store
    self.revision = revision
    self.streamOrder = streamOrder
  }

  /// Checks and plans the whole unit.
  mutating func plan(_ files: [CuratedFile]) throws {
    collectDefinitions(files)
    for file in files {
      for party in file.parties { try planParty(party) }
    }
    for file in files {
      for issue in file.issues { try planIssue(issue) }
    }
    for file in files {
      for document in file.documents { try planDocument(document) }
    }
    if streamOrder {
      // Line by line: what a line supports, supersedes, withdraws or deprecates is seen by the
      // lines after it, never by those before it, wherever the block boundaries fall.
      for file in files { try planFacts([file]) }
    } else {
      try planFacts(files)
    }
    for file in files {
      for mark in file.machineCoded { try planMachineCodedMark(mark) }
    }
    for file in files {
      for event in file.importedEvents { try planImportedEvent(event) }
    }
  }

  /// Evidence, relations and lifecycle changes of `files`, then the restatement check of the
  /// positions they add.
  private mutating func planFacts(_ files: [CuratedFile]) throws {
    for file in files {
      for document in file.documents {
        for statement in document.statements { try planStatementSupports(statement) }
      }
    }
    for file in files {
      for relation in file.relations where relation.kind != .supersedes {
        try planRelation(
          from: relation.from, kind: relation.kind, to: relation.to, note: relation.note)
      }
    }
    for file in files {
      for document in file.documents {
        for statement in document.statements {
          for case .new(let position) in statement.supports {
            if let old = position.supersedes,
              batchPositions[position.id.value]?.location == position.location
            {
              try planSupersession(of: old, by: position.id)
            }
          }
        }
      }
      // A supersession written as a relation closes the old interval just the same.
      for relation in file.relations where relation.kind == .supersedes {
        try planSupersession(of: relation.to, by: relation.from)
      }
    }
    for file in files {
      for withdrawal in file.withdrawals { try planWithdrawal(withdrawal) }
      for outcome in file.outcomes { try planOutcome(outcome) }
      for deprecation in file.deprecations { try planDeprecation(deprecation) }
    }
    try checkRestatements()
    try checkRestatementDates()
  }

  /// Records the first definition of every id in the unit, reporting ids defined twice.
  private mutating func collectDefinitions(_ files: [CuratedFile]) {
    func isFirst(_ kind: RecordKind, _ id: Located<String>, earlier: SourcePlace?) -> Bool {
      guard let first = earlier else { return true }
      report(id.place, .definedTwice(id.value, kind, firstAt: first))
      return false
    }
    for file in files {
      for party in file.parties
      where isFirst(.party, party.id, earlier: batchParties[party.id.value]?.id.place) {
        batchParties[party.id.value] = party
      }
      for issue in file.issues
      where isFirst(.issue, issue.id, earlier: batchIssues[issue.id.value]?.id.place) {
        batchIssues[issue.id.value] = issue
      }
      for document in file.documents {
        if isFirst(.document, document.id, earlier: batchDocuments[document.id.value]) {
          batchDocuments[document.id.value] = document.id.place
        }
        for statement in document.statements
        where isFirst(
          .statement, statement.id,
          earlier: batchStatements[statement.id.value]?.place)
        {
          batchStatements[statement.id.value] = (statement.id.place, nil, statement.said)
          for case .new(let position) in statement.supports
          where isFirst(
            .position, position.id, earlier: batchPositions[position.id.value]?.place)
          {
            batchPositions[position.id.value] = BatchPosition(
              place: position.id.place, location: position.location, issue: position.issue.value,
              holder: nil, coHolders: position.heldWith.map(\.value),
              alsoOn: position.alsoOn.map(\.value))
          }
        }
      }
    }
  }

  // MARK: - Reporting

  mutating func report(_ location: SourceLocation, _ message: LoadMessage) {
    problems.append(LoadProblem(location: location, message: message.text))
  }

  mutating func report(_ place: SourcePlace, _ message: LoadMessage) {
    report(place.location, message)
  }

  mutating func warn(_ location: SourceLocation, _ message: LoadMessage) {
    warnings.append(LoadProblem(location: location, message: message.text))
  }
}
