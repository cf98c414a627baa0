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
  /// evidence (see ``attachDetails(_:knownAt:db:)``).
  static func positions(
    _ filter: PositionFilter, ids: [String]? = nil, details: Bool = true, db: Database
  ) throws -> [PositionSummary] {
    var conditions: [SQL] = [RecordFilter.visible("v", at: filter.knownAt)]
    if let ids { conditions.append("p.id IN \(ids)") }
    if !filter.kinds.isEmpty { conditions.append("p.kind IN \(filter.kinds.map(\.rawValue))") }
    if !filter.holders.isEmpty {
      var holders = Set<String>()
      for holder in filter.holders { holders.formUnion(try partyWithParts(holder, db: db)) }
      conditions.append(try holderCondition(holders.sorted(), knownAt: filter.knownAt, db: db))
    }
    if !filter.issues.isEmpty {
      conditions.append(try issueCondition(filter.issues, knownAt: filter.knownAt, db: db))
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
      conditions.append(
        "EXISTS (SELECT 1 FROM evidence pe WHERE pe.positionId = p.id AND \(RecordFilter.visible("pe", at: filter.knownAt)) AND \(publishedStatement("pe.statementId", by: publishedBy.lastDay)))"
      )
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
    if details {
      try attachDetails(
        &summaries, knownAt: filter.knownAt, publishedBy: filter.publishedBy?.lastDay, db: db)
      try attachLifecycle(&summaries, through: day, knownAt: filter.knownAt, db: db)
    } else {
      // Who holds it and where: a joint position is found by each holder and slot.
      try attachJointRows(&summaries, knownAt: filter.knownAt, db: db)
    }
    if let publishedBy = filter.publishedBy {
      try hideUnpublishedEnds(&summaries, publishedBy: publishedBy.lastDay, db: db)
      if endCheckedLater, let asOf = filter.asOf {
        summaries.removeAll { $0.validTo.map { $0.firstDay <= asOf.lastDay } ?? false }
      }
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
  static func holderCondition(_ holders: [String], knownAt: KnownAt, db: Database) throws -> SQL {
    guard try JointRows.present(db).coHolders else { return "p.holderId IN \(holders)" }
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
  /// ``holderCondition(_:knownAt:db:)``.
  static func issueCondition(_ issues: [String], knownAt: KnownAt, db: Database) throws -> SQL {
    guard try JointRows.present(db).alsoOn else { return "p.issueId IN \(issues)" }
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
    for index in ended {
      let position = summaries[index]
      let shown: Bool
      if let statement = position.endedBy {
        shown =
          try Bool.fetchOne(
            db, SQLRequest<Bool>(literal: "SELECT \(publishedStatement("\(statement)", by: day))"))
          ?? false
      } else if position.endReason == .superseded {
        shown =
          try Bool.fetchOne(
            db,
            SQLRequest<Bool>(
              literal: """
                SELECT EXISTS (SELECT 1 FROM positionRelation r JOIN evidence e ON e.positionId = r.fromPositionId
                               WHERE r.toPositionId = \(position.id) AND r.kind = 'supersedes'
                                 AND r.retiredIn IS NULL AND e.retiredIn IS NULL
                                 AND \(publishedStatement("e.statementId", by: day)))
                """)) ?? false
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

  /// Fills in targets, conditions and evidence, fetching them in batches; with `publishedBy`
  /// (`yyyymmdd`), only evidence published by that day.
  static func attachDetails(
    _ summaries: inout [PositionSummary], knownAt: KnownAt, publishedBy: Int? = nil,
    db: Database
  ) throws {
    let indexById = Dictionary(
      uniqueKeysWithValues: summaries.enumerated().map { ($0.element.id, $0.offset) })
    let ids = summaries.map(\.id)
    for chunkStart in stride(from: 0, to: ids.count, by: 500) {
      let chunk = Array(ids[chunkStart..<min(chunkStart + 500, ids.count)])
      let targets = try Row.fetchCursor(
        db,
        SQLRequest<Row>(
          literal: """
            SELECT positionId, partyId FROM positionTarget WHERE positionId IN \(chunk)
            ORDER BY positionId, partyId
            """, cached: true))
      while let row = try targets.next() {
        summaries[indexById[row[0]]!].target.append(row[1])
      }
      let conditions = try Row.fetchCursor(
        db,
        SQLRequest<Row>(
          literal: """
            SELECT positionId, text FROM positionCondition WHERE positionId IN \(chunk)
            ORDER BY positionId, ordinal
            """, cached: true))
      while let row = try conditions.next() {
        summaries[indexById[row[0]]!].conditions.append(row[1])
      }
      let evidenceVisible = RecordFilter.visible("e", at: knownAt)
      let statementVisible = RecordFilter.visible("s", at: knownAt)
      let quoteVisible = RecordFilter.visible("eq", at: knownAt)
      let published: SQL = publishedBy.map { publishedStatement("s.id", by: $0) } ?? "1"
      let rows = try Row.fetchCursor(
        db,
        SQLRequest<Row>(
          literal: """
            SELECT e.positionId, e.role, e.recordedIn, s.id, s.speakerId, s.onBehalfOfId, s.saidOn, s.saidPrecision,
                   s.dateBasis, s.quote, s.attribution, s.documentId, sp.name AS speakerName,
                   d.title, d.outlet, d.url, eq.quote AS ownQuote
            FROM evidence e
            JOIN statement s ON s.id = e.statementId
            JOIN document d ON d.id = s.documentId
            LEFT JOIN party sp ON sp.id = s.speakerId
            LEFT JOIN evidenceQuote eq
              ON eq.positionId = e.positionId AND eq.statementId = e.statementId AND \(quoteVisible)
            WHERE e.positionId IN \(chunk) AND \(evidenceVisible) AND \(statementVisible)
              AND \(published)
            ORDER BY e.positionId, s.saidOn, CASE e.role WHEN 'supports' THEN 0 ELSE 1 END, s.id
            """, cached: true))
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
    }
    try attachFurtherSources(&summaries, knownAt: knownAt, db: db)
    try attachJointRows(&summaries, knownAt: knownAt, db: db)
  }

  /// Adds each position's joint holders and further slots (most stores have none: one cheap
  /// check, then two queries per 500 positions).
  static func attachJointRows(
    _ summaries: inout [PositionSummary], knownAt: KnownAt, db: Database
  ) throws {
    let present = try JointRows.present(db)
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

  /// Adds the further documents that report each evidence statement (most stores have none:
  /// one cheap check, then one query per 500 statements).
  static func attachFurtherSources(
    _ summaries: inout [PositionSummary], knownAt: KnownAt, db: Database
  ) throws {
    guard
      try Bool.fetchOne(
        db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM statementSource)")) == true
    else { return }
    let statements = Array(Set(summaries.flatMap { $0.evidence.map(\.statement) })).sorted()
    var sources: [String: [FurtherSource]] = [:]
    let visible = RecordFilter.visible("ss", at: knownAt)
    for chunkStart in stride(from: 0, to: statements.count, by: 500) {
      let chunk = Array(statements[chunkStart..<min(chunkStart + 500, statements.count)])
      let rows = try Row.fetchCursor(
        db,
        SQLRequest<Row>(
          literal: """
            SELECT ss.statementId, d.id, d.title, d.outlet, d.url, d.publishedOn,
                   d.publishedPrecision
            FROM statementSource ss JOIN document d ON d.id = ss.documentId
            WHERE ss.statementId IN \(chunk) AND \(visible)
            ORDER BY ss.statementId, d.publishedOn, d.id
            """, cached: true))
      while let row = try rows.next() {
        let published: Int? = row[5]
        sources[row[0], default: []].append(
          FurtherSource(
            document: row[1], title: row[2], outlet: row[3], url: row[4],
            published: published.map { PartialDate(storedValue: $0, precision: row[6] ?? .day) }))
      }
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

/// Whether the store has any joint holders or further slots (`Schema/0008`): until it has, every
/// query by holder or issue reads only the position's own columns, as before.
enum JointRows {
  static func present(_ db: Database) throws -> (coHolders: Bool, alsoOn: Bool) {
    let row = try Row.fetchOne(
      db.cachedStatement(
        sql: """
          SELECT EXISTS (SELECT 1 FROM positionCoHolder), EXISTS (SELECT 1 FROM positionAlsoOn)
          """))
    return (row?[0] ?? false, row?[1] ?? false)
  }
}
