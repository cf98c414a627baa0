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
    if let term { plan.terms.append(term) }
    desiredStates[position.id.value] = PlannedState(
      state: VersionState(from: from, to: end), location: position.location, isNew: true)

    try planInlineRelations(position)
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
  /// interval overlaps its own (that is a restatement: cite the existing id). Run once every
  /// interval of the unit is known, so positions that follow each other in time are fine.
  mutating func checkRestatements() throws {
    for position in plan.positions[checkedPositions...] {
      let slot = Slot(
        holder: position.holderId, issue: position.issueId, key: position.propositionKey,
        kind: position.kind)
      defer { earlierBySlot[slot, default: []].append(position.id) }
      guard let state = desiredStates[position.id]?.state, state.status != .deprecated,
        let location = batchPositions[position.id]?.place
      else { continue }
      var candidates = earlierBySlot[slot] ?? []
      candidates += try store.sameSlotPositions(of: position)
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
