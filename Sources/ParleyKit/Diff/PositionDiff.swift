/// Which question a diff answers.
public enum DiffAxis: String, Sendable, Encodable {
  /// What changed in the world between two dates (valid time).
  case validTime = "valid-time"
  /// What the store learned since a point in its history (record time).
  case recordTime = "record-time"
}

/// The kind of change on one issue slot.
public enum ChangeKind: String, Sendable, Encodable, CaseIterable {
  case added, dropped, changed, hardened, softened
  case conditionAdded = "condition-added"
  case conditionRemoved = "condition-removed"
  /// Record time only: new evidence for a position the store already had.
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

  enum CodingKeys: String, CodingKey {
    case axis, question, holder, issues, from, to, since, changes, restated, unchanged
    case knownAt = "known_at"
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

  enum CodingKeys: String, CodingKey { case issue, change, details, before, after }

}

/// A position held unchanged at both ends and restated in between.
public struct Restatement: Sendable, Equatable, Encodable {
  public var position: String
  public var issue: String
  public var proposition: String
  public var count: Int
  /// The restating statements (listed with `--show-restatements`; otherwise empty).
  public var evidence: [EvidenceItem]
}
