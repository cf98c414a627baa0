// The lifecycle of positions: supersession, ends (withdrawn, expired, fulfilled), outcomes and
// deprecation. These are the only ways a load changes the interval or status of a position that
// already exists, and an end, once set, is never moved (only a term's scheduled end may be
// brought forward).
extension LoadPlanner {
  /// Closes `old`'s interval on the day `new` starts and marks it superseded, after checking
  /// that both are held by the same party on the same slot, or on a broader or narrower one.
  mutating func planSupersession(of old: Located<String>, by new: Located<String>) throws {
    guard let newState = try currentState(new.value), let newFacts = try positionFacts(new.value),
      let oldFacts = try positionFacts(old.value)
    else { return }
    // A joint or multi-issue position shares a side and a slot with another when one of its
    // holders and one of its slots are the other's.
    let relatedSlots = oldFacts.issues.contains { old in
      newFacts.issues.contains { new in
        old == new || old.hasPrefix(new + "/") || new.hasPrefix(old + "/")
      }
    }
    let sharedHolder = oldFacts.holders.contains { newFacts.holders.contains($0) }
    if !sharedHolder || !relatedSlots {
      report(old.location, .supersedesAnotherSlot(old.value, oldFacts, by: new.value, newFacts))
      return
    }
    guard var state = try currentState(old.value) else { return }
    if newState.validFrom <= state.validFrom {
      report(old.location, .supersedesLaterPosition(old.value, by: new.value))
      return
    }
    let planned = plannedRelations.contains(
      PlannedRelation(from: new.value, kind: .supersedes, to: old.value))
    let stored =
      try !newPositions.contains(new.value)
      && store.relationStored(from: new.value, kind: .supersedes, to: old.value)
    let alreadyLinked = planned || stored
    if state.status == .superseded && !alreadyLinked {
      report(
        old.location,
        .supersededTwice(old.value, by: new.value, earlier: state.statusReason ?? "superseded"))
      return
    }
    if state.hasFinalEnd && !alreadyLinked {
      report(old.location, .alreadyEnded(old.value, state))
      return
    }
    if let end = state.validTo, !alreadyLinked, end < newState.validFrom {
      // A scheduled end (a term, a valid_to) that came before the successor started.
      report(
        old.location,
        .supersedesEndedPosition(
          old.value,
          endedOn: PartialDate(storedValue: end, precision: state.validToPrecision ?? .day)))
      return
    }
    guard try requirePosition(old), try requirePosition(new) else { return }
    try planRelation(from: new, kind: .supersedes, to: old, note: nil)
    state.validTo = newState.validFrom
    state.validToPrecision = newState.validFromPrecision
    state.status = .superseded
    state.statusReason = "superseded by \(new.value)"
    setState(old.value, state, old.place)
  }

  /// Ends a position's interval on a day, for a reason: withdrawn (the default), expired or
  /// fulfilled, with the statement that says so.
  mutating func planWithdrawal(_ withdrawal: CuratedWithdrawal) throws {
    let id = withdrawal.position
    guard try requirePosition(id), var state = try currentState(id.value) else { return }
    let on = withdrawal.on.value
    let start = PartialDate(storedValue: state.validFrom, precision: state.validFromPrecision)
    let sameAsPlanned =
      state.validTo == on.firstDay && state.status == withdrawal.reason
      && (state.endStatementId == withdrawal.statement?.value || state.endStatementId == nil)
    if sameAsPlanned { return }  // loading the same end again changes nothing
    if state.hasFinalEnd {
      report(id.location, .alreadyEnded(id.value, state))
      return
    }
    if on.firstDay <= state.validFrom {
      report(withdrawal.on.location, .withdrawnBeforeStart(on, start: start))
      return
    }
    if let scheduled = state.validTo, on.firstDay > scheduled {
      report(
        withdrawal.on.location,
        .endAfterScheduledEnd(
          id.value, on: on,
          scheduled: PartialDate(storedValue: scheduled, precision: state.validToPrecision ?? .day))
      )
      return
    }
    if withdrawal.reason == .fulfilled, try positionKind(id.value) == .claim {
      report(id.location, .fulfilmentOfClaim(id.value))
      return
    }
    if let statement = withdrawal.statement {
      try checkEndStatement(statement, position: id)
    }
    state.validTo = on.firstDay
    state.validToPrecision = on.precision
    state.status = withdrawal.reason
    let per = withdrawal.statement.map { ", per statement \($0.value)" } ?? ""
    state.statusReason = withdrawal.reason.rawValue + per
    state.endStatementId = withdrawal.statement?.value
    setState(id.value, state, id.place)
  }

  /// Records what became of a commitment or a threat on a day.
  mutating func planOutcome(_ outcome: CuratedOutcome) throws {
    let id = outcome.position
    guard try requirePosition(id), let state = try currentState(id.value),
      let kind = try positionKind(id.value)
    else { return }
    if !Outcome.allowed(for: kind).contains(outcome.outcome.value) {
      report(
        outcome.outcome.location,
        .outcomeNotForKind(outcome.outcome.value, kind: kind, id: id.value))
      return
    }
    let on = outcome.on.value
    if on.lastDay < state.validFrom {
      report(
        outcome.on.location,
        .dayBeforeStart(
          on, of: id.value,
          start: PartialDate(storedValue: state.validFrom, precision: state.validFromPrecision)))
      return
    }
    if let statement = outcome.statement, !isKnownStatement(statement) {
      if try !store.isStored(.statement, statement.value) {
        report(statement.location, .unknownStatement(statement.value))
        return
      }
    }
    let record = PositionOutcome(
      id: nil, positionId: id.value, outcome: outcome.outcome.value, assessedOn: on.firstDay,
      assessedPrecision: on.precision, statementId: outcome.statement?.value, note: outcome.note,
      recordedIn: revision, retiredIn: nil)
    if plan.outcomes.contains(where: {
      $0.positionId == record.positionId && $0.assessedOn == record.assessedOn
        && $0.outcome == record.outcome
    }) {
      return
    }
    if !newPositions.contains(id.value),
      let stored = try store.outcome(ofPosition: id.value, on: on.firstDay, outcome: record.outcome)
    {
      if stored.statementId != record.statementId || stored.note != record.note {
        report(id.location, .outcomeDiffersFromStored(id.value, on: on))
      }
      return
    }
    plan.outcomes.append(record)
  }

  mutating func planDeprecation(_ deprecation: CuratedDeprecation) throws {
    guard try requirePosition(deprecation.position),
      var state = try currentState(deprecation.position.value)
    else { return }
    state.status = .deprecated
    state.statusReason = deprecation.reason
    setState(deprecation.position.value, state, deprecation.position.place)
  }

  /// Checks that no statement restates a position after its interval ended (in the store, or
  /// by a lifecycle change of this unit).
  mutating func checkRestatementDates() throws {
    for restatement in plannedRestatements {
      guard let state = try currentState(restatement.position.value), let end = state.validTo,
        state.status != .deprecated, restatement.said.firstDay > end
      else { continue }
      warn(
        restatement.position.location,
        .restatedAfterEnd(
          restatement.position.value, statement: restatement.statement, said: restatement.said,
          end: PartialDate(storedValue: end, precision: state.validToPrecision ?? .day)))
    }
    plannedRestatements.removeAll()
  }

  /// A position's term or period in force: the row to write, and the end of its interval.
  mutating func plannedTerm(
    _ position: CuratedPosition, from: PartialDate
  ) -> (term: PositionTerm?, end: PartialDate?) {
    guard position.termDays != nil || position.inForceFrom != nil || position.inForceUntil != nil
    else { return (nil, position.validTo?.value) }
    if position.validTo != nil {
      report(position.id.location, .termAndValidTo(position.id.value))
      return (nil, nil)
    }
    if position.termDays != nil && position.inForceUntil != nil {
      report(position.id.location, .termAndInForceUntil(position.id.value))
      return (nil, nil)
    }
    if let inForceFrom = position.inForceFrom, inForceFrom.value.firstDay < from.firstDay {
      report(inForceFrom.location, .inForceBeforeAnnounced(inForceFrom.value, start: from))
      return (nil, nil)
    }
    if let until = position.inForceUntil, until.value.lastDay < from.firstDay {
      report(until.location, .inForceUntilBeforeFrom(until.value, from: from))
      return (nil, nil)
    }
    if let until = position.inForceUntil, let inForceFrom = position.inForceFrom,
      until.value.lastDay < inForceFrom.value.firstDay
    {
      report(until.location, .inForceUntilBeforeFrom(until.value, from: inForceFrom.value))
      return (nil, nil)
    }
    var end: PartialDate?
    if let until = position.inForceUntil {
      end = PartialDate.dayAfter(until.value.lastDay)
    } else if let days = position.termDays {
      let start = position.inForceFrom?.value ?? from
      end = PartialDate.dayAfter(PartialDate.day(start.firstDay, plus: days.value - 1))
    }
    let term = PositionTerm(
      positionId: position.id.value, termDays: position.termDays?.value,
      inForceFrom: position.inForceFrom?.value.firstDay,
      inForceFromPrecision: position.inForceFrom?.value.precision,
      inForceUntil: position.inForceUntil?.value.firstDay,
      inForceUntilPrecision: position.inForceUntil?.value.precision, recordedIn: revision)
    return (term, end)
  }

  // MARK: - Private

  /// Sets the interval and status a position has after this load.
  private mutating func setState(
    _ positionId: String, _ state: VersionState, _ location: SourcePlace
  ) {
    let isNew = desiredStates[positionId]?.isNew ?? false
    desiredStates[positionId] = PlannedState(state: state, location: location, isNew: isNew)
  }

  private func isKnownStatement(_ statement: Located<String>) -> Bool {
    isDefinedInOrder(batchStatements[statement.value]?.place, statement)
  }

  /// The statement that ends a position must exist and speak for its holder's side.
  private mutating func checkEndStatement(_ statement: Located<String>, position: Located<String>)
    throws
  {
    let speaksFor: String?
    if isKnownStatement(statement) {
      speaksFor = batchStatements[statement.value]?.onBehalfOf
    } else if let facts = try store.statementFacts(statement.value) {
      speaksFor = facts.onBehalfOf
    } else {
      report(statement.location, .unknownStatement(statement.value))
      return
    }
    guard let speaksFor, let facts = try positionFacts(position.value),
      !facts.holders.contains(speaksFor)
    else { return }
    let holder = facts.holder
    let speakerLine = try ancestors(of: speaksFor)
    for holder in facts.holders {
      if try speakerLine.contains(holder) || ancestors(of: holder).contains(speaksFor) { return }
    }
    report(
      statement.location,
      .endStatementForAnotherSide(
        statement: statement.value, speaksFor: speaksFor, position: position.value, holder: holder))
  }

  /// The stance kind of a position of this unit or the store.
  private func positionKind(_ id: String) throws -> StanceKind? {
    if let kind = plan.positions.first(where: { $0.id == id })?.kind { return kind }
    return try store.record(Position.self, id: id)?.kind
  }
}

extension PartialDate {
  /// The day after `day` (`yyyymmdd`), as a day-precision date.
  static func dayAfter(_ day: Int) -> PartialDate {
    PartialDate(storedValue: PartialDate.day(day, plus: 1), precision: .day)
  }
}
