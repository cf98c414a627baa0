/// Which question a diff answers.
public enum DiffAxis: String, Sendable, Encodable {
  /// What changed in the world between two dates (valid time).
  case validTime = "valid-time"
  /// What the store learned since a point in its history (record time).
  case recordTime = "record-time"
}

/// The kind of change on one issue slot, or of one step of it.
///
/// The order of the cases is the order in which changes on one slot are listed. The rules that
/// tell hardened from softened are in ``ChangeClassifier`` (and the README).
public enum ChangeKind: String, Sendable, Encodable, CaseIterable {
  /// From a firm refusal to acceptance (or back), or a flip of polarity.
  case reversed
  case added
  /// Taken up and ended inside the window, whatever ended it.
  case cameAndWent = "came-and-went"
  case dropped
  /// Record time only: the store learned that the position ended (withdrawn, expired, …).
  case ended
  case hardened, softened
  /// The same stance aimed at more parties, or moved to a broader issue slot.
  case scopeWidened = "scope-widened"
  /// The same stance aimed at fewer parties, or moved to a narrower issue slot.
  case scopeNarrowed = "scope-narrowed"
  case changed
  /// No longer produced (conditions added harden, removed soften); kept so that the contract's
  /// values only grow.
  case conditionAdded = "condition-added"
  case conditionRemoved = "condition-removed"
  /// Record time only: new third-party evidence, relations or outcomes for a known position.
  case newEvidence = "new-evidence"
}

/// The answer to `parley diff`: what changed, slot by slot, with evidence at both ends.
public struct PositionDiff: Sendable, Equatable, Encodable {
  public var axis: DiffAxis
  /// The question in words, which says which axis it answers.
  public var question: String
  public var holder: String
  public var issues: [String]
  /// Valid time: the two dates compared.
  @ExplicitNull public var from: PartialDate? = nil
  @ExplicitNull public var to: PartialDate? = nil
  /// Record time: the store revision compared with the latest.
  @ExplicitNull public var since: RecordPoint? = nil
  public var knownAt: RecordPoint
  public var changes: [PositionChange]
  /// Positions held at both ends without change, restated in between.
  public var restated: [Restatement]
  /// How many positions were held at both ends without change.
  public var unchanged: Int
  /// Publication time: the diff as the public record stood on this day, when asked.
  @ExplicitNull public var publishedBy: PartialDate? = nil

  enum CodingKeys: String, CodingKey {
    case axis, question, holder, issues, from, to, since, changes, restated, unchanged
    case knownAt = "known_at"
    case publishedBy = "published_by"
  }

}

/// One change on an issue slot: the position before, the position after, and what differs.
public struct PositionChange: Sendable, Equatable, Encodable {
  public var issue: String
  public var change: ChangeKind
  /// Every aspect that differs, in words ("kind: rejection → acceptance").
  public var details: [String]
  /// The position at the start, with the evidence known for it by then.
  @ExplicitNull public var before: PositionSummary? = nil
  /// The position at the end, with the evidence known for it by then.
  @ExplicitNull public var after: PositionSummary? = nil
  /// The path inside the window, one step per date: taken up, each supersession, ended.
  public var steps: [DiffStep] = []
  /// Positions the path went through that were held at neither end (the middle of a chain, a
  /// truce that came and went), with their evidence up to the end of the window.
  public var through: [PositionSummary] = []
  /// Positions that the change's positions contradict, respond to or are conditional on, or
  /// that do so to them.
  public var related: [ChangeRelation] = []

  enum CodingKeys: String, CodingKey {
    case issue, change, details, before, after, steps, through, related
  }

}

/// One dated step of a change: a position taken up, replaced by the next, or ended.
public struct DiffStep: Sendable, Equatable, Encodable {
  public var on: PartialDate
  /// The position before the step; nil when the step takes one up.
  public var from: String?
  /// The position after the step; nil when the step ends one.
  public var to: String?
  /// The step classified on its own: the same in every window that contains it.
  public var change: ChangeKind
  public var details: [String]

  enum CodingKeys: String, CodingKey { case on, from, to, change, details }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(on.description, forKey: .on)
    try container.encode(from, forKey: .from)
    try container.encode(to, forKey: .to)
    try container.encode(change, forKey: .change)
    try container.encode(details, forKey: .details)
  }
}

/// A relation between one of a change's positions and another position, named in one line.
public struct ChangeRelation: Sendable, Equatable, Encodable {
  /// The change's position the relation is from or to.
  public var position: String
  /// `outgoing`: position → other; `incoming`: other → position.
  public var direction: String
  public var kind: RelationKind
  public var other: String
  public var otherHolder: String
  public var otherKind: StanceKind
  public var otherProposition: String

  enum CodingKeys: String, CodingKey {
    case position, direction, kind, other
    case otherHolder = "other_holder"
    case otherKind = "other_kind"
    case otherProposition = "other_proposition"
  }

  /// "contradicts russia-no-foreign-troops (russia rejection: …)", from the position's side.
  public var line: String {
    let incoming: String =
      switch kind {
      case .contradicts: "contradicted by"
      case .respondsTo: "answered by"
      case .conditionalOn: "a condition of"
      case .supersedes: "superseded by"
      }
    let verb = direction == "outgoing" ? kind.rawValue : incoming
    return "\(verb) \(other) (\(otherHolder) \(otherKind.rawValue): \(otherProposition))"
  }
}

/// A position held unchanged at both ends and restated in between.
public struct Restatement: Sendable, Equatable, Encodable {
  public var position: String
  public var issue: String
  public var proposition: String
  public var count: Int
  /// The restating statements (listed with `--show-restatements`; otherwise empty).
  public var evidence: [EvidenceItem]
  /// Each restatement in one line: when, by whom, which statement.
  public var statements: [RestatementLine] = []
}

/// One restatement, dated, with its speaker.
public struct RestatementLine: Sendable, Equatable, Encodable {
  public var statement: String
  public var date: PartialDate
  public var speaker: String?
  public var onBehalfOf: String

  enum CodingKeys: String, CodingKey {
    case statement, date, speaker
    case onBehalfOf = "on_behalf_of"
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(statement, forKey: .statement)
    try container.encode(date.description, forKey: .date)
    try container.encode(speaker, forKey: .speaker)
    try container.encode(onBehalfOf, forKey: .onBehalfOf)
  }

  init(_ item: EvidenceItem) {
    statement = item.statement
    date = item.date
    speaker = item.speaker
    onBehalfOf = item.onBehalfOf
  }
}
