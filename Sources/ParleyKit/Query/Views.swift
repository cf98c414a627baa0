/// A position as the read commands show it: its content, interval, status and evidence.
public struct PositionSummary: Sendable, Equatable, Encodable {
  public var id: String
  public var holder: String
  public var holderName: String
  public var kind: StanceKind
  public var issue: String
  public var issueLabel: String
  public var target: [String]
  public var proposition: String
  public var propositionKey: String
  public var polarity: Polarity
  public var modality: Modality
  public var conditions: [String]
  public var validFrom: PartialDate
  public var validTo: PartialDate?
  /// The status on the day asked (the as-of day, else today): `active` while held.
  public var status: PositionStatus
  public var statusReason: String?
  public var note: String?
  public var evidence: [EvidenceItem]
  /// The revision that recorded the position.
  public var recordedIn: Int64 = 0
  /// The revision that recorded its current interval and status.
  public var versionRecordedIn: Int64 = 0
  /// Why the interval ends (superseded, withdrawn, expired, fulfilled), or nil while open.
  public var endReason: PositionStatus? = nil
  /// The statement that says the interval ended, if one does.
  public var endedBy: String? = nil
  /// The position's term or period in force, if it has one.
  public var term: PositionTermView? = nil
  /// For a commitment or threat: its latest outcome up to the day asked, if one is recorded.
  public var outcome: OutcomeEntry? = nil
  /// Whether the position was machine-coded from event data (`parley import gdelt`), not curated.
  public var machineCoded = false
  /// The parties holding the position jointly with ``holder`` (`held_with`), by id.
  public var coHolders: [String] = []
  /// The further issue slots it bears on besides ``issue`` (`also_on`), by id.
  public var alsoOn: [String] = []
  /// The labels of ``alsoOn``, in the same order.
  public var alsoOnLabels: [String] = []

  /// Every party holding the position, the primary holder first.
  public var holders: [String] { [holder] + coHolders }
  /// Every issue slot the position bears on, the primary issue first.
  public var issues: [String] { [issue] + alsoOn }

  /// The label of one of its slots.
  public func label(ofIssue id: String) -> String {
    if id == issue { return issueLabel }
    return alsoOn.firstIndex(of: id).map { alsoOnLabels[$0] } ?? id
  }

  enum CodingKeys: String, CodingKey {
    case id, holder, kind, issue, target, proposition, polarity, modality, conditions, status, note
    case evidence
    case recordedIn = "recorded_in"
    case versionRecordedIn = "version_recorded_in"
    case holderName = "holder_name"
    case issueLabel = "issue_label"
    case propositionKey = "proposition_key"
    case validFrom = "valid_from"
    case validFromPrecision = "valid_from_precision"
    case validTo = "valid_to"
    case validToPrecision = "valid_to_precision"
    case statusReason = "status_reason"
    case restatements
    case endReason = "end_reason"
    case endedBy = "ended_by"
    case term, outcome
    case lastStated = "last_stated"
    case machineCoded = "machine_coded"
    case coHolders = "co_holders"
    case alsoOn = "also_on"
  }

  /// How many times the holder's side restated the position after first stating it.
  public var restatements: Int { max(0, evidence.filter { $0.role == .supports }.count - 1) }

  /// When the holder's side last stated it (its latest supporting statement), if ever.
  public var lastStated: PartialDate? { evidence.last { $0.role == .supports }?.date }

  /// The position as it stood on `day`: without evidence said after it, and without an end
  /// that lies after it (held since …).
  mutating func keepOnly(asSeenOn day: PartialDate) {
    let last = day.lastDay
    if evidence.contains(where: { $0.date.firstDay > last }) {
      evidence.removeAll { $0.date.firstDay > last }
    }
    if let end = validTo, end.firstDay > last {
      validTo = nil
      endReason = nil
      endedBy = nil
      if status != .deprecated { statusReason = nil }
    }
  }

  /// Written by hand for the derived fields (the dates' precisions, `restatements`,
  /// `last_stated`); optional values are written as `null` (the JSON contract,
  /// `Model/JSONContract.swift`).
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(id, forKey: .id)
    try container.encode(holder, forKey: .holder)
    try container.encode(holderName, forKey: .holderName)
    try container.encode(kind, forKey: .kind)
    try container.encode(issue, forKey: .issue)
    try container.encode(issueLabel, forKey: .issueLabel)
    try container.encode(target, forKey: .target)
    try container.encode(proposition, forKey: .proposition)
    try container.encode(propositionKey, forKey: .propositionKey)
    try container.encode(polarity, forKey: .polarity)
    try container.encode(modality, forKey: .modality)
    try container.encode(conditions, forKey: .conditions)
    try container.encode(validFrom, forKey: .validFrom)
    try container.encode(validFrom.precision, forKey: .validFromPrecision)
    try container.encode(validTo, forKey: .validTo)
    try container.encode(validTo?.precision, forKey: .validToPrecision)
    try container.encode(status, forKey: .status)
    try container.encode(statusReason, forKey: .statusReason)
    try container.encode(note, forKey: .note)
    try container.encode(evidence, forKey: .evidence)
    try container.encode(restatements, forKey: .restatements)
    try container.encode(recordedIn, forKey: .recordedIn)
    try container.encode(versionRecordedIn, forKey: .versionRecordedIn)
    try container.encode(endReason, forKey: .endReason)
    try container.encode(endedBy, forKey: .endedBy)
    try container.encode(term, forKey: .term)
    try container.encode(outcome, forKey: .outcome)
    try container.encode(lastStated?.description, forKey: .lastStated)
    try container.encode(machineCoded, forKey: .machineCoded)
    try container.encode(coHolders, forKey: .coHolders)
    try container.encode(alsoOn, forKey: .alsoOn)
  }
}

/// A term ("for 30 days") or a period in force ("8 to 10 May"), as the views show it.
public struct PositionTermView: Sendable, Equatable, Encodable {
  public var termDays: Int?
  public var inForceFrom: PartialDate?
  /// The last day in force (inclusive).
  public var inForceUntil: PartialDate?

  enum CodingKeys: String, CodingKey {
    case termDays = "term_days"
    case inForceFrom = "in_force_from"
    case inForceUntil = "in_force_until"
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(termDays, forKey: .termDays)
    try container.encode(inForceFrom?.description, forKey: .inForceFrom)
    try container.encode(inForceUntil?.description, forKey: .inForceUntil)
  }

  /// "for 30 days", "in force 2025-05-08 to 2025-05-10", or both.
  public var description: String {
    var parts: [String] = []
    if let termDays { parts.append("for \(termDays) day\(termDays == 1 ? "" : "s")") }
    switch (inForceFrom, inForceUntil) {
    case (let from?, let until?): parts.append("in force \(from) to \(until)")
    case (let from?, nil): parts.append("in force from \(from)")
    case (nil, let until?): parts.append("in force until \(until)")
    case (nil, nil): break
    }
    return parts.joined(separator: ", ")
  }
}

/// An assessment of what became of a commitment or a threat.
public struct OutcomeEntry: Sendable, Equatable, Encodable {
  public var outcome: Outcome
  public var on: PartialDate
  /// The statement that shows it, if any.
  public var statement: String?
  public var note: String?
  public var recordedIn: Int64

  enum CodingKeys: String, CodingKey {
    case outcome, on, statement, note
    case recordedIn = "recorded_in"
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(outcome, forKey: .outcome)
    try container.encode(on.description, forKey: .on)
    try container.encode(statement, forKey: .statement)
    try container.encode(note, forKey: .note)
    try container.encode(recordedIn, forKey: .recordedIn)
  }
}

/// One statement cited as evidence for a position.
public struct EvidenceItem: Sendable, Equatable, Encodable {
  public var statement: String
  /// The speaker's name, or nil for an unnamed source.
  public var speaker: String?
  public var speakerId: String?
  public var onBehalfOf: String
  public var date: PartialDate
  public var dateBasis: String?
  public var document: String
  public var documentTitle: String
  public var outlet: String?
  public var url: String?
  /// Verbatim; nil when the source reports the statement without quoting it.
  public var quote: String?
  public var attribution: Attribution
  public var role: EvidenceRole
  /// The revision that recorded this statement as evidence for the position.
  public var recordedIn: Int64 = 0
  /// The statement's own quote; ``quote`` is the words that bear on this position when the
  /// curator gave them (``quoteIsOwn``), else the same.
  public var statementQuote: String? = nil
  /// Whether ``quote`` is the words given for this position rather than the statement's quote.
  public var quoteIsOwn = false
  /// Further documents that report the same statement.
  public var alsoReportedIn: [FurtherSource] = []

  enum CodingKeys: String, CodingKey {
    case statement, speaker, date, document, outlet, url, quote, attribution, role
    case recordedIn = "recorded_in"
    case speakerId = "speaker_id"
    case onBehalfOf = "on_behalf_of"
    case datePrecision = "date_precision"
    case dateBasis = "date_basis"
    case documentTitle = "document_title"
    case statementQuote = "statement_quote"
    case quoteIsOwn = "quote_is_own"
    case alsoReportedIn = "also_reported_in"
  }

  /// Written by hand for the derived `date_precision`; optional values are written as `null`
  /// (the JSON contract, `Model/JSONContract.swift`).
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(statement, forKey: .statement)
    try container.encode(speaker, forKey: .speaker)
    try container.encode(speakerId, forKey: .speakerId)
    try container.encode(onBehalfOf, forKey: .onBehalfOf)
    try container.encode(date, forKey: .date)
    try container.encode(date.precision, forKey: .datePrecision)
    try container.encode(dateBasis, forKey: .dateBasis)
    try container.encode(document, forKey: .document)
    try container.encode(documentTitle, forKey: .documentTitle)
    try container.encode(outlet, forKey: .outlet)
    try container.encode(url, forKey: .url)
    try container.encode(quote, forKey: .quote)
    try container.encode(attribution, forKey: .attribution)
    try container.encode(role, forKey: .role)
    try container.encode(recordedIn, forKey: .recordedIn)
    try container.encode(statementQuote, forKey: .statementQuote)
    try container.encode(quoteIsOwn, forKey: .quoteIsOwn)
    try container.encode(alsoReportedIn, forKey: .alsoReportedIn)
  }
}

/// Another document that reports a statement: an outlet's copy of the same words.
public struct FurtherSource: Sendable, Equatable, Encodable {
  public var document: String
  public var title: String
  public var outlet: String?
  public var url: String?
  public var published: PartialDate?

  enum CodingKeys: String, CodingKey { case document, title, outlet, url, published }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(document, forKey: .document)
    try container.encode(title, forKey: .title)
    try container.encode(outlet, forKey: .outlet)
    try container.encode(url, forKey: .url)
    try container.encode(published?.description, forKey: .published)
  }
}

/// The answer to `who` and `positions`: the positions and the question they answer.
public struct PositionList: Sendable, Equatable, Encodable {
  /// A one-line description of the question, such as "who demands, on security/nato-membership".
  public var question: String
  @ExplicitNull public var asOf: PartialDate? = nil
  public var knownAt: RecordPoint
  public var positions: [PositionSummary]
  /// Publication time: the answer as the public record stood on this day, when asked.
  @ExplicitNull public var publishedBy: PartialDate? = nil

  enum CodingKeys: String, CodingKey {
    case question, positions
    case asOf = "as_of"
    case knownAt = "known_at"
    case publishedBy = "published_by"
  }

}

/// Everything about one position: content, evidence, relations and record-time history.
public struct PositionDetail: Sendable, Equatable, Encodable {
  public var position: PositionSummary
  public var relations: [RelatedPosition]
  public var history: [VersionEntry]
  public var knownAt: RecordPoint
  /// The publication day asked for (`--published-by`), if one was.
  @ExplicitNull public var publishedBy: PartialDate? = nil

  enum CodingKeys: String, CodingKey {
    case position, relations, history
    case knownAt = "known_at"
    case publishedBy = "published_by"
  }
}

/// A relation from or to the position being shown.
public struct RelatedPosition: Sendable, Equatable, Encodable {
  /// Which way the relation points, seen from the position shown.
  public enum Direction: String, Sendable, Encodable {
    /// This position → the other.
    case outgoing
    /// The other → this position.
    case incoming
  }

  public var direction: Direction
  public var kind: RelationKind
  public var other: String
  public var otherHolder: String
  public var otherKind: StanceKind
  public var otherProposition: String
  public var note: String?

  enum CodingKeys: String, CodingKey {
    case direction, kind, other, note
    case otherHolder = "other_holder"
    case otherKind = "other_kind"
    case otherProposition = "other_proposition"
  }
}

/// One record-time version of a position's interval and status.
public struct VersionEntry: Sendable, Equatable, Encodable {
  public var validFrom: PartialDate
  @ExplicitNull public var validTo: PartialDate? = nil
  public var status: PositionStatus
  @ExplicitNull public var statusReason: String? = nil
  public var recordedIn: Int64
  @ExplicitNull public var retiredIn: Int64? = nil

  enum CodingKeys: String, CodingKey {
    case status
    case validFrom = "valid_from"
    case validTo = "valid_to"
    case statusReason = "status_reason"
    case recordedIn = "recorded_in"
    case retiredIn = "retired_in"
  }

}

/// The answer to `parley parties`.
public struct PartyList: Sendable, Equatable, Encodable {
  public var parties: [PartyEntry]
  public var knownAt: RecordPoint

  enum CodingKeys: String, CodingKey {
    case parties
    case knownAt = "known_at"
  }
}

/// A party with its aliases, affiliations and how many positions it holds.
public struct PartyEntry: Sendable, Equatable, Encodable {
  public var id: String
  public var name: String
  public var kind: PartyKind
  public var parent: String?
  public var aliases: [String]
  public var affiliations: [AffiliationEntry]
  public var positions: Int
}

/// A person's role for a party over a period.
public struct AffiliationEntry: Sendable, Equatable, Encodable {
  public var party: String
  public var role: String
  public var from: String?
  public var to: String?
}

/// The answer to `parley issues`: the taxonomy with position counts.
public struct IssueList: Sendable, Equatable, Encodable {
  public var issues: [IssueEntry]
  @ExplicitNull public var asOf: PartialDate? = nil
  public var knownAt: RecordPoint

  enum CodingKeys: String, CodingKey {
    case issues
    case asOf = "as_of"
    case knownAt = "known_at"
  }

}

/// An issue slot and how many positions are held on it (itself, not its sub-issues).
public struct IssueEntry: Sendable, Equatable, Encodable {
  public var id: String
  public var label: String
  public var description: String?
  public var depth: Int
  public var positions: Int
}

/// The answer to `parley search`: the hits for some words, best first.
public struct SearchResults: Sendable, Equatable, Encodable {
  /// The words searched for, as typed.
  public var query: String
  public var knownAt: RecordPoint
  public var hits: [SearchHit]
  /// The publication day asked for (`--published-by`), if one was.
  @ExplicitNull public var publishedBy: PartialDate? = nil

  enum CodingKeys: String, CodingKey {
    case query, hits
    case knownAt = "known_at"
    case publishedBy = "published_by"
  }
}

/// What a search hit is.
public enum SearchHitKind: String, Codable, Sendable, CaseIterable {
  /// A position, matched on its proposition or key.
  case position
  /// A statement, matched on its quote.
  case statement
  /// A document, matched on its title.
  case document
}

/// One position, statement or document that matches a search.
public struct SearchHit: Sendable, Equatable, Encodable {
  public var kind: SearchHitKind
  public var id: String
  /// The matched text around the matched words, which are in [brackets].
  public var snippet: String
  /// The whole matched text: the proposition, the quote or the title.
  public var text: String
  /// Where it comes from, in words: "russia demand on territory/crimea" for a position, the
  /// speaker, party, date and document for a statement, the outlet and date for a document.
  public var context: String
  /// How well it matches (bm25, negated so that higher is better).
  public var score: Double
  /// For a statement, the positions it is evidence for; empty otherwise.
  public var positions: [String]
  /// Whether the hit was machine-coded from event data (`parley import gdelt`), not curated.
  public var machineCoded = false

  enum CodingKeys: String, CodingKey {
    case kind, id, snippet, text, context, score, positions
    case machineCoded = "machine_coded"
  }
}
