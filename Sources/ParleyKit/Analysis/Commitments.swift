import GRDB

/// The answer to `parley commitments`: commitments and threats with what became of them.
///
/// In the manner of a promise tracker, each commitment is kept, partly kept, broken or pending,
/// and each threat carried out, not carried out or pending — but here every outcome is tied to
/// the stated position and to the statement that shows it.
public struct CommitmentList: Sendable, Equatable, Encodable {
  public var asOf: PartialDate
  public var knownAt: RecordPoint
  public var commitments: [CommitmentEntry]
  /// The publication day asked for (`--published-by`), if one was.
  public var publishedBy: PartialDate? = nil

  enum CodingKeys: String, CodingKey {
    case commitments
    case asOf = "as_of"
    case knownAt = "known_at"
    case publishedBy = "published_by"
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(asOf.description, forKey: .asOf)
    try container.encode(knownAt, forKey: .knownAt)
    try container.encode(commitments, forKey: .commitments)
    try container.encode(publishedBy?.description, forKey: .publishedBy)
  }
}

/// One commitment or threat, its outcome on the day asked, and every assessment up to then.
public struct CommitmentEntry: Sendable, Equatable, Encodable {
  public var position: PositionSummary
  /// The latest assessment up to the day asked; `kept` for a commitment ended as fulfilled;
  /// otherwise `pending`.
  public var outcome: Outcome
  /// Where the outcome comes from: `assessed`, `fulfilled` or `none recorded`.
  public var basis: String
  /// `past-term-no-outcome`: its term or interval is over and no outcome is recorded;
  /// `superseded-no-outcome` and `withdrawn-no-outcome`: it was replaced or withdrawn by the
  /// day asked, with no outcome recorded (it is no longer open).
  public var flags: [String]
  /// Every assessment up to the day asked, oldest first.
  public var assessments: [OutcomeEntry]
}

extension ParleyStore {
  /// Commitments and threats taken up by `asOf` (default today), with their outcomes.
  ///
  /// Acceptances and proposals with a recorded outcome are listed too.
  public func commitments(
    holders: [String] = [], issues: [String] = [], asOf: PartialDate? = nil,
    knownAt: KnownAt = .latest, publishedBy: PartialDate? = nil,
    includeMachineCoded: Bool = false
  ) throws -> CommitmentList {
    try commitments(
      holders: holders, issues: issues, asOf: asOf, knownAt: knownAt, publishedBy: publishedBy,
      includeMachineCoded: includeMachineCoded, details: true)
  }

  /// The commitments, with `details` off read without their targets, conditions, terms and
  /// evidence (the outcomes and flags need none of them); with `only`, just those positions
  /// (ids from an answer to the same question), read in full.
  func commitments(
    holders: [String] = [], issues: [String] = [], asOf: PartialDate? = nil,
    knownAt: KnownAt = .latest, publishedBy: PartialDate? = nil,
    includeMachineCoded: Bool = false, details: Bool, only ids: [String]? = nil
  ) throws -> CommitmentList {
    let day = asOf ?? PartialDate.today(clock())
    return try reader.read { db in
      var filter = PositionFilter(holders: holders, issues: issues, knownAt: knownAt)
      filter.publishedBy = publishedBy
      filter.includeMachineCoded = includeMachineCoded
      filter.kinds = [.commitment, .threat]
      filter.referenceDay = day.lastDay
      filter.startingWithin = DayWindow(after: 0, through: day.lastDay)
      var positions: [PositionSummary]
      if let ids {
        var listed = filter
        listed.kinds = [.commitment, .threat, .acceptance, .proposal]
        positions = ids.isEmpty ? [] : try Self.positions(listed, ids: ids, db: db)
      } else {
        positions = try Self.positions(filter, details: details, db: db)
        let assessed = try Self.assessedPositionIds(
          through: day.lastDay, knownAt: knownAt, db: db)
        let listed = Set(positions.map(\.id))
        let extra = assessed.filter { !listed.contains($0) }
        if !extra.isEmpty {
          var others = filter
          others.kinds = [.acceptance, .proposal]
          positions += try Self.positions(others, ids: extra, details: details, db: db)
        }
      }
      let history = try Self.assessments(
        of: positions.map(\.id), through: day.lastDay, knownAt: knownAt, db: db)
      var entries: [CommitmentEntry] = []
      for var position in positions {
        position.trimEvidence(through: day)
        let assessments = history[position.id] ?? []
        var outcome = Outcome.pending
        var basis = "none recorded"
        if let latest = assessments.last {
          outcome = latest.outcome
          basis = "assessed"
        } else if position.endReason == .fulfilled, let end = position.validTo,
          end.firstDay <= day.lastDay
        {
          outcome = position.kind == .threat ? .carriedOut : .kept
          basis = "fulfilled"
        }
        var flags: [String] = []
        // Ended by the day asked with no outcome recorded: no longer open, and said so.
        if outcome == .pending, let end = position.validTo, end.firstDay <= day.lastDay {
          switch position.endReason {
          case .expired: flags.append("past-term-no-outcome")
          case .superseded: flags.append("superseded-no-outcome")
          case .withdrawn: flags.append("withdrawn-no-outcome")
          default: break
          }
        }
        // Flags read the end; the entry shows the world as it stood on the day.
        position.keepOnly(asSeenOn: day)
        entries.append(
          CommitmentEntry(
            position: position, outcome: outcome, basis: basis, flags: flags,
            assessments: assessments))
      }
      entries.sort {
        ($0.position.holder, $0.position.issue, $0.position.validFrom.firstDay, $0.position.id)
          < ($1.position.holder, $1.position.issue, $1.position.validFrom.firstDay, $1.position.id)
      }
      return CommitmentList(
        asOf: day, knownAt: try Self.recordPoint(knownAt, db: db), commitments: entries,
        publishedBy: publishedBy)
    }
  }

  private static func assessedPositionIds(through day: Int, knownAt: KnownAt, db: Database) throws
    -> [String]
  {
    let visible = RecordFilter.visible("o", at: knownAt)
    return try String.fetchAll(
      db,
      SQLRequest<String>(
        literal: """
          SELECT DISTINCT o.positionId FROM positionOutcome o
          WHERE o.assessedOn <= \(day) AND \(visible) ORDER BY 1
          """))
  }

  /// Every outcome assessed up to `day` for each position, oldest first.
  static func assessments(
    of ids: [String], through day: Int, knownAt: KnownAt, db: Database
  ) throws -> [String: [OutcomeEntry]] {
    var result: [String: [OutcomeEntry]] = [:]
    let visible = RecordFilter.visible("o", at: knownAt)
    for chunkStart in stride(from: 0, to: ids.count, by: 500) {
      let chunk = Array(ids[chunkStart..<min(chunkStart + 500, ids.count)])
      let rows = try Row.fetchCursor(
        db,
        SQLRequest<Row>(
          literal: """
            SELECT o.positionId, o.outcome, o.assessedOn, o.assessedPrecision, o.statementId,
                   o.note, o.recordedIn
            FROM positionOutcome o
            WHERE o.positionId IN \(chunk) AND o.assessedOn <= \(day) AND \(visible)
            ORDER BY o.positionId, o.assessedOn, o.id
            """, cached: true))
      while let row = try rows.next() {
        result[row[0], default: []].append(
          OutcomeEntry(
            outcome: row[1], on: PartialDate(storedValue: row[2], precision: row[3]),
            statement: row[4], note: row[5], recordedIn: row[6]))
      }
    }
    return result
  }
}
