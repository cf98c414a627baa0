import Foundation
import GRDB

/// Which positions a query asks for.
///
/// Empty lists mean "any". Party ids match the party and its parts (a ministry of a state);
/// issue ids are taken as given (``ParleyStore/resolveIssues(_:)`` expands prefixes).
public struct PositionFilter: Sendable, Equatable {
  public var kinds: [StanceKind]
  public var holders: [String]
  public var issues: [String]
  public var targets: [String]
  /// The day in the world the positions must be held on; nil for every position, held or not.
  public var asOf: PartialDate?
  /// The point in the store's history to read at.
  public var knownAt: KnownAt
  /// Whether records deprecated as mistakes are shown.
  public var includeDeprecated: Bool
  /// Only positions whose interval starts after the first and on or before the second day
  /// (`yyyymmdd`).
  public var startingWithin: DayWindow?
  /// Statuses the position must have (as known at ``knownAt``); asking for `deprecated` also
  /// needs ``includeDeprecated``.
  public var statuses: [PositionStatus]
  public var modalities: [Modality]
  /// Positions with at least one evidence statement of one of these attributions.
  public var attributions: [Attribution]
  /// Positions with evidence said by one of these parties or people (as the speaker, or as the
  /// party spoken for; a party includes its parts).
  public var speakers: [String]
  /// Positions with evidence from one of these documents (ids).
  public var documents: [String]
  /// Texts to look for through the full-text index.
  ///
  /// A position matches when one of the texts matches its proposition, its key, one of its
  /// evidence quotes or their documents' titles; a text matches when every word in it starts a
  /// word there. Texts are never SQL or FTS5 syntax, only words.
  public var textMatches: [String]
  /// Only positions whose proposition contains this text (SQL `LIKE`: ASCII letters match without
  /// regard to case).
  ///
  /// A stopgap for text search until a query language has one.
  public var text: String?
  /// The day statuses are relative to when no ``asOf`` is given (`yyyymmdd`); nil for today.
  public var referenceDay: Int?
  /// Whether an as-of answer may show what happened after the as-of day: evidence said later, and
  /// an end that lies after it.
  ///
  /// Off for every read command (the world as it stood that day); on for the diff, which compares
  /// its two ends with what ended between them.
  public var showsLaterFacts = false
  /// The third time question: what the public record held on a day.
  ///
  /// Only evidence from documents published by then (the statement's own, or a further source), and
  /// only positions with such evidence; an end only when what says so was published by then.
  public var publishedBy: PartialDate?
  /// Whether machine-coded positions (imported event data, `parley import gdelt`) are included.
  public var includeMachineCoded = false

  public init(
    kinds: [StanceKind] = [], holders: [String] = [], issues: [String] = [],
    targets: [String] = [], asOf: PartialDate? = nil, knownAt: KnownAt = .latest,
    includeDeprecated: Bool = false, statuses: [PositionStatus] = [], modalities: [Modality] = [],
    attributions: [Attribution] = [], speakers: [String] = [], documents: [String] = [],
    textMatches: [String] = [], publishedBy: PartialDate? = nil, includeMachineCoded: Bool = false
  ) {
    self.publishedBy = publishedBy
    self.includeMachineCoded = includeMachineCoded
    self.kinds = kinds
    self.holders = holders
    self.issues = issues
    self.targets = targets
    self.asOf = asOf
    self.knownAt = knownAt
    self.includeDeprecated = includeDeprecated
    self.statuses = statuses
    self.modalities = modalities
    self.attributions = attributions
    self.speakers = speakers
    self.documents = documents
    self.textMatches = textMatches
  }
}

/// A span of days, `yyyymmdd` after `after` up to and including `through`.
public struct DayWindow: Sendable, Equatable {
  public var after: Int
  public var through: Int
}

extension ParleyStore {
  /// The positions matching `filter`, each with its targets, conditions and evidence.
  ///
  /// A position is held as of day D when `validFrom <= D < validTo` (half-open), so at a
  /// handover exactly one of two successive positions is held. A month- or year-precision
  /// as-of date means the last day of that period.
  public func positions(_ filter: PositionFilter) throws -> [PositionSummary] {
    try reader.read { db in try Self.positions(filter, db: db) }
  }

  /// The answer to `parley who <verb>` or `parley positions`, with the question it answers.
  public func positionList(_ filter: PositionFilter, question: String) throws -> PositionList {
    try reader.read { db in
      var list = PositionList(
        question: question + (filter.publishedBy.map { ", as published by \($0)" } ?? ""),
        asOf: filter.asOf, knownAt: try Self.recordPoint(filter.knownAt, db: db),
        positions: try Self.positions(filter, db: db))
      list.publishedBy = filter.publishedBy
      return list
    }
  }

  /// One position with its evidence, relations and record-time history, or an error naming
  /// close ids when there is no such position.
  ///
  /// A machine-coded position (imported event data) is shown only with `includeMachineCoded`,
  /// and relations to machine-coded positions likewise; without it, asking for one is an error
  /// that says how to see it.
  public func positionDetail(
    id: String, knownAt: KnownAt = .latest, publishedBy: PartialDate? = nil,
    includeMachineCoded: Bool = false
  ) throws -> PositionDetail {
    try reader.read { db in
      var filter = PositionFilter(knownAt: knownAt, includeDeprecated: true)
      filter.asOf = nil
      filter.publishedBy = publishedBy
      filter.includeMachineCoded = true
      guard let summary = try Self.positions(filter, ids: [id], db: db).first else {
        let close = try String.fetchAll(
          db, sql: "SELECT id FROM position WHERE id LIKE ? ESCAPE '\\' ORDER BY id LIMIT 5",
          arguments: ["%" + Self.escapeLike(id) + "%"])
        throw QueryError.unknownPosition(id, suggestions: close)
      }
      if summary.machineCoded && !includeMachineCoded { throw QueryError.machineCoded(id) }
      let visible: SQL =
        includeMachineCoded
        ? RecordFilter.visible("r", at: knownAt)
        : "\(RecordFilter.visible("r", at: knownAt)) AND \(Self.curatedPosition("o.id"))"
      let relationRows = try Row.fetchAll(
        db,
        SQL(
          """
          SELECT 'outgoing' AS direction, r.kind, r.note, o.id AS other, o.holderId, o.kind AS otherKind,
                 o.proposition
          FROM positionRelation r JOIN position o ON o.id = r.toPositionId
          WHERE r.fromPositionId = \(id) AND \(visible)
          UNION ALL
          SELECT 'incoming', r.kind, r.note, o.id, o.holderId, o.kind, o.proposition
          FROM positionRelation r JOIN position o ON o.id = r.fromPositionId
          WHERE r.toPositionId = \(id) AND \(visible)
          ORDER BY 1 DESC, 2, 4
          """))
      let relations = relationRows.map { row in
        RelatedPosition(
          direction: row["direction"], kind: row["kind"], other: row["other"],
          otherHolder: row["holderId"], otherKind: row["otherKind"],
          otherProposition: row["proposition"], note: row["note"])
      }
      var versionRequest = PositionVersion.filter(PositionVersion.Columns.positionId == id)
      if case .revision(let revision) = knownAt {
        versionRequest = versionRequest.filter(Column("recordedIn") <= revision)
      }
      let history = try versionRequest.order(Column("id")).fetchAll(db).map { version in
        var retired = version.retiredIn
        if case .revision(let revision) = knownAt, let value = retired, value > revision {
          retired = nil
        }
        return VersionEntry(
          validFrom: version.from, validTo: version.to, status: version.status,
          statusReason: version.statusReason, recordedIn: version.recordedIn, retiredIn: retired)
      }
      var detail = PositionDetail(
        position: summary, relations: relations, history: history,
        knownAt: try Self.recordPoint(knownAt, db: db))
      detail.publishedBy = publishedBy
      return detail
    }
  }

  // MARK: - Internal

  static func recordPoint(_ knownAt: KnownAt, db: Database) throws -> RecordPoint {
    let row: Row?
    switch knownAt {
    case .latest:
      row = try Row.fetchOne(
        db.cachedStatement(sql: "SELECT id, recordedAt FROM revision ORDER BY id DESC LIMIT 1"))
    case .revision(let id):
      row = try Row.fetchOne(
        db.cachedStatement(
          sql: "SELECT id, recordedAt FROM revision WHERE id <= ? ORDER BY id DESC LIMIT 1"),
        arguments: [id])
    }
    guard let row else { return RecordPoint(revision: 0, recordedAt: nil) }
    let recordedAt: Int64 = row[1]
    return RecordPoint(
      revision: row[0],
      recordedAt: RecordPoint.format(Date(timeIntervalSince1970: Double(recordedAt) / 1000)))
  }

  /// The positions matching `filter`; with `details`, also their targets, conditions and
  /// evidence (see ``attachDetails(_:through:knownAt:publishedBy:optional:db:)``).
  static func positions(
    _ filter: PositionFilter, ids: [String]? = nil, details: Bool = true, db: Database
  ) throws -> [PositionSummary] {
    var conditions: [SQL] = [RecordFilter.visible("v", at: filter.knownAt)]
    // Which optional tables hold rows, read once for the whole answer.
    let optional = try OptionalRows.read(db)
    if let ids { conditions.append("p.id IN \(ids)") }
    if !filter.kinds.isEmpty { conditions.append("p.kind IN \(filter.kinds.map(\.rawValue))") }
    if !filter.holders.isEmpty {
      let holders = try partiesWithParts(filter.holders, db: db)
      conditions.append(holderCondition(holders, knownAt: filter.knownAt, optional: optional))
    }
    if !filter.issues.isEmpty {
      conditions.append(issueCondition(filter.issues, knownAt: filter.knownAt, optional: optional))
    }
    if !filter.targets.isEmpty {
      conditions.append(
        "EXISTS (SELECT 1 FROM positionTarget t WHERE t.positionId = p.id AND t.partyId IN \(filter.targets))"
      )
    }
    // As the public record stood (published by), an end not yet published by then reads as
    // open: the end is checked once unpublished ends are hidden (below), not here. The diff's
    // ends (which show later facts) are checked the same way, or a position whose end was not
    // yet public would read as dropped.
    let endCheckedLater = filter.publishedBy != nil
    if let asOf = filter.asOf {
      let day = asOf.lastDay
      if endCheckedLater {
        conditions.append("v.validFrom <= \(day)")
      } else {
        conditions.append("v.validFrom <= \(day) AND (v.validTo IS NULL OR v.validTo > \(day))")
      }
    }
    if let window = filter.startingWithin {
      conditions.append("v.validFrom > \(window.after) AND v.validFrom <= \(window.through)")
    }
    if !filter.includeDeprecated { conditions.append("v.status <> 'deprecated'") }
    if !filter.includeMachineCoded { conditions.append(curatedPosition("p.id")) }
    if let text = filter.text {
      conditions.append("p.proposition LIKE \("%" + escapeLike(text) + "%") ESCAPE '\\'")
    }
    if !filter.statuses.isEmpty {
      conditions.append("v.status IN \(filter.statuses.map(\.rawValue))")
    }
    if !filter.modalities.isEmpty {
      conditions.append("p.modality IN \(filter.modalities.map(\.rawValue))")
    }
    conditions += try evidenceConditions(filter, db: db)
    if let publishedBy = filter.publishedBy {
      // Some evidence published by then: the statement's own document, found by the join, or a
      // further source.
      let day = publishedBy.lastDay
      conditions.append(
        """
        EXISTS (SELECT 1 FROM evidence pe JOIN statement ps ON ps.id = pe.statementId
                JOIN document pd ON pd.id = ps.documentId
                WHERE pe.positionId = p.id AND \(RecordFilter.visible("pe", at: filter.knownAt))
                  AND (pd.publishedOn <= \(day)
                       OR EXISTS (SELECT 1 FROM statementSource pss
                                  JOIN document psd ON psd.id = pss.documentId
                                  WHERE pss.statementId = pe.statementId
                                    AND psd.publishedOn <= \(day))))
        """)
    }
    let whereClause = conditions.joined(operator: .and)
    // Prepared statements are cached by their SQL (values are bound), and rows are read by
    // column index from a cursor: at scale, names and copies cost more than SQLite does.
    let rows = try Row.fetchCursor(
      db,
      SQLRequest<Row>(
        literal: SQL(
          """
          SELECT p.id, p.holderId, p.issueId, p.propositionKey, p.proposition, p.kind, p.polarity,
                 p.modality, p.note, v.validFrom, v.validFromPrecision, v.validTo, v.validToPrecision,
                 v.status, v.statusReason, h.name AS holderName, i.label AS issueLabel,
                 p.recordedIn, v.recordedIn AS versionRecordedIn, v.endStatementId,
                 \(filter.includeMachineCoded ? machineCodedPosition("p.id") : "0") AS machineCoded
          FROM position p
          JOIN positionVersion v ON v.positionId = p.id
          JOIN party h ON h.id = p.holderId
          JOIN issue i ON i.id = p.issueId
          WHERE \(whereClause)
          ORDER BY p.holderId, p.issueId, v.validFrom, p.id
          """), cached: true))
    var summaries: [PositionSummary] = []
    let day = filter.asOf?.lastDay ?? filter.referenceDay ?? PartialDate.today().firstDay
    while let row = try rows.next() {
      let validTo: Int? = row[11]
      let stored: PositionStatus = row[13]
      summaries.append(
        PositionSummary(
          id: row[0], holder: row[1], holderName: row[15], kind: row[5], issue: row[2],
          issueLabel: row[16], target: [], proposition: row[4], propositionKey: row[3],
          polarity: row[6], modality: row[7], conditions: [],
          validFrom: PartialDate(storedValue: row[9], precision: row[10]),
          validTo: validTo.map { PartialDate(storedValue: $0, precision: row[12] ?? .day) },
          status: stored.relative(validTo: validTo, on: day), statusReason: row[14],
          note: row[8], evidence: [], recordedIn: row[17], versionRecordedIn: row[18],
          endReason: stored.endReason(validTo: validTo), endedBy: row[19], machineCoded: row[20]))
    }
    // Ends not yet published first, so that positions the public record shows ended by the
    // as-of day are dropped before their details are read.
    if let publishedBy = filter.publishedBy {
      try hideUnpublishedEnds(&summaries, publishedBy: publishedBy.lastDay, db: db)
      if endCheckedLater, let asOf = filter.asOf {
        summaries.removeAll { $0.validTo.map { $0.firstDay <= asOf.lastDay } ?? false }
      }
    }
    if details {
      try attachDetails(
        &summaries, through: day, knownAt: filter.knownAt,
        publishedBy: filter.publishedBy?.lastDay, optional: optional, db: db)
    } else {
      // Who holds it and where: a joint position is found by each holder and slot.
      try attachJointRows(&summaries, knownAt: filter.knownAt, optional: optional, db: db)
    }
    if let asOf = filter.asOf, !filter.showsLaterFacts {
      for index in summaries.indices { summaries[index].keepOnly(asSeenOn: asOf) }
    }
    return summaries
  }

  /// SQL true for a position held by one of `holders`: as its primary holder, or jointly
  /// (`held_with`, ``PositionSummary/coHolders``).
  ///
  /// Every answer by holder is built on this one condition. A store without joint positions
  /// gets the plain indexed comparison of the primary holder; with some, the ids held as primary
  /// (`position_slot`) and jointly (`positionCoHolder_partyId`) are one indexed union, whose
  /// positions are then read by id (an OR of the two lets SQLite scan every position).
  static func holderCondition(_ holders: [String], knownAt: KnownAt, optional: OptionalRows)
    -> SQL
  {
    guard optional.coHolders else { return "p.holderId IN \(holders)" }
    return """
      p.id IN (
        SELECT hp.id FROM position hp WHERE hp.holderId IN \(holders)
        UNION
        SELECT ch.positionId FROM positionCoHolder ch
        WHERE ch.partyId IN \(holders) AND \(RecordFilter.visible("ch", at: knownAt)))
      """
  }

  /// SQL true for a position on one of `issues`: its primary issue, or a further slot
  /// (`also_on`, ``PositionSummary/alsoOn``); the issue counterpart of
  /// ``holderCondition(_:knownAt:optional:)``.
  static func issueCondition(_ issues: [String], knownAt: KnownAt, optional: OptionalRows) -> SQL {
    guard optional.alsoOn else { return "p.issueId IN \(issues)" }
    return """
      p.id IN (
        SELECT ip.id FROM position ip WHERE ip.issueId IN \(issues)
        UNION
        SELECT ao.positionId FROM positionAlsoOn ao
        WHERE ao.issueId IN \(issues) AND \(RecordFilter.visible("ao", at: knownAt)))
      """
  }

  /// Conditions on a position's evidence: its statements' attribution, speaker, document, and
  /// the full-text match.
  private static func evidenceConditions(_ filter: PositionFilter, db: Database) throws -> [SQL] {
    var conditions: [SQL] = []
    let evidence = RecordFilter.visible("qe", at: filter.knownAt)
    let statement = RecordFilter.visible("qs", at: filter.knownAt)
    func someEvidence(_ condition: SQL) -> SQL {
      """
      EXISTS (SELECT 1 FROM evidence qe JOIN statement qs ON qs.id = qe.statementId
              WHERE qe.positionId = p.id AND \(evidence) AND \(statement) AND \(condition))
      """
    }
    if !filter.attributions.isEmpty {
      conditions.append(someEvidence("qs.attribution IN \(filter.attributions.map(\.rawValue))"))
    }
    if !filter.speakers.isEmpty {
      var speakers = Set<String>()
      for speaker in filter.speakers { speakers.formUnion(try partyWithParts(speaker, db: db)) }
      let ids = speakers.sorted()
      conditions.append(someEvidence("(qs.speakerId IN \(ids) OR qs.onBehalfOfId IN \(ids))"))
    }
    if !filter.documents.isEmpty {
      conditions.append(someEvidence("qs.documentId IN \(filter.documents)"))
    }
    if !filter.textMatches.isEmpty {
      guard let match = FullTextQuery.matchExpression(anyOf: filter.textMatches, prefix: true)
      else {
        // Nothing but punctuation: no word to find, so nothing matches.
        return conditions + ["0"]
      }
      let document = RecordFilter.visible("qd", at: filter.knownAt)
      conditions.append(
        """
        p.id IN (
          SELECT id FROM searchIndex WHERE searchIndex MATCH \(match) AND kind = 'position'
          UNION
          SELECT qe.positionId FROM evidence qe JOIN statement qs ON qs.id = qe.statementId
          JOIN document qd ON qd.id = qs.documentId
          WHERE \(evidence) AND \(statement) AND \(document) AND (
            qs.id IN (SELECT id FROM searchIndex
                      WHERE searchIndex MATCH \(match) AND kind = 'statement')
            OR qd.id IN (SELECT id FROM searchIndex
                         WHERE searchIndex MATCH \(match) AND kind = 'document')))
        """)
    }
    return conditions
  }

  /// SQL true when the position is machine-coded (imported event data, `parley import gdelt`).
  ///
  /// `position` is a column (`"p.id"`, SQL text written in the code).
  static func machineCodedPosition(_ position: SQL) -> SQL {
    "EXISTS (SELECT 1 FROM machineCoded mc WHERE mc.recordKind = 'position' AND mc.recordId = \(position))"
  }

  /// SQL true when the position is curated: not machine-coded.
  static func curatedPosition(_ position: SQL) -> SQL { "NOT \(machineCodedPosition(position))" }

  /// SQL true when the statement was in a document published on or before `day`: its own, or a
  /// further source that reports it.
  ///
  /// `statement` is a column (`"e.statementId"`, SQL text written in the code) or a bound value
  /// (`"\(id)"`).
  static func publishedStatement(_ statement: SQL, by day: Int) -> SQL {
    """
    EXISTS (SELECT 1 FROM statement ps JOIN document pd ON pd.id = ps.documentId
            WHERE ps.id = \(statement) AND pd.publishedOn <= \(day)
            UNION ALL
            SELECT 1 FROM statementSource pss JOIN document psd ON psd.id = pss.documentId
            WHERE pss.statementId = \(statement) AND psd.publishedOn <= \(day))
    """
  }

  /// Treats as open what the public record of `publishedBy` did not yet show ended: an end
  /// said in a later document, or a supersession by a position not yet published.
  static func hideUnpublishedEnds(
    _ summaries: inout [PositionSummary], publishedBy day: Int, db: Database
  ) throws {
    let ended = summaries.indices.filter { summaries[$0].validTo != nil }
    guard !ended.isEmpty else { return }
    // Which ends the record showed by then, for every ended position at once: the statements
    // that ended them, and the supersessions by a position with published evidence.
    var endStatements: [String] = []
    var superseded: [String] = []
    for index in ended {
      if let statement = summaries[index].endedBy {
        endStatements.append(statement)
      } else if summaries[index].endReason == .superseded {
        superseded.append(summaries[index].id)
      }
    }
    var publishedEnds = Set<String>()
    var publishedSupersessions = Set<String>()
    if !endStatements.isEmpty || !superseded.isEmpty {
      let rows = try Row.fetchCursor(
        db.cachedStatement(sql: DetailSQL.publishedEnds),
        arguments: [
          "ends": jsonArray(endStatements), "superseded": jsonArray(superseded), "day": day,
        ])
      while let row = try rows.next() {
        let kind: Int = row[0]
        if kind == 0 { publishedEnds.insert(row[1]) } else { publishedSupersessions.insert(row[1]) }
      }
    }
    for index in ended {
      let position = summaries[index]
      let shown: Bool
      if let statement = position.endedBy {
        shown = publishedEnds.contains(statement)
      } else if position.endReason == .superseded {
        shown = publishedSupersessions.contains(position.id)
      } else {
        shown = true  // an end the position carried from the start (a term, a valid_to)
      }
      if !shown && position.status != .deprecated {
        summaries[index].validTo = nil
        summaries[index].endReason = nil
        summaries[index].endedBy = nil
        summaries[index].status = .active
        summaries[index].statusReason = nil
      }
    }
  }

  /// Fills in targets, conditions, evidence, the term in force and the latest outcome assessed
  /// on or before `day`, joint holders and further slots; with `publishedBy` (`yyyymmdd`), only
  /// evidence published by that day.
  ///
  /// Three statements whatever the number of positions (the ids are bound once, as a JSON
  /// array): one for the small per-position rows of every kind, one for the evidence, and one for
  /// the further sources when the store has any.
  static func attachDetails(
    _ summaries: inout [PositionSummary], through day: Int, knownAt: KnownAt,
    publishedBy: Int? = nil, optional: OptionalRows? = nil, db: Database
  ) throws {
    guard !summaries.isEmpty else { return }
    let optional = try optional ?? OptionalRows.read(db)
    let indexById = Dictionary(
      uniqueKeysWithValues: summaries.enumerated().map { ($0.element.id, $0.offset) })
    // Read afresh: a summary read without details already has its joint rows.
    for index in summaries.indices {
      summaries[index].target = []
      summaries[index].conditions = []
      summaries[index].coHolders = []
      summaries[index].alsoOn = []
      summaries[index].alsoOnLabels = []
    }
    let ids = jsonArray(summaries.map(\.id))
    var arguments: StatementArguments = ["ids": ids, "day": day]
    if case .revision(let revision) = knownAt { arguments += ["rev": revision] }
    let parts = try Row.fetchCursor(
      db.cachedStatement(sql: DetailSQL.parts(knownAt)), arguments: arguments)
    // Columns: 0 part, 1 positionId, 2–3 sort keys, 4–8 values (DetailSQL.parts).
    while let row = try parts.next() {
      let part: Int = row[0]
      let index = indexById[row[1] as String]!
      switch part {
      case 0: summaries[index].target.append(row[2])
      case 1: summaries[index].conditions.append(row[4])
      case 2:
        let from: Int? = row[5]
        let until: Int? = row[7]
        summaries[index].term = PositionTermView(
          termDays: row[4],
          inForceFrom: from.map { PartialDate(storedValue: $0, precision: row[6] ?? .day) },
          inForceUntil: until.map { PartialDate(storedValue: $0, precision: row[8] ?? .day) })
      case 3:
        // Rows come by assessment day: the last one up to the day is the latest.
        summaries[index].outcome = OutcomeEntry(
          outcome: row[4], on: PartialDate(storedValue: row[2], precision: row[5]),
          statement: row[6], note: row[7], recordedIn: row[8])
      case 4: summaries[index].coHolders.append(row[2])
      default:
        summaries[index].alsoOn.append(row[2])
        summaries[index].alsoOnLabels.append(row[4])
      }
    }
    var evidenceArguments: StatementArguments = ["ids": ids]
    if case .revision(let revision) = knownAt { evidenceArguments += ["rev": revision] }
    if let publishedBy { evidenceArguments += ["published": publishedBy] }
    let rows = try Row.fetchCursor(
      db.cachedStatement(sql: DetailSQL.evidence(knownAt, published: publishedBy != nil)),
      arguments: evidenceArguments)
    // Rows come grouped by position: its index is looked up once per position.
    var current: (id: String, index: Int)?
    while let row = try rows.next() {
      // Columns: 0 positionId, 1 role, 2 recordedIn, 3 id, 4 speakerId, 5 onBehalfOfId,
      // 6 saidOn, 7 saidPrecision, 8 dateBasis, 9 quote, 10 attribution, 11 documentId,
      // 12 speakerName, 13 title, 14 outlet, 15 url, 16 the link's own quote.
      let statementQuote: String? = row[9]
      let ownQuote: String? = row[16]
      var item = EvidenceItem(
        statement: row[3], speaker: row[12], speakerId: row[4], onBehalfOf: row[5],
        date: PartialDate(storedValue: row[6], precision: row[7]), dateBasis: row[8],
        document: row[11], documentTitle: row[13], outlet: row[14], url: row[15],
        quote: ownQuote == EvidenceQuote.withheld ? nil : ownQuote ?? statementQuote,
        attribution: row[10], role: row[1],
        recordedIn: row[2])
      item.statementQuote = statementQuote
      item.quoteIsOwn = ownQuote != nil
      let positionId: String = row[0]
      if current?.id != positionId { current = (positionId, indexById[positionId]!) }
      summaries[current!.index].evidence.append(item)
    }
    if optional.furtherSources {
      try attachFurtherSources(&summaries, knownAt: knownAt, db: db)
    }
  }

  /// Adds each position's joint holders and further slots (most stores have none: one cheap
  /// check, then two queries per 500 positions).
  static func attachJointRows(
    _ summaries: inout [PositionSummary], knownAt: KnownAt, optional: OptionalRows? = nil,
    db: Database
  ) throws {
    let present = try optional ?? OptionalRows.read(db)
    guard present.coHolders || present.alsoOn, !summaries.isEmpty else { return }
    var indexesById: [String: [Int]] = [:]
    for (index, summary) in summaries.enumerated() {
      indexesById[summary.id, default: []].append(index)
      // Read afresh: a summary read without details and then given them is read twice.
      summaries[index].coHolders = []
      summaries[index].alsoOn = []
      summaries[index].alsoOnLabels = []
    }
    let ids = Array(indexesById.keys).sorted()
    for chunkStart in stride(from: 0, to: ids.count, by: 500) {
      let chunk = Array(ids[chunkStart..<min(chunkStart + 500, ids.count)])
      if present.coHolders {
        let rows = try Row.fetchCursor(
          db,
          SQLRequest<Row>(
            literal: """
              SELECT ch.positionId, ch.partyId FROM positionCoHolder ch
              WHERE ch.positionId IN \(chunk) AND \(RecordFilter.visible("ch", at: knownAt))
              ORDER BY ch.positionId, ch.partyId
              """, cached: true))
        while let row = try rows.next() {
          for index in indexesById[row[0]] ?? [] { summaries[index].coHolders.append(row[1]) }
        }
      }
      if present.alsoOn {
        let rows = try Row.fetchCursor(
          db,
          SQLRequest<Row>(
            literal: """
              SELECT ao.positionId, ao.issueId, i.label FROM positionAlsoOn ao
              JOIN issue i ON i.id = ao.issueId
              WHERE ao.positionId IN \(chunk) AND \(RecordFilter.visible("ao", at: knownAt))
              ORDER BY ao.positionId, ao.issueId
              """, cached: true))
        while let row = try rows.next() {
          for index in indexesById[row[0]] ?? [] {
            summaries[index].alsoOn.append(row[1])
            summaries[index].alsoOnLabels.append(row[2])
          }
        }
      }
    }
  }

  /// Adds the further documents that report each evidence statement, in one query (callers
  /// skip it when the store has none: ``OptionalRows``).
  static func attachFurtherSources(
    _ summaries: inout [PositionSummary], knownAt: KnownAt, db: Database
  ) throws {
    let statements = Array(Set(summaries.flatMap { $0.evidence.map(\.statement) })).sorted()
    guard !statements.isEmpty else { return }
    var sources: [String: [FurtherSource]] = [:]
    var arguments: StatementArguments = ["ids": jsonArray(statements)]
    if case .revision(let revision) = knownAt { arguments += ["rev": revision] }
    let rows = try Row.fetchCursor(
      db.cachedStatement(sql: DetailSQL.furtherSources(knownAt)), arguments: arguments)
    while let row = try rows.next() {
      let published: Int? = row[5]
      sources[row[0], default: []].append(
        FurtherSource(
          document: row[1], title: row[2], outlet: row[3], url: row[4],
          published: published.map { PartialDate(storedValue: $0, precision: row[6] ?? .day) }))
    }
    guard !sources.isEmpty else { return }
    for index in summaries.indices {
      for item in summaries[index].evidence.indices {
        let id = summaries[index].evidence[item].statement
        summaries[index].evidence[item].alsoReportedIn = sources[id] ?? []
      }
    }
  }
}

/// Which optional tables hold rows: joint holders and further slots (`Schema/0008`), further
/// sources (`Schema/0005`).
///
/// Until a store has joint rows, every query by holder or issue reads only the position's own
/// columns, as before; one statement tells all three, once per answer.
struct OptionalRows {
  var coHolders: Bool
  var alsoOn: Bool
  var furtherSources: Bool

  static func read(_ db: Database) throws -> OptionalRows {
    let row = try Row.fetchOne(
      db.cachedStatement(
        sql: """
          SELECT EXISTS (SELECT 1 FROM positionCoHolder), EXISTS (SELECT 1 FROM positionAlsoOn),
                 EXISTS (SELECT 1 FROM statementSource)
          """))
    return OptionalRows(
      coHolders: row?[0] ?? false, alsoOn: row?[1] ?? false, furtherSources: row?[2] ?? false)
  }
}

/// The fixed SQL of a position's details: the ids come as one JSON array (`:ids`), so each text
/// is prepared once per connection whatever the number of positions.
enum DetailSQL {
  /// `recordedIn <= :rev AND (retiredIn IS NULL OR retiredIn > :rev)`, or `retiredIn IS NULL`
  /// for the latest state (``RecordFilter/visible(_:at:)`` with a named parameter).
  static func visible(_ alias: String, _ knownAt: KnownAt) -> String {
    switch knownAt {
    case .latest: "\(alias).retiredIn IS NULL"
    case .revision:
      "\(alias).recordedIn <= :rev AND (\(alias).retiredIn IS NULL OR \(alias).retiredIn > :rev)"
    }
  }

  static let ids = "(SELECT value FROM json_each(:ids))"

  /// Targets (0), conditions (1), the term (2), outcomes assessed up to `:day` (3), joint holders
  /// (4) and further slots (5), in one statement, each part in its own order.
  ///
  /// Columns: part, positionId, two sort keys, five values.
  static func parts(_ knownAt: KnownAt) -> String {
    let termVisible: String =
      switch knownAt {
      case .latest: "1"
      case .revision: "t.recordedIn <= :rev"
      }
    return """
      SELECT 0, pt.positionId, pt.partyId, NULL, NULL, NULL, NULL, NULL, NULL
      FROM positionTarget pt WHERE pt.positionId IN \(ids)
      UNION ALL
      SELECT 1, c.positionId, c.ordinal, NULL, c.text, NULL, NULL, NULL, NULL
      FROM positionCondition c WHERE c.positionId IN \(ids)
      UNION ALL
      SELECT 2, t.positionId, NULL, NULL, t.termDays, t.inForceFrom, t.inForceFromPrecision,
             t.inForceUntil, t.inForceUntilPrecision
      FROM positionTerm t WHERE t.positionId IN \(ids) AND \(termVisible)
      UNION ALL
      SELECT 3, o.positionId, o.assessedOn, o.id, o.outcome, o.assessedPrecision, o.statementId,
             o.note, o.recordedIn
      FROM positionOutcome o
      WHERE o.positionId IN \(ids) AND o.assessedOn <= :day AND \(visible("o", knownAt))
      UNION ALL
      SELECT 4, ch.positionId, ch.partyId, NULL, NULL, NULL, NULL, NULL, NULL
      FROM positionCoHolder ch WHERE ch.positionId IN \(ids) AND \(visible("ch", knownAt))
      UNION ALL
      SELECT 5, ao.positionId, ao.issueId, NULL, i.label, NULL, NULL, NULL, NULL
      FROM positionAlsoOn ao JOIN issue i ON i.id = ao.issueId
      WHERE ao.positionId IN \(ids) AND \(visible("ao", knownAt))
      ORDER BY 1, 2, 3, 4
      """
  }

  /// A position's evidence with its statement, document, speaker and own quote; with
  /// `published`, only statements published by `:published` (their own document, or a further
  /// source).
  static func evidence(_ knownAt: KnownAt, published: Bool) -> String {
    let publishedCondition =
      published
      ? """
      AND (d.publishedOn <= :published
           OR EXISTS (SELECT 1 FROM statementSource pss JOIN document psd ON psd.id = pss.documentId
                      WHERE pss.statementId = s.id AND psd.publishedOn <= :published))
      """ : ""
    return """
      SELECT e.positionId, e.role, e.recordedIn, s.id, s.speakerId, s.onBehalfOfId, s.saidOn, s.saidPrecision,
             s.dateBasis, s.quote, s.attribution, s.documentId, sp.name AS speakerName,
             d.title, d.outlet, d.url, eq.quote AS ownQuote
      FROM evidence e
      JOIN statement s ON s.id = e.statementId
      JOIN document d ON d.id = s.documentId
      LEFT JOIN party sp ON sp.id = s.speakerId
      LEFT JOIN evidenceQuote eq
        ON eq.positionId = e.positionId AND eq.statementId = e.statementId AND \(visible("eq", knownAt))
      WHERE e.positionId IN \(ids) AND \(visible("e", knownAt)) AND \(visible("s", knownAt))
        \(publishedCondition)
      ORDER BY e.positionId, s.saidOn, CASE e.role WHEN 'supports' THEN 0 ELSE 1 END, s.id
      """
  }

  /// The further documents that report statements (`:ids`).
  static func furtherSources(_ knownAt: KnownAt) -> String {
    """
    SELECT ss.statementId, d.id, d.title, d.outlet, d.url, d.publishedOn, d.publishedPrecision
    FROM statementSource ss JOIN document d ON d.id = ss.documentId
    WHERE ss.statementId IN \(ids) AND \(visible("ss", knownAt))
    ORDER BY ss.statementId, d.publishedOn, d.id
    """
  }

  /// SQL true when the statement (a column, SQL text written in the code) was in a document
  /// published on or before `:day`: its own, or a further source
  /// (``ParleyStore/publishedStatement(_:by:)`` with a named parameter).
  static func publishedStatement(_ statement: String) -> String {
    """
    EXISTS (SELECT 1 FROM statement ps JOIN document pd ON pd.id = ps.documentId
            WHERE ps.id = \(statement) AND pd.publishedOn <= :day
            UNION ALL
            SELECT 1 FROM statementSource pss JOIN document psd ON psd.id = pss.documentId
            WHERE pss.statementId = \(statement) AND psd.publishedOn <= :day)
    """
  }

  /// Which end statements (`:ends`) and which superseded positions (`:superseded`) the public
  /// record of `:day` showed: part 0 and part 1.
  static let publishedEnds = """
    SELECT 0, j.value FROM json_each(:ends) j WHERE \(publishedStatement("j.value"))
    UNION ALL
    SELECT 1, j.value FROM json_each(:superseded) j
    WHERE EXISTS (SELECT 1 FROM positionRelation r JOIN evidence e ON e.positionId = r.fromPositionId
                  WHERE r.toPositionId = j.value AND r.kind = 'supersedes'
                    AND r.retiredIn IS NULL AND e.retiredIn IS NULL
                    AND \(publishedStatement("e.statementId")))
    """
}
