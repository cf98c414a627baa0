// Statements: their quote, the party they speak for, and what they are evidence for.
extension LoadPlanner {
  mutating func planStatement(_ statement: CuratedStatement, in document: CuratedDocument) throws {
    guard batchStatements[statement.id.value]?.place == statement.id.place
    else { return }
    if let speaker = statement.speaker { try requireParty(speaker) }
    let onBehalfOf = try resolveOnBehalfOf(statement)
    batchStatements[statement.id.value]?.onBehalfOf = onBehalfOf
    if let published = document.published, statement.said.firstDay > published.lastDay {
      warn(
        statement.saidLocation.location,
        .saidAfterPublished(statement.id.value, said: statement.said, published: published))
    }

    let quoteStart = checkQuote(statement, in: document)
    let quote = statement.quote?.value
    let record = Statement(
      id: statement.id.value, documentId: document.id.value, speakerId: statement.speaker?.value,
      onBehalfOfId: onBehalfOf ?? "", saidOn: statement.said.firstDay,
      saidPrecision: statement.said.precision, dateBasis: statement.dateBasis, quote: quote,
      quoteStart: quoteStart,
      quoteEnd: quoteStart.flatMap { start in quote.map { start + $0.unicodeScalars.count } },
      attribution: statement.attribution, recordedIn: revision)
    checkSupportQuotes(statement, in: document)
    guard onBehalfOf != nil else { return }
    if try compareWithStored(record, id: statement.id) == .absent {
      plan.statements.append(record)
      newStatements.insert(record.id)
    }
    for source in statement.alsoReportedIn {
      try planFurtherSource(source, of: statement.id.value, document: document.id.value)
    }
  }

  /// The words each support says bear on its position: at most 25, verbatim in the text.
  private mutating func checkSupportQuotes(
    _ statement: CuratedStatement, in document: CuratedDocument
  ) {
    for support in statement.supports {
      let quote: Located<String>?
      switch support {
      case .existing(_, _, let given): quote = given
      case .new(let position): quote = position.evidenceQuote
      }
      guard let quote, quote.value != EvidenceQuote.withheld else { continue }
      let words = quote.value.wordCount
      if words == 0 {
        report(quote.location, .emptyQuote)
      } else if words > 25 {
        report(quote.location, .quoteTooLong(quote.value, words: words))
      } else if let text = document.text, text.scalarOffsets(of: quote.value).isEmpty {
        report(quote.location, .quoteNotInText(quote.value, document: document.id.value))
      }
    }
  }

  /// Records another document that reports the statement.
  private mutating func planFurtherSource(
    _ document: Located<String>, of statement: String, document own: String
  ) throws {
    if document.value == own {
      report(document.location, .furtherSourceIsOwnDocument(document.value))
      return
    }
    let known =
      try isDefinedInOrder(batchDocuments[document.value], document)
      || store.isStored(.document, document.value)
    guard known else {
      report(document.location, .unknownDocument(document.value))
      return
    }
    let stored =
      try !newStatements.contains(statement)
      && store.statementSourceStored(statement: statement, document: document.value)
    if !stored {
      plan.statementSources.append(
        StatementSource(
          statementId: statement, documentId: document.value, recordedIn: revision, retiredIn: nil))
    }
  }

  /// Checks a statement's quote, and returns its offset: given, or found in the text.
  ///
  /// The quote has at most 25 words and, when the document's text is at hand, occurs there
  /// (where `quote_start` says, if given).
  private mutating func checkQuote(_ statement: CuratedStatement, in document: CuratedDocument)
    -> Int?
  {
    var quoteStart = statement.quoteStart?.value
    guard let located = statement.quote else {
      if let given = statement.quoteStart {
        report(given.location, .quoteStartWithoutQuote)
      }
      return quoteStart
    }
    let quote = located.value
    let words = quote.wordCount
    if words == 0 {
      report(located.location, .emptyQuote)
      return nil
    }
    if words > 25 {
      report(located.location, .quoteTooLong(quote, words: words))
    }
    if let start = quoteStart, start < 0 {
      report(statement.quoteStart!.location, .negativeQuoteStart(start))
    }
    if let text = document.text {
      let offsets = text.scalarOffsets(of: quote)
      if offsets.isEmpty {
        report(located.location, .quoteNotInText(quote, document: document.id.value))
      } else if let given = statement.quoteStart, !offsets.contains(given.value) {
        report(given.location, .quoteNotAtStart(given.value, occursAt: offsets))
      } else if quoteStart == nil {
        quoteStart = offsets[0]
      }
    }
    return quoteStart
  }

  /// The party a statement speaks for: given, or the speaker's affiliation on the day said.
  private mutating func resolveOnBehalfOf(_ statement: CuratedStatement) throws -> String? {
    if let given = statement.onBehalfOf {
      return try requireParty(given) ? given.value : nil
    }
    guard let speaker = statement.speaker else {
      report(statement.id.location, .noSpeakerNorOnBehalfOf(statement: statement.id.value))
      return nil
    }
    let day = statement.said.firstDay
    var parties = Set<String>()
    if let party = batchParties[speaker.value] {
      for affiliation in party.affiliations
      where (affiliation.from?.firstDay ?? Int.min) <= day
        && day < (affiliation.to?.firstDay ?? Int.max)
      {
        parties.insert(affiliation.party.value)
      }
    }
    for affiliation in try store.affiliations(of: speaker.value)
    where affiliation.holds(onDay: day) {
      parties.insert(affiliation.partyId)
    }
    if parties.count == 1 { return parties.first }
    report(
      speaker.location,
      parties.isEmpty
        ? .speakerWithoutAffiliation(speaker.value, on: statement.said)
        : .speakerForSeveralParties(speaker.value, on: statement.said, parties: parties.sorted()))
    return nil
  }

  /// The positions a statement introduces or cites, and its evidence links to them.
  mutating func planStatementSupports(_ statement: CuratedStatement) throws {
    guard batchStatements[statement.id.value]?.place == statement.id.place
    else { return }
    let onBehalfOf = batchStatements[statement.id.value]?.onBehalfOf
    for support in statement.supports {
      switch support {
      case .new(let position):
        guard batchPositions[position.id.value]?.location == position.location else {
          continue
        }
        try planPosition(position, statement: statement, onBehalfOf: onBehalfOf)
        if let onBehalfOf, let facts = try positionFacts(position.id.value) {
          try checkSameSide(
            statement: statement, onBehalfOf: onBehalfOf, holders: facts.holders,
            position: position.id)
        }
        try planEvidence(position.id, statement: statement.id, role: .supports)
        try planEvidenceQuote(
          position.evidenceQuote, position: position.id, statement: statement.id)
      case .existing(let positionId, let role, let quote):
        if try requirePosition(positionId) {
          if role == .supports, let onBehalfOf, let facts = try positionFacts(positionId.value) {
            try checkSameSide(
              statement: statement, onBehalfOf: onBehalfOf, holders: facts.holders,
              position: positionId)
          }
          if role == .supports {
            plannedRestatements.append((positionId, statement.id.value, statement.said))
          }
          try planEvidence(positionId, statement: statement.id, role: role)
          try planEvidenceQuote(quote, position: positionId, statement: statement.id)
        }
      }
    }
  }

  /// A statement supports (states or restates) only positions of the party it speaks for, or
  /// of a party that one is part of or contains; anyone else's word is a reaction with a role.
  ///
  /// A joint position may be supported on behalf of any of its holders (`holders`, the primary
  /// first).
  mutating func checkSameSide(
    statement: CuratedStatement, onBehalfOf: String, holders: [String], position: Located<String>
  ) throws {
    guard let primary = holders.first, !holders.contains(onBehalfOf) else { return }
    let speakerLine = try ancestors(of: onBehalfOf)
    for holder in holders {
      if try speakerLine.contains(holder) || ancestors(of: holder).contains(onBehalfOf) { return }
    }
    report(
      position.location,
      .supportsAnotherSide(
        statement: statement.id.value, speaksFor: onBehalfOf, position: position.value,
        holder: holders.count == 1 ? primary : holders.joined(separator: " and ")))
  }

  /// The party and the parties it is part of, from this load and the store.
  func ancestors(of party: String) throws -> [String] {
    var line = [party]
    var current = party
    for _ in 0..<10 {
      let parent: String?
      if let batch = batchParties[current] {
        parent = batch.parent?.value
      } else {
        parent = try store.parent(ofParty: current)
      }
      guard let parent, !line.contains(parent) else { break }
      line.append(parent)
      current = parent
    }
    return line
  }

  /// The words this evidence link shows: new, the same as stored (nothing to do), or a
  /// correction that retires the stored ones.
  private mutating func planEvidenceQuote(
    _ quote: Located<String>?, position: Located<String>, statement: Located<String>
  ) throws {
    guard let quote else { return }
    let isNew = newStatements.contains(statement.value) || newPositions.contains(position.value)
    let stored =
      isNew ? nil : try store.evidenceQuote(position: position.value, statement: statement.value)
    if stored == quote.value { return }
    if stored != nil {
      plan.retiredEvidenceQuotes.append((position.value, statement.value))
    }
    plan.evidenceQuotes.append(
      EvidenceQuote(
        positionId: position.value, statementId: statement.value, quote: quote.value,
        recordedIn: revision, retiredIn: nil))
  }

  private mutating func planEvidence(
    _ position: Located<String>, statement: Located<String>, role: EvidenceRole
  ) throws {
    // A statement this unit adds cannot be stored evidence yet.
    let existing =
      newStatements.contains(statement.value)
      ? nil : try store.evidenceRole(position: position.value, statement: statement.value)
    if let existing {
      if existing != role {
        report(
          position.location,
          .evidenceRoleChanged(
            statement: statement.value, position: position.value, stored: existing, given: role))
      }
      return
    }
    if !plannedEvidence.insert(
      PlannedEvidence(position: position.value, statement: statement.value)
    )
    .inserted {
      report(
        position.location, .citedTwice(statement: statement.value, position: position.value))
      return
    }
    plan.evidence.append(
      Evidence(
        positionId: position.value, statementId: statement.value, role: role, recordedIn: revision))
  }
}
