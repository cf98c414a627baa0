/// What a problem found by the loader says: one sentence naming the value, what is wrong with it
/// and what was expected.
///
/// Every message the planner reports is a named constructor below, so the wording lives in one
/// place and a call site reads as what it found (`report(id.place, .unknownParty(...))`). The
/// model is swift-format's `Finding.Message` extensions.
struct LoadMessage: Equatable {
  var text: String

  init(_ text: String) { self.text = text }
}

/// The kinds of record a curated file defines by id, as messages name them.
enum RecordKind: String {
  case party, issue, document, statement, position
}

/// A hint after "expected a … id": the closest known id, or the party a name is an alias of.
enum IdSuggestion: Equatable {
  case none
  /// ", such as 'id'".
  case closest(String)
  /// "; 'value' is an alias of 'party'".
  case alias(String, of: String)

  var text: String {
    switch self {
    case .none: ""
    case .closest(let id): ", such as \(quoted(id))"
    case .alias(let alias, let party): "; \(quoted(alias)) is an alias of \(quoted(party))"
    }
  }
}

// MARK: - Ids and references

extension LoadMessage {
  static func definedTwice(_ id: String, _ kind: RecordKind, firstAt first: SourcePlace)
    -> LoadMessage
  {
    LoadMessage(
      "\(quoted(id)) is defined twice in this load (first at \(first.file):\(first.line):\(first.column); expected each \(kind.rawValue) id once)"
    )
  }

  /// A record that an earlier unit of the same load (an earlier block of a stream, or an
  /// earlier file) already defined.
  static func definedInEarlierUnit(_ id: String, _ kind: RecordKind) -> LoadMessage {
    LoadMessage(
      "\(quoted(id)) is defined twice in this load (first in an earlier file or on an earlier line; expected each \(kind.rawValue) id once)"
    )
  }

  /// A reference to a record that a stream defines only on a later line.
  static func definedLater(_ id: String, _ kind: RecordKind, onLine line: Int) -> LoadMessage {
    LoadMessage(
      "\(quoted(id)) is a \(kind.rawValue) defined only later, on line \(line) (expected each line of a stream to refer only to itself, earlier lines and the store)"
    )
  }

  static func unknownParty(_ id: String, _ suggestion: IdSuggestion) -> LoadMessage {
    LoadMessage("\(quoted(id)) is not a known party (expected a party id\(suggestion.text))")
  }

  static func unknownIssue(_ id: String, _ suggestion: IdSuggestion) -> LoadMessage {
    LoadMessage("\(quoted(id)) is not a known issue (expected an issue id\(suggestion.text))")
  }

  static func unknownPosition(_ id: String, _ suggestion: IdSuggestion) -> LoadMessage {
    LoadMessage(
      "\(quoted(id)) is not a known position (expected the id of a position in the store or in this load\(suggestion.text))"
    )
  }

  static func unknownStatement(_ id: String) -> LoadMessage {
    LoadMessage("\(quoted(id)) is not a known statement (expected a statement id)")
  }

  /// A record whose id is stored with other content; `fields` are the curated format's names.
  static func differsFromStored(_ kind: RecordKind, _ id: String, fields: [String])
    -> LoadMessage
  {
    let fix =
      kind == .position
      ? "give a new id, and use 'supersedes' to replace the old position or 'deprecations' to mark it wrong"
      : "give the changed \(kind.rawValue) a new id"
    return LoadMessage(
      "\(kind.rawValue) \(quoted(id)) is already in the store with a different \(fields.joined(separator: ", ")) (expected the same record: ids are permanent; \(fix))"
    )
  }
}

// MARK: - Parties, issues, documents

extension LoadMessage {
  static func parentCycle(_ chain: [String]) -> LoadMessage {
    LoadMessage(
      "\(quoted(chain[1])) would make \(quoted(chain[0])) its own ancestor: \(chain.joined(separator: " → ")) (expected a parent outside this chain)"
    )
  }

  static func affiliationTwice(
    person: String, party: String, role: String, from: PartialDate?, firstAt first: SourcePlace
  ) -> LoadMessage {
    LoadMessage(
      "\(quoted(person)) is given the role \(quoted(role)) for \(party) from \(from?.description ?? "the start") twice (first at line \(first.location.line)) (expected each role once)"
    )
  }

  static func furtherSourceIsOwnDocument(_ id: String) -> LoadMessage {
    LoadMessage(
      "\(quoted(id)) is the statement's own document (expected another document that reports it)")
  }

  static func unknownDocument(_ id: String) -> LoadMessage {
    LoadMessage(
      "\(quoted(id)) is not a known document (expected a document id defined in this load or stored)"
    )
  }

  static var emptyQuote: LoadMessage {
    LoadMessage(
      "is empty (expected the speaker's words, verbatim; leave `quote` out for a reported statement whose source gives none)"
    )
  }

  static func partyIsItsOwnParent(_ id: String) -> LoadMessage {
    LoadMessage("\(quoted(id)) is the party itself (expected another party)")
  }

  static func affiliationsOfNonPerson(_ id: String, kind: PartyKind) -> LoadMessage {
    LoadMessage(
      "\(quoted(id)) has affiliations but is a \(kind.rawValue) (expected kind 'person')")
  }

  static func missingParentIssue(_ id: String, parent: String) -> LoadMessage {
    LoadMessage(
      "\(quoted(id)) has no parent issue \(quoted(parent)) (expected the parent to be in the store or defined in this load)"
    )
  }

  static func textDigestMismatch(_ given: String, computed: String) -> LoadMessage {
    LoadMessage(
      "\(quoted(given)) does not match the SHA-256 of text_file (expected \(computed))")
  }
}

// MARK: - Statements and evidence

extension LoadMessage {
  static func quoteTooLong(_ quote: String, words: Int) -> LoadMessage {
    LoadMessage(
      "\(quoted(quote)) has \(words) words (expected a verbatim quote of at most 25 words)")
  }

  static func negativeQuoteStart(_ start: Int) -> LoadMessage {
    LoadMessage("\(start) is negative (expected an offset from 0)")
  }

  static func quoteNotInText(_ quote: String, document: String) -> LoadMessage {
    LoadMessage(
      "\(quoted(quote)) does not occur in the text of document \(quoted(document)) (expected a verbatim quote)"
    )
  }

  static func quoteNotAtStart(_ start: Int, occursAt offsets: [Int]) -> LoadMessage {
    LoadMessage(
      "\(start) is not where the quote occurs in the text (expected \(offsets.map(String.init).joined(separator: " or ")))"
    )
  }

  static let quoteStartWithoutQuote = LoadMessage(
    "is given without a quote (expected 'quote' too)")

  static func noSpeakerNorOnBehalfOf(statement: String) -> LoadMessage {
    LoadMessage(
      "statement \(quoted(statement)) has neither a speaker nor 'on_behalf_of' (expected on_behalf_of for an unnamed source)"
    )
  }

  static func speakerWithoutAffiliation(_ speaker: String, on day: PartialDate) -> LoadMessage {
    LoadMessage(
      "speaker \(quoted(speaker)) has no affiliation on \(day) (expected 'on_behalf_of' to say whom the speaker spoke for)"
    )
  }

  static func speakerForSeveralParties(_ speaker: String, on day: PartialDate, parties: [String])
    -> LoadMessage
  {
    LoadMessage(
      "speaker \(quoted(speaker)) speaks for several parties on \(day): \(parties.joined(separator: ", ")) (expected 'on_behalf_of' to choose one)"
    )
  }

  static func supportsAnotherSide(
    statement: String, speaksFor party: String, position: String, holder: String
  ) -> LoadMessage {
    LoadMessage(
      "statement \(quoted(statement)) speaks for \(party) but supports \(quoted(position)), a position held by \(holder) (expected a statement for \(holder); another party's statement is cited with 'role: corroborates', 'disputes' or 'no-comment')"
    )
  }

  static func evidenceRoleChanged(
    statement: String, position: String, stored: EvidenceRole, given: EvidenceRole
  ) -> LoadMessage {
    LoadMessage(
      "statement \(quoted(statement)) is already evidence for \(quoted(position)) with role '\(stored.rawValue)' (expected the same role, '\(given.rawValue)' was given)"
    )
  }

  static func citedTwice(statement: String, position: String) -> LoadMessage {
    LoadMessage(
      "statement \(quoted(statement)) cites \(quoted(position)) twice (expected each position once per statement)"
    )
  }
}

// MARK: - Positions and relations

extension LoadMessage {
  static func positionWithoutHolder(_ id: String) -> LoadMessage {
    LoadMessage("position \(quoted(id)) has no holder (expected 'holder')")
  }

  static func endNotAfterStart(_ end: PartialDate, start: PartialDate) -> LoadMessage {
    LoadMessage(
      "\(quoted(end.description)) is not after valid_from \(start) (expected an end after the start; intervals are [from, to))"
    )
  }

  static func otherTargetsOrConditions(_ id: String) -> LoadMessage {
    LoadMessage(
      "position \(quoted(id)) is already in the store with other targets or conditions (expected the same record; to change a position, give a new id with 'supersedes')"
    )
  }

  /// A stored position given again with other joint holders or further slots.
  static func otherJointHoldersOrSlots(_ id: String) -> LoadMessage {
    LoadMessage(
      "position \(quoted(id)) is already in the store with other 'held_with' or 'also_on' (expected the same record; to change a position, give a new id with 'supersedes')"
    )
  }

  /// A joint holder or further slot that repeats the position's own holder or issue.
  static func repeatsPrimary(_ id: String, field: String, primary: String) -> LoadMessage {
    let (own, further) =
      field == "held_with"
      ? ("holder", "parties holding it jointly") : ("issue", "issues it bears on")
    return LoadMessage(
      "\(quoted(id)) in '\(field)' is the position's own \(own) (expected only further \(further) besides \(quoted(primary)))"
    )
  }

  /// A joint holder or further slot listed twice.
  static func listedTwice(_ id: String, field: String) -> LoadMessage {
    LoadMessage("\(quoted(id)) is listed twice in '\(field)' (expected each id once)")
  }

  static func restates(_ id: String, _ other: String) -> LoadMessage {
    LoadMessage(
      "position \(quoted(id)) repeats \(quoted(other)) (same holder, issue, key and kind over overlapping dates); cite \(quoted(other)) to restate it, or use 'supersedes' to replace it"
    )
  }

  static func relatesToItself(_ id: String) -> LoadMessage {
    LoadMessage("\(quoted(id)) relates to itself (expected another position)")
  }
}

// MARK: - Lifecycle

extension LoadMessage {
  static func supersedesAnotherSlot(
    _ old: String, _ oldFacts: PositionFacts, by new: String, _ newFacts: PositionFacts
  ) -> LoadMessage {
    LoadMessage(
      "\(quoted(old)) is held by \(oldFacts.holders.joined(separator: ", ")) on \(oldFacts.issues.joined(separator: ", ")) (expected the same holder and issue as \(quoted(new)): \(newFacts.holders.joined(separator: ", ")) on \(newFacts.issues.joined(separator: ", ")))"
    )
  }

  static func supersedesLaterPosition(_ old: String, by new: String) -> LoadMessage {
    LoadMessage(
      "\(quoted(new)) starts on or before \(quoted(old)) does (expected the new position to start after the one it supersedes)"
    )
  }

  static func supersedesEndedPosition(_ old: String, endedOn end: PartialDate) -> LoadMessage {
    LoadMessage(
      "\(quoted(old)) already ended on \(end) (expected an open position to supersede)")
  }

  static func withdrawnBeforeStart(_ day: PartialDate, start: PartialDate) -> LoadMessage {
    LoadMessage(
      "\(quoted(day.description)) is not after the position began (expected a date after \(start))"
    )
  }
}

// MARK: - Lifecycle: ends, terms, outcomes

extension LoadMessage {
  static func alreadyEnded(_ id: String, _ state: VersionState) -> LoadMessage {
    let end = state.validTo.map {
      PartialDate(storedValue: $0, precision: state.validToPrecision ?? .day).description
    }
    let how =
      state.status == .deprecated
      ? "was deprecated (\(state.statusReason ?? "marked wrong"))"
      : "already ended on \(end ?? "?") (\(state.statusReason ?? state.status.rawValue))"
    return LoadMessage(
      "\(quoted(id)) \(how) (expected a position still held; an end is never moved: to correct it, deprecate the position and code it again under a new id)"
    )
  }

  static func supersededTwice(_ old: String, by new: String, earlier: String) -> LoadMessage {
    LoadMessage(
      "\(quoted(old)) is already superseded (\(earlier)); a position is superseded once (expected \(quoted(new)) to supersede the position that replaced it)"
    )
  }

  static func endAfterScheduledEnd(_ id: String, on day: PartialDate, scheduled: PartialDate)
    -> LoadMessage
  {
    LoadMessage(
      "\(quoted(id)) is held only until \(scheduled) (its term or valid_to), so it cannot end on \(day) (expected a day before \(scheduled))"
    )
  }

  static func endStatementForAnotherSide(
    statement: String, speaksFor: String, position: String, holder: String
  ) -> LoadMessage {
    LoadMessage(
      "statement \(quoted(statement)) speaks for \(speaksFor), but \(quoted(position)) is held by \(holder) (expected a statement by or for \(holder): another party cannot withdraw or fulfil its position)"
    )
  }

  static func dayBeforeStart(_ day: PartialDate, of id: String, start: PartialDate) -> LoadMessage {
    LoadMessage(
      "\(quoted(day.description)) is before \(quoted(id)) began on \(start) (expected a day on or after it)"
    )
  }

  static func restatedAfterEnd(_ id: String, statement: String, said: PartialDate, end: PartialDate)
    -> LoadMessage
  {
    LoadMessage(
      "statement \(quoted(statement)) of \(said) restates \(quoted(id)), which ended on \(end) (a statement said after the end usually means the position was taken up again: a new position; loaded as given)"
    )
  }

  static func saidAfterPublished(_ statement: String, said: PartialDate, published: PartialDate)
    -> LoadMessage
  {
    LoadMessage(
      "statement \(quoted(statement)) is dated \(said), after its document was published on \(published) (expected a day on or before publication: check 'said' and the document's 'published'; answers as published by a day go by the document's date; loaded as given)"
    )
  }

  static func termAndValidTo(_ id: String) -> LoadMessage {
    LoadMessage(
      "\(quoted(id)) gives both valid_to and a term (expected one of valid_to, term_days or in_force_until)"
    )
  }

  static func termAndInForceUntil(_ id: String) -> LoadMessage {
    LoadMessage(
      "\(quoted(id)) gives both term_days and in_force_until (expected one of them: the end of the period in force)"
    )
  }

  static func inForceBeforeAnnounced(_ day: PartialDate, start: PartialDate) -> LoadMessage {
    LoadMessage(
      "\(quoted(day.description)) is before the position was taken up on \(start) (expected the period in force to start on or after valid_from)"
    )
  }

  static func inForceUntilBeforeFrom(_ until: PartialDate, from: PartialDate) -> LoadMessage {
    LoadMessage(
      "\(quoted(until.description)) is before in_force_from \(from) (expected the last day in force on or after the first)"
    )
  }

  static func termOfStoredPositionDiffers(_ id: String) -> LoadMessage {
    LoadMessage(
      "position \(quoted(id)) is already in the store with another term or period in force (expected the same record; to change a position, give a new id with 'supersedes')"
    )
  }

  static func outcomeNotForKind(_ outcome: Outcome, kind: StanceKind, id: String) -> LoadMessage {
    let allowed = Outcome.allowed(for: kind).map(\.rawValue)
    return LoadMessage(
      "\(quoted(outcome.rawValue)) is not an outcome of \(quoted(id)), a \(kind.rawValue) (expected "
        + (allowed.isEmpty
          ? "a commitment, acceptance, proposal or threat: a \(kind.rawValue) has no outcome)"
          : "one of: \(allowed.joined(separator: ", ")))"))
  }

  static func outcomeDiffersFromStored(_ id: String, on day: PartialDate) -> LoadMessage {
    LoadMessage(
      "the outcome of \(quoted(id)) on \(day) is already in the store with another statement or note (expected the same record)"
    )
  }

  static func fulfilmentOfClaim(_ id: String) -> LoadMessage {
    LoadMessage(
      "\(quoted(id)) is a claim, which cannot be fulfilled (expected reason withdrawn or expired)")
  }
}
