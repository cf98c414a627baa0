// Positions, the relations between them, and the restatement check.
extension LoadPlanner {
  mutating func planPosition(
    _ position: CuratedPosition, statement: CuratedStatement, onBehalfOf: String?
  ) throws {
    var holder = onBehalfOf
    if let given = position.holder {
      holder = try requireParty(given) ? given.value : nil
    }
    guard let holder else {
      if position.holder == nil && onBehalfOf == nil && statement.onBehalfOf == nil
        && statement.speaker == nil
      {
        report(position.location, .positionWithoutHolder(position.id.value))
      }
      return
    }
    batchPositions[position.id.value]?.holder = holder
    try requireIssue(position.issue)
    for target in position.target { try requireParty(target) }
    let (coHolders, alsoOn) = try plannedJointRows(position, holder: holder)

    let from = position.validFrom ?? statement.said
    if let to = position.validTo, to.value.firstDay <= from.firstDay {
      report(to.location, .endNotAfterStart(to.value, start: from))
    }
    let (term, end) = plannedTerm(position, from: from)
    let record = Position(
      id: position.id.value, holderId: holder, issueId: position.issue.value,
      propositionKey: position.key.value, proposition: position.proposition, kind: position.kind,
      polarity: position.polarity, modality: position.modality, note: position.note,
      recordedIn: revision)
    let targets = Set(position.target.map(\.value)).sorted().map {
      PositionTarget(positionId: position.id.value, partyId: $0)
    }
    let conditions = position.conditions.enumerated().map {
      PositionCondition(positionId: position.id.value, ordinal: $0.offset + 1, text: $0.element)
    }
    let stored = try compareWithStored(record, id: position.id)
    if stored == .definedInEarlierUnit { return }
    if stored != .absent {
      if stored == .same,
        try store.targets(ofPosition: position.id.value) != targets
          || store.conditions(ofPosition: position.id.value) != conditions
      {
        report(position.id.location, .otherTargetsOrConditions(position.id.value))
      }
      if stored == .same,
        try store.coHolders(ofPosition: position.id.value).map(\.partyId)
          != coHolders.map(\.partyId)
          || store.alsoOn(ofPosition: position.id.value).map(\.issueId) != alsoOn.map(\.issueId)
      {
        report(position.id.location, .otherJointHoldersOrSlots(position.id.value))
      }
      var storedTerm = try store.term(ofPosition: position.id.value)
      storedTerm?.recordedIn = revision
      if stored == .same, storedTerm != term {
        report(position.id.location, .termOfStoredPositionDiffers(position.id.value))
      }
      // An existing position keeps the interval and status the store has: only explicit
      // supersessions, withdrawals and deprecations change them.
      try planInlineRelations(position)
      return
    }
    plan.positions.append(record)
    newPositions.insert(record.id)
    plan.targets += targets
    plan.conditions += conditions
    plan.coHolders += coHolders
    plan.alsoOn += alsoOn
    if let term { plan.terms.append(term) }
    desiredStates[position.id.value] = PlannedState(
      state: VersionState(from: from, to: end), location: position.location, isNew: true)

    try planInlineRelations(position)
  }

  /// Checks a position's joint holders and further slots and plans their rows, sorted by id:
  /// each must be known, given once, and not the position's own holder or issue.
  private mutating func plannedJointRows(_ position: CuratedPosition, holder: String) throws
    -> ([PositionCoHolder], [PositionAlsoOn])
  {
    var parties: Set<String> = []
    for party in position.heldWith {
      if party.value == holder {
        report(party.location, .repeatsPrimary(party.value, field: "held_with", primary: holder))
      } else if !parties.insert(party.value).inserted {
        report(party.location, .listedTwice(party.value, field: "held_with"))
      } else {
        try requireParty(party)
      }
    }
    var issues: Set<String> = []
    for issue in position.alsoOn {
      if issue.value == position.issue.value {
        report(
          issue.location,
          .repeatsPrimary(issue.value, field: "also_on", primary: position.issue.value))
      } else if !issues.insert(issue.value).inserted {
        report(issue.location, .listedTwice(issue.value, field: "also_on"))
      } else {
        try requireIssue(issue)
      }
    }
    let id = position.id.value
    return (
      parties.sorted().map {
        PositionCoHolder(positionId: id, partyId: $0, recordedIn: revision, retiredIn: nil)
      },
      issues.sorted().map {
        PositionAlsoOn(positionId: id, issueId: $0, recordedIn: revision, retiredIn: nil)
      }
    )
  }

  private mutating func planInlineRelations(_ position: CuratedPosition) throws {
    for (targets, kind) in [
      (position.conditionalOn, RelationKind.conditionalOn), (position.contradicts, .contradicts),
      (position.respondsTo, .respondsTo),
    ] {
      for target in targets {
        try planRelation(from: position.id, kind: kind, to: target, note: nil)
      }
    }
    // A `supersedes` relation is planned by planSupersession, once it has been checked.
  }

  mutating func planRelation(
    from: Located<String>, kind: RelationKind, to: Located<String>, note: String?
  ) throws {
    guard try requirePosition(from), try requirePosition(to) else { return }
    if from.value == to.value {
      report(to.location, .relatesToItself(to.value))
      return
    }
    guard
      plannedRelations.insert(PlannedRelation(from: from.value, kind: kind, to: to.value)).inserted
    else { return }
    // A position this unit adds cannot have stored relations yet.
    let stored =
      try !newPositions.contains(from.value)
      && store.relationStored(from: from.value, kind: kind, to: to.value)
    if !stored {
      plan.relations.append(
        PositionRelation(
          fromPositionId: from.value, kind: kind, toPositionId: to.value, note: note,
          recordedIn: revision))
    }
  }

  /// Checks that no new position repeats an earlier one over overlapping dates.
  ///
  /// A new position must not repeat a position of the same holder, issue, key and kind whose
  /// interval overlaps its own (that is a restatement: cite the existing id). A joint or
  /// multi-issue position is checked for each of its holders and slots: a position one of its
  /// holders takes alone on one of its slots repeats it just the same. Run once every interval
  /// of the unit is known, so positions that follow each other in time are fine.
  mutating func checkRestatements() throws {
    for position in plan.positions[checkedPositions...] {
      let batch = batchPositions[position.id]
      var slots: [Slot] = []
      for holder in [position.holderId] + (batch?.coHolders ?? []) {
        for issue in [position.issueId] + (batch?.alsoOn ?? []) {
          slots.append(
            Slot(holder: holder, issue: issue, key: position.propositionKey, kind: position.kind))
        }
      }
      defer {
        for slot in slots { earlierBySlot[slot, default: []].append(position.id) }
      }
      guard let state = desiredStates[position.id]?.state, state.status != .deprecated,
        let location = batch?.place
      else { continue }
      var candidates: [String] = []
      for slot in slots {
        candidates += earlierBySlot[slot] ?? []
        candidates += try store.sameSlotPositions(
          holder: slot.holder, issue: slot.issue, key: slot.key, kind: slot.kind,
          excluding: position.id)
      }
      for other in candidates {
        guard let otherState = try currentState(other), otherState.status != .deprecated,
          state.overlaps(otherState),
          try !supersessionLinks(position.id, other)
        else { continue }
        report(location, .restates(position.id, other))
        break
      }
    }
    checkedPositions = plan.positions.count
  }

  /// A position's slot for the restatement check: holder, issue, proposition key and kind.
  struct Slot: Hashable {
    var holder: String
    var issue: String
    var key: String
    var kind: StanceKind
  }

  /// Whether either position supersedes the other, in this load or in the store.
  private func supersessionLinks(_ a: String, _ b: String) throws -> Bool {
    if plannedRelations.contains(PlannedRelation(from: a, kind: .supersedes, to: b))
      || plannedRelations.contains(PlannedRelation(from: b, kind: .supersedes, to: a))
    {
      return true
    }
    return try store.supersessionStored(a, b)
  }
}
