import Foundation

/// The briefing feed: where each party stands, what changed, open conditions, contested claims
/// and sources, every item linked to position and statement ids.
///
/// Its JSON form is the contract described by `Schema/briefing.schema.json`; it carries the
/// schema version and the as-of and known-at it was computed for, so a consumer can reproduce it.
public struct Briefing: Sendable, Equatable, Encodable {
  /// The version of `Schema/briefing.schema.json` this feed conforms to.
  public static let schemaVersion = "1.3.0"

  public var schemaVersion: String = Briefing.schemaVersion
  public var generator: String
  public var asOf: PartialDate
  public var knownAt: RecordPoint
  /// World changes are counted from the start of this day (valid time), when asked.
  @ExplicitNull public var since: PartialDate? = nil
  /// Newly learned facts are counted after this revision (record time), when asked.
  @ExplicitNull public var knownSince: RecordPoint? = nil
  public var parties: [BriefParty]
  public var worldChanges: [BriefChange]
  public var learned: [BriefChange]
  public var openConditions: [BriefCondition]
  public var contested: [BriefClaim]
  /// Publication time: the feed as the public record stood on this day, when asked (schema 1.1).
  @ExplicitNull public var publishedBy: PartialDate? = nil
  /// Per party and issue, where the window's changes point (schema 1.1; with `since`).
  public var trends: [BriefTrend] = []
  /// Positions not restated for long, and commitments past their term with no outcome.
  public var stale: [BriefStale] = []
  /// What the focused brief left out (null for the full feed).
  @ExplicitNull public var omitted: BriefOmitted? = nil
  /// Commitments and threats with their outcomes (schema 1.1).
  public var commitments: [BriefCommitment] = []
  public var sources: [BriefSource]

  enum CodingKeys: String, CodingKey {
    case generator, since, parties, learned, contested, sources, commitments
    case publishedBy = "published_by"
    case trends, stale, omitted
    case schemaVersion = "schema_version"
    case asOf = "as_of"
    case knownAt = "known_at"
    case knownSince = "known_since"
    case worldChanges = "world_changes"
    case openConditions = "open_conditions"
  }

}

/// A party and the positions it holds on the as-of day.
public struct BriefParty: Sendable, Equatable, Encodable {
  public var id: String
  public var name: String
  public var kind: PartyKind
  public var positions: [BriefPosition]
  /// Positions the party holds that the focused brief left out of its standings (schema 1.2).
  public var omittedPositions: Int = 0

  enum CodingKeys: String, CodingKey {
    case id, name, kind, positions
    case omittedPositions = "omitted_positions"
  }
}

/// A position in the feed, with the ids of the statements that support it.
public struct BriefPosition: Sendable, Equatable, Encodable {
  public var id: String
  public var holder: String
  public var kind: StanceKind
  public var modality: Modality
  public var polarity: Polarity
  public var issue: String
  public var issueLabel: String
  public var proposition: String
  public var target: [String]
  public var conditions: [String]
  public var validFrom: String
  @ExplicitNull public var validTo: String? = nil
  public var status: PositionStatus
  /// Why its interval ends, when it has an end (schema 1.1).
  @ExplicitNull public var endReason: PositionStatus? = nil
  /// When the holder's side last stated it, up to the as-of day (schema 1.1).
  @ExplicitNull public var lastStated: String? = nil
  public var statements: [String]
  /// The most recent supporting quote, for a one-line summary.
  @ExplicitNull public var latestQuote: BriefQuote? = nil
  /// Whether it was machine-coded from event data, not curated (schema 1.2).
  public var machineCoded = false
  /// The parties holding it jointly with ``holder`` (schema 1.2).
  public var coHolders: [String] = []
  /// The further issue slots it bears on besides ``issue`` (schema 1.2).
  public var alsoOn: [String] = []

  enum CodingKeys: String, CodingKey {
    case id, holder, kind, modality, polarity, issue, proposition, target, conditions, status
    case statements
    case machineCoded = "machine_coded"
    case issueLabel = "issue_label"
    case validFrom = "valid_from"
    case validTo = "valid_to"
    case latestQuote = "latest_quote"
    case endReason = "end_reason"
    case lastStated = "last_stated"
    case coHolders = "co_holders"
    case alsoOn = "also_on"
  }

  init(_ position: PositionSummary) {
    id = position.id
    holder = position.holder
    kind = position.kind
    modality = position.modality
    polarity = position.polarity
    issue = position.issue
    issueLabel = position.issueLabel
    proposition = position.proposition
    target = position.target
    conditions = position.conditions
    validFrom = position.validFrom.description
    validTo = position.validTo?.description
    status = position.status
    endReason = position.endReason
    lastStated = position.lastStated?.description
    endReason = position.endReason
    statements = position.evidence.map(\.statement)
    coHolders = position.coHolders
    alsoOn = position.alsoOn
    latestQuote = position.evidence.last { $0.role == .supports }.map(BriefQuote.init)
    machineCoded = position.machineCoded
  }
}

/// A quote with who said it, when and where.
public struct BriefQuote: Sendable, Equatable, Encodable {
  public var statement: String
  @ExplicitNull public var quote: String? = nil
  @ExplicitNull public var speaker: String? = nil
  public var onBehalfOf: String
  public var date: String
  public var document: String
  public var attribution: Attribution

  enum CodingKeys: String, CodingKey {
    case statement, quote, speaker, date, document, attribution
    case onBehalfOf = "on_behalf_of"
  }

  init(_ item: EvidenceItem) {
    statement = item.statement
    quote = item.quote
    speaker = item.speaker
    onBehalfOf = item.onBehalfOf
    date = item.date.description
    document = item.document
    attribution = item.attribution
  }
}

/// A change on one slot, in the world or in what the store knows.
public struct BriefChange: Sendable, Equatable, Encodable {
  public var holder: String
  public var issue: String
  public var change: ChangeKind
  /// One sentence: what changed.
  public var summary: String
  public var details: [String]
  @ExplicitNull public var before: String? = nil
  @ExplicitNull public var after: String? = nil
  /// The statements that evidence the change (at its newer end, or the older end when dropped).
  public var statements: [String]
  /// The dated path inside the window (schema 1.1).
  public var steps: [DiffStep] = []
  /// Positions the path went through, held at neither end (schema 1.1).
  public var through: [String] = []
  /// Positions the change's positions contradict, answer or depend on, and the reverse.
  public var related: [ChangeRelation] = []
  /// Whether it was machine-coded from event data, not curated (schema 1.2).
  public var machineCoded = false
  /// The other holders of a joint position the change is about (schema 1.3).
  public var coHolders: [String] = []

  enum CodingKeys: String, CodingKey {
    case holder, issue, change, summary, details, before, after, statements, steps, through
    case related
    case machineCoded = "machine_coded"
    case coHolders = "co_holders"
  }

}

/// A commitment or threat and what became of it, for the brief.
public struct BriefCommitment: Sendable, Equatable, Encodable {
  public var position: String
  public var holder: String
  public var issue: String
  public var kind: StanceKind
  public var proposition: String
  public var outcome: Outcome
  /// `assessed`, `fulfilled` or `none recorded`.
  public var basis: String
  public var flags: [String]
  public var term: String?
  /// The last day of its term or period in force, as a date (a deadline), if it has one
  /// (schema 1.3).
  public var lastDayInForce: String?
  public var validTo: String?
  public var endReason: PositionStatus?
  public var assessedOn: String?
  public var statements: [String]
  /// Whether it was machine-coded from event data, not curated (schema 1.2).
  public var machineCoded = false

  enum CodingKeys: String, CodingKey {
    case position, holder, issue, kind, proposition, outcome, basis, flags, term, statements
    case machineCoded = "machine_coded"
    case lastDayInForce = "last_day_in_force"
    case validTo = "valid_to"
    case endReason = "end_reason"
    case assessedOn = "assessed_on"
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(position, forKey: .position)
    try container.encode(holder, forKey: .holder)
    try container.encode(issue, forKey: .issue)
    try container.encode(kind, forKey: .kind)
    try container.encode(proposition, forKey: .proposition)
    try container.encode(outcome, forKey: .outcome)
    try container.encode(basis, forKey: .basis)
    try container.encode(flags, forKey: .flags)
    try container.encode(term, forKey: .term)
    try container.encode(lastDayInForce, forKey: .lastDayInForce)
    try container.encode(validTo, forKey: .validTo)
    try container.encode(endReason, forKey: .endReason)
    try container.encode(assessedOn, forKey: .assessedOn)
    try container.encode(statements, forKey: .statements)
    try container.encode(machineCoded, forKey: .machineCoded)
  }
}

public struct BriefCondition: Sendable, Equatable, Encodable {
  public var holder: String
  public var position: String
  public var issue: String
  public var proposition: String
  public var conditions: [String]
  /// The parties the holder waits on (the position's targets).
  public var waitsOn: [String]
  /// Positions of the holder this one is conditional on (its demands).
  public var conditionalOn: [String]
  public var statements: [String]

  enum CodingKeys: String, CodingKey {
    case holder, position, issue, proposition, conditions, statements
    case waitsOn = "waits_on"
    case conditionalOn = "conditional_on"
  }
}

/// A contested or unconfirmed claim.
public struct BriefClaim: Sendable, Equatable, Encodable {
  public var position: String
  public var holder: String
  public var issue: String
  public var proposition: String
  public var status: String
  public var flags: [String]
  public var statements: [String]
  /// Whether it was machine-coded from event data, not curated (schema 1.2).
  public var machineCoded = false

  enum CodingKeys: String, CodingKey {
    case position, holder, issue, proposition, status, flags, statements
    case machineCoded = "machine_coded"
  }
}

/// A source document cited in the feed, with the statements taken from it.
public struct BriefSource: Sendable, Equatable, Encodable {
  public var document: String
  public var title: String
  @ExplicitNull public var outlet: String? = nil
  @ExplicitNull public var url: String? = nil
  @ExplicitNull public var published: String? = nil
  public var statements: [String]

  enum CodingKeys: String, CodingKey {
    case document, title, outlet, url, published, statements
  }

}
