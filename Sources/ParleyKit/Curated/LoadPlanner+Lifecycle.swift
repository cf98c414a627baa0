// The lifecycle of positions: supersession, withdrawal, deprecation. These are the only ways a
// load changes the interval or status of a position that already exists.
extension LoadPlanner {
  /// Closes `old`'s interval on the day `new` starts and marks it superseded, after checking
  /// that both are held by the same party on the same issue.
  mutating func planSupersession(of old: Located<String>, by new: Located<String>) throws {
    guard let newState = try currentState(new.value), let newFacts = try positionFacts(new.value),
      let oldFacts = try positionFacts(old.value)
    else { return }
    if oldFacts.holder != newFacts.holder || oldFacts.issue != newFacts.issue {
      report(old.location, .supersedesAnotherSlot(old.value, oldFacts, by: new.value, newFacts))
      return
    }
    guard var state = try currentState(old.value) else { return }
    if newState.validFrom <= state.validFrom {
      report(old.location, .supersedesLaterPosition(old.value, by: new.value))
      return
    }
    if let end = state.validTo, end != newState.validFrom {
      report(
        old.location,
        .supersedesEndedPosition(
          old.value,
          endedOn: PartialDate(storedValue: end, precision: state.validToPrecision ?? .day)
        ))
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

  mutating func planWithdrawal(_ withdrawal: CuratedWithdrawal) throws {
    guard try requirePosition(withdrawal.position),
      var state = try currentState(withdrawal.position.value)
    else { return }
    if let statement = withdrawal.statement,
      !isDefinedInOrder(batchStatements[statement.value]?.place, statement),
      try !store.isStored(.statement, statement.value)
    {
      report(statement.location, .unknownStatement(statement.value))
    }
    let on = withdrawal.on.value
    if on.firstDay <= state.validFrom {
      report(
        withdrawal.on.location,
        .withdrawnBeforeStart(
          on, start: PartialDate(storedValue: state.validFrom, precision: state.validFromPrecision))
      )
      return
    }
    state.validTo = on.firstDay
    state.validToPrecision = on.precision
    state.status = .withdrawn
    state.statusReason =
      withdrawal.statement.map { "withdrawn, per statement \($0.value)" } ?? "withdrawn"
    setState(withdrawal.position.value, state, withdrawal.position.place)
  }

  mutating func planDeprecation(_ deprecation: CuratedDeprecation) throws {
    guard try requirePosition(deprecation.position),
      var state = try currentState(deprecation.position.value)
    else { return }
    state.status = .deprecated
    state.statusReason = deprecation.reason
    setState(deprecation.position.value, state, deprecation.position.place)
  }

  /// Sets the interval and status a position has after this load.
  private mutating func setState(
    _ positionId: String, _ state: VersionState, _ location: SourcePlace
  ) {
    let isNew = desiredStates[positionId]?.isNew ?? false
    desiredStates[positionId] = PlannedState(state: state, location: location, isNew: isNew)
  }
}
