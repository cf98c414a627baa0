import GRDB

/// The answer to `parley timeline`: statements and position changes in date order.
public struct Timeline: Sendable, Equatable, Encodable {
  public var question: String
  @ExplicitNull public var from: PartialDate? = nil
  @ExplicitNull public var to: PartialDate? = nil
  public var knownAt: RecordPoint
  public var events: [TimelineEvent]
  /// The publication day asked for (`--published-by`), if one was.
  @ExplicitNull public var publishedBy: PartialDate? = nil

  enum CodingKeys: String, CodingKey {
    case question, from, to, events
    case knownAt = "known_at"
    case publishedBy = "published_by"
  }

}

/// One dated event: a statement, or a position starting or ending.
public struct TimelineEvent: Sendable, Equatable, Encodable {
  public enum Kind: String, Sendable, Encodable {
    case positionEnd = "position-end"
    case positionStart = "position-start"
    /// A position comes into force later than it was taken (a truce announced on 28 April for
    /// 8–10 May): the first day of its period in force.
    case inForce = "in-force"
    /// What became of a commitment or a threat (carried out, broken, …), as assessed on a day.
    case outcome
    case statement
  }

  /// A position an event concerns.
  public struct PositionReference: Sendable, Equatable {
    public var id: String
    /// A statement's evidence role towards the position; nil for a position's own start or end.
    public var role: EvidenceRole?

    /// `id`, or `id (role)` for a role other than supports: the form of the JSON contract's
    /// `positions` and of the text formats.
    public var label: String {
      guard let role, role != .supports else { return id }
      return "\(id) (\(role.rawValue))"
    }
  }

  public var date: PartialDate
  public var kind: Kind
  /// The holder (position events) or the party spoken for (statements).
  public var party: String
  public var issues: [String]
  /// The position that starts or ends, or the positions a statement is evidence for, with its
  /// role towards each.
  public var positionReferences: [PositionReference]
  /// Position events: the stance of the position that starts or ends.
  public var stance: StanceKind? = nil
  /// Position-end events: the position's status from its end on (superseded, withdrawn, …) and
  /// the reason recorded for it.
  public var endStatus: PositionStatus? = nil
  public var endReason: String? = nil
  /// The quote (statements) or what started or ended (positions), in words.
  public var text: String
  public var speaker: String? = nil
  public var statement: String? = nil
  public var document: String? = nil
  public var attribution: Attribution? = nil
  /// Whether the event is about machine-coded records (imported event data), not curated ones.
  public var machineCoded = false

  /// The positions' labels (`id`, or `id (role)`), as the JSON contract writes them.
  public var positions: [String] { positionReferences.map(\.label) }

  enum CodingKeys: String, CodingKey {
    case date, kind, party, issues, positions, text, speaker, statement, document, attribution
    case datePrecision = "date_precision"
    case machineCoded = "machine_coded"
  }

  /// Written by hand for the derived `date_precision`; optional values are written as `null`
  /// (the JSON contract, `Model/JSONContract.swift`).
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(date, forKey: .date)
    try container.encode(date.precision, forKey: .datePrecision)
    try container.encode(kind, forKey: .kind)
    try container.encode(party, forKey: .party)
    try container.encode(issues, forKey: .issues)
    try container.encode(positions, forKey: .positions)
    try container.encode(text, forKey: .text)
    try container.encode(speaker, forKey: .speaker)
    try container.encode(machineCoded, forKey: .machineCoded)
    try container.encode(statement, forKey: .statement)
    try container.encode(document, forKey: .document)
    try container.encode(attribution, forKey: .attribution)
  }
}

extension ParleyStore {
  /// The chronology of statements and position changes, optionally for one party (its own
  /// positions, and statements it made about others'), issues and a date range (inclusive).
  public func timeline(
    party: String? = nil, issues: [String] = [], from: PartialDate? = nil, to: PartialDate? = nil,
    knownAt: KnownAt = .latest, publishedBy: PartialDate? = nil,
    includeMachineCoded: Bool = false
  ) throws -> Timeline {
    try reader.read { db in
      var filter = PositionFilter(issues: issues, knownAt: knownAt)
      filter.publishedBy = publishedBy
      filter.includeMachineCoded = includeMachineCoded
      var positions: [PositionSummary]
      if let party {
        filter.holders = [party]
        positions = try Self.positions(filter, db: db)
        let parts = try Self.partyWithParts(party, db: db)
        let evidenceVisible = RecordFilter.visible("e", at: knownAt)
        let others = try String.fetchAll(
          db,
          SQLRequest<String>(
            literal: """
              SELECT DISTINCT e.positionId FROM evidence e JOIN statement s ON s.id = e.statementId
              WHERE s.onBehalfOfId IN \(parts) AND \(evidenceVisible)
              """))
        let known = Set(positions.map(\.id))
        let extra = others.filter { !known.contains($0) }
        if !extra.isEmpty {
          var any = PositionFilter(
            issues: issues, knownAt: knownAt, publishedBy: publishedBy,
            includeMachineCoded: includeMachineCoded)
          any.holders = []
          positions += try Self.positions(any, ids: extra, db: db)
        }
      } else {
        positions = try Self.positions(filter, db: db)
      }
      let partyIds = try party.map { Set(try Self.partyWithParts($0, db: db)) }

      var events: [TimelineEvent] = []
      var statements: [String: TimelineEvent] = [:]
      for position in positions {
        // A joint position is the party's own when it is one of its holders.
        let holder = position.holders.first { partyIds?.contains($0) ?? true } ?? position.holder
        let own = partyIds?.contains(holder) ?? true
        if own {
          events.append(
            TimelineEvent(
              date: position.validFrom, kind: .positionStart, party: holder,
              issues: position.issues, positionReferences: [.init(id: position.id)],
              stance: position.kind, text: "\(position.kind.rawValue): \(position.proposition)",
              machineCoded: position.machineCoded))
          if let from = position.term?.inForceFrom, from.firstDay > position.validFrom.lastDay {
            events.append(
              TimelineEvent(
                date: from, kind: .inForce, party: holder, issues: position.issues,
                positionReferences: [.init(id: position.id)], stance: position.kind,
                text: "comes into force: \(position.proposition)",
                machineCoded: position.machineCoded))
          }
          if let end = position.validTo {
            // The end reason, whatever the day asked: a lapse reads as expired, never withdrawn.
            let reason = position.endReason?.rawValue ?? position.status.rawValue
            let why = EndWording.note(
              status: reason, reason: position.statusReason, term: position.term?.description)
            events.append(
              TimelineEvent(
                date: end, kind: .positionEnd, party: holder, issues: position.issues,
                positionReferences: [.init(id: position.id)], stance: position.kind,
                endStatus: position.endReason ?? position.status, endReason: position.statusReason,
                text: "\(reason)\(why)", machineCoded: position.machineCoded))
          }
        }
        for item in position.evidence where partyIds?.contains(item.onBehalfOf) ?? true {
          var event =
            statements[item.statement]
            ?? TimelineEvent(
              date: item.date, kind: .statement, party: item.onBehalfOf, issues: [],
              positionReferences: [], text: item.quote ?? "(reported without a verbatim quote)",
              speaker: item.speaker, statement: item.statement, document: item.document,
              attribution: item.attribution, machineCoded: position.machineCoded)
          for issue in position.issues where !event.issues.contains(issue) {
            event.issues.append(issue)
          }
          event.positionReferences.append(.init(id: position.id, role: item.role))
          statements[item.statement] = event
        }
      }
      events += statements.values
      events += try Self.outcomeEvents(
        of: positions.filter { position in
          partyIds.map { ids in position.holders.contains { ids.contains($0) } } ?? true
        }, partyIds: partyIds, knownAt: knownAt, publishedBy: publishedBy, db: db)
      let lower = from?.firstDay ?? Int.min
      let upper = to?.lastDay ?? Int.max
      events = events.filter { $0.date.firstDay >= lower && $0.date.firstDay <= upper }
      let kindOrder: [TimelineEvent.Kind: Int] = [
        .positionEnd: 0, .positionStart: 1, .inForce: 2, .outcome: 3, .statement: 4,
      ]
      events.sort { a, b in
        let left = (a.date.firstDay, a.date.precision.rank, kindOrder[a.kind]!, a.party)
        let right = (b.date.firstDay, b.date.precision.rank, kindOrder[b.kind]!, b.party)
        if left != right { return left < right }
        return (a.positions.first ?? "", a.statement ?? "") < (
          b.positions.first ?? "", b.statement ?? ""
        )
      }
      var question = "Timeline"
      if let party { question += " of \(party)" }
      if !issues.isEmpty {
        question += " on \(issues.count == 1 ? issues[0] : "\(issues.count) issues")"
      }
      if let publishedBy { question += ", as published by \(publishedBy)" }
      var timeline = Timeline(
        question: question, from: from, to: to, knownAt: try Self.recordPoint(knownAt, db: db),
        events: events)
      timeline.publishedBy = publishedBy
      return timeline
    }
  }

  /// One event per outcome assessed for `positions` (as known at `knownAt`, and with
  /// `publishedBy` only those whose statement was published by then), with the statement that
  /// shows it: its speaker, document and quote.
  private static func outcomeEvents(
    of positions: [PositionSummary], partyIds: Set<String>?, knownAt: KnownAt,
    publishedBy: PartialDate?, db: Database
  ) throws -> [TimelineEvent] {
    let byId = Dictionary(positions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    var events: [TimelineEvent] = []
    let history = try assessments(of: Array(byId.keys), through: Int.max, knownAt: knownAt, db: db)
    for (id, entries) in history.sorted(by: { $0.key < $1.key }) {
      guard let position = byId[id] else { continue }
      let holder = position.holders.first { partyIds?.contains($0) ?? true } ?? position.holder
      for entry in entries {
        var event = TimelineEvent(
          date: entry.on, kind: .outcome, party: holder, issues: position.issues,
          positionReferences: [.init(id: id)], stance: position.kind,
          text: entry.outcome.rawValue + (entry.note.map { ": \($0)" } ?? ""),
          machineCoded: position.machineCoded)
        if let statement = entry.statement {
          let published: SQL = publishedBy.map { publishedStatement("s.id", by: $0.lastDay) } ?? "1"
          guard
            let row = try Row.fetchOne(
              db,
              SQLRequest<Row>(
                literal: """
                  SELECT s.documentId, s.attribution, sp.name FROM statement s
                  LEFT JOIN party sp ON sp.id = s.speakerId WHERE s.id = \(statement) AND \(published)
                  """))
          else { continue }
          event.statement = statement
          event.document = row[0]
          event.attribution = row[1]
          event.speaker = row[2]
        } else if let publishedBy, entry.on.firstDay > publishedBy.lastDay {
          continue
        }
        events.append(event)
      }
    }
    return events
  }
}
