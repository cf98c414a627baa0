import Foundation
import GRDB

/// What `parley export` writes.
public enum ExportFormat: String, Sendable, CaseIterable {
  /// Curated JSON Lines that `parley load` reads back.
  case jsonl
  /// One row per evidence link and per relation, with provenance.
  case csv
  /// schema.org `Claim` JSON-LD, one per quoted statement.
  case claims
  /// W3C Web Annotations with `TextQuoteSelector` anchors, for quotes whose text is stored.
  case annotations
}

/// Which records an export holds.
public struct ExportSelection: Sendable {
  /// Only statements said on or after this day (`yyyymmdd`), and the positions they are
  /// evidence for.
  public var since: Int?
  /// Only positions of these parties (and their parts), and their evidence.
  public var holders: [String]
  /// Include machine-coded records (imported event data).
  public var includeMachineCoded: Bool

  public init(since: Int? = nil, holders: [String] = [], includeMachineCoded: Bool = false) {
    self.since = since
    self.holders = holders
    self.includeMachineCoded = includeMachineCoded
  }

  var isEverything: Bool { since == nil && holders.isEmpty }
}

/// An export: its text, and the document texts to write beside a JSON Lines file.
public struct ExportOutput: Sendable {
  public var text: String
  /// Document id → stored text, for documents whose `text_file` the JSON Lines names.
  public var texts: [String: String]
  /// What was left out, in words (for standard error).
  public var notes: [String]
}

extension ParleyStore {
  /// Exports positions, statements, evidence and relations with their provenance.
  ///
  /// `textFolder`: for JSON Lines, the folder (relative to the output file) where document
  /// texts are written and named by `text_file`; nil leaves texts out (their `text_sha256`
  /// stays).
  public func export(
    _ format: ExportFormat, selection: ExportSelection = ExportSelection(),
    textFolder: String? = nil
  ) throws -> ExportOutput {
    try reader.read { db in
      let data = try ExportData.read(db, selection: selection)
      switch format {
      case .jsonl: return try data.jsonLines(textFolder: textFolder)
      case .csv: return data.csv()
      case .claims: return try data.claims()
      case .annotations: return try data.annotations()
      }
    }
  }
}

/// The rows of an export, read in one transaction.
struct ExportData {
  var parties: [Row]
  var aliases: [String: [String]]
  var affiliations: [String: [Row]]
  var issues: [Row]
  var documents: [Row]
  var statements: [Row]
  /// Statement id → further documents that report it (`also_reported_in`), in id order.
  var furtherSources: [String: [String]]
  var positions: [String: Row]
  var versions: [String: Row]
  var terms: [String: Row]
  var targets: [String: [String]]
  var conditions: [String: [String]]
  /// Joint holders and further slots by position (`held_with`, `also_on`).
  var coHolders: [String: [String]] = [:]
  var alsoOn: [String: [String]] = [:]
  var evidence: [Row]
  var relations: [Row]
  var outcomes: [Row]
  var partyNames: [String: String]
  var partyKinds: [String: String]
  /// The source of each exported machine-coded statement (only with `includeMachineCoded`).
  var machineCoded: [String: String] = [:]
  /// Every machine-coded mark and imported event (only with `includeMachineCoded`; the JSON
  /// Lines keep those of the records they define).
  var machineCodedMarks: [MachineCodedMark] = []
  var importedEvents: [ImportedEvent] = []
  var notes: [String] = []

  static func read(_ db: Database, selection: ExportSelection) throws -> ExportData {
    // Whether machine-coded records are included: a bound value in each query below.
    let machine: [DatabaseValueConvertible] = [selection.includeMachineCoded]
    // Positions in the selection.
    var holderSet: Set<String>?
    if !selection.holders.isEmpty {
      var set = Set<String>()
      for holder in selection.holders {
        set.formUnion(try ParleyStore.partyWithParts(holder, db: db))
      }
      holderSet = set
    }
    let positionRows = try Row.fetchAll(
      db,
      sql: """
        SELECT * FROM position p
        WHERE (? OR NOT EXISTS (SELECT 1 FROM machineCoded m
                                WHERE m.recordKind = 'position' AND m.recordId = p.id))
        ORDER BY id
        """, arguments: StatementArguments(machine))
    let coHolders = try Self.grouped(
      db,
      sql: """
        SELECT positionId, partyId FROM positionCoHolder WHERE retiredIn IS NULL
        ORDER BY positionId, partyId
        """)
    let alsoOn = try Self.grouped(
      db,
      sql: """
        SELECT positionId, issueId FROM positionAlsoOn WHERE retiredIn IS NULL
        ORDER BY positionId, issueId
        """)
    var positions: [String: Row] = [:]
    for row in positionRows {
      let holder: String = row["holderId"]
      // A joint position belongs to the export of each of its holders.
      let holders = [holder] + (coHolders[row["id"]] ?? [])
      if let holderSet, !holders.contains(where: holderSet.contains) { continue }
      positions[row["id"]] = row
    }
    let evidenceRows = try Row.fetchAll(
      db,
      sql: """
        SELECT e.positionId, e.statementId, e.role, s.saidOn, eq.quote AS ownQuote
        FROM evidence e JOIN statement s ON s.id = e.statementId
        LEFT JOIN evidenceQuote eq ON eq.positionId = e.positionId
          AND eq.statementId = e.statementId AND eq.retiredIn IS NULL
        WHERE e.retiredIn IS NULL AND s.retiredIn IS NULL
        ORDER BY s.saidOn, s.id, e.positionId
        """)
    var evidence: [Row] = []
    var statementIds = Set<String>()
    var usedPositions = Set<String>()
    for row in evidenceRows {
      let position: String = row["positionId"]
      guard positions[position] != nil else { continue }
      if let since = selection.since, (row["saidOn"] as Int) < since { continue }
      evidence.append(row)
      statementIds.insert(row["statementId"])
      usedPositions.insert(position)
    }
    if !selection.isEverything {
      positions = positions.filter { usedPositions.contains($0.key) }
    }
    let statements = try Row.fetchAll(
      db,
      sql: """
        SELECT * FROM statement s
        WHERE retiredIn IS NULL
          AND (? OR NOT EXISTS (SELECT 1 FROM machineCoded m
                                WHERE m.recordKind = 'statement' AND m.recordId = s.id))
        ORDER BY saidOn, id
        """, arguments: StatementArguments(machine)
    ).filter { statementIds.contains($0["id"]) }
    let selectedStatements = Set(statements.map { $0["id"] as String })
    var furtherSources = try Self.grouped(
      db,
      sql: """
        SELECT statementId, documentId FROM statementSource WHERE retiredIn IS NULL
        ORDER BY statementId, documentId
        """)
    furtherSources = furtherSources.filter { key, _ in selectedStatements.contains(key) }
    // The documents the selected statements come from, and those that report them too.
    let documentIds = Set(statements.map { $0["documentId"] as String })
      .union(furtherSources.values.joined())
    // Every document when everything is asked for (one with no statement too), else those the
    // selected statements come from.
    let documents = try Row.fetchAll(
      db,
      sql: """
        SELECT * FROM document d
        WHERE retiredIn IS NULL
          AND (? OR NOT EXISTS (SELECT 1 FROM machineCoded m
                                WHERE m.recordKind = 'document' AND m.recordId = d.id))
        ORDER BY id
        """, arguments: StatementArguments(machine)
    ).filter { selection.isEverything || documentIds.contains($0["id"]) }
    // A further source left out (machine-coded, not asked for) is not named.
    let exportedDocuments = Set(documents.map { $0["id"] as String })
    furtherSources = furtherSources.compactMapValues { ids in
      let kept = ids.filter(exportedDocuments.contains)
      return kept.isEmpty ? nil : kept
    }
    let parties = try Row.fetchAll(
      db,
      sql: """
        SELECT * FROM party p
        WHERE retiredIn IS NULL
          AND (? OR NOT EXISTS (SELECT 1 FROM machineCoded m
                                WHERE m.recordKind = 'party' AND m.recordId = p.id))
        ORDER BY id
        """, arguments: StatementArguments(machine)
    )
    let aliases = try Self.grouped(
      db,
      sql: "SELECT partyId, alias FROM partyAlias WHERE retiredIn IS NULL ORDER BY partyId, alias")
    var affiliations: [String: [Row]] = [:]
    for row in try Row.fetchAll(
      db,
      sql:
        "SELECT * FROM affiliation WHERE retiredIn IS NULL ORDER BY personId, validFrom, partyId, role"
    ) {
      affiliations[row["personId"], default: []].append(row)
    }
    let issues = try Row.fetchAll(
      db, sql: "SELECT * FROM issue WHERE retiredIn IS NULL ORDER BY id")
    var versions: [String: Row] = [:]
    for row in try Row.fetchAll(db, sql: "SELECT * FROM positionVersion WHERE retiredIn IS NULL") {
      versions[row["positionId"]] = row
    }
    var terms: [String: Row] = [:]
    for row in try Row.fetchAll(db, sql: "SELECT * FROM positionTerm") {
      terms[row["positionId"]] = row
    }
    let targets = try Self.grouped(
      db, sql: "SELECT positionId, partyId FROM positionTarget ORDER BY positionId, partyId")
    let conditions = try Self.grouped(
      db, sql: "SELECT positionId, text FROM positionCondition ORDER BY positionId, ordinal")
    let relations = try Row.fetchAll(
      db,
      sql:
        "SELECT * FROM positionRelation WHERE retiredIn IS NULL ORDER BY fromPositionId, kind, toPositionId"
    ).filter { positions[$0["fromPositionId"]] != nil && positions[$0["toPositionId"]] != nil }
    let outcomes = try Row.fetchAll(
      db,
      sql:
        "SELECT * FROM positionOutcome WHERE retiredIn IS NULL ORDER BY positionId, assessedOn, id"
    ).filter {
      positions[$0["positionId"]] != nil
        && ($0["statementId"] as String?).map(statementIds.contains) ?? true
    }
    var names: [String: String] = [:]
    var kinds: [String: String] = [:]
    for row in try Row.fetchAll(db, sql: "SELECT id, name, kind FROM party") {
      names[row["id"]] = row["name"]
      kinds[row["id"]] = row["kind"]
    }
    var machineCoded: [String: String] = [:]
    var marks: [MachineCodedMark] = []
    var events: [ImportedEvent] = []
    if selection.includeMachineCoded {
      marks = try MachineCodedMark.fetchAll(
        db, sql: "SELECT * FROM machineCoded ORDER BY recordKind, recordId")
      events = try ImportedEvent.fetchAll(
        db, sql: "SELECT * FROM importedEvent ORDER BY source, eventId")
      for row in try Row.fetchAll(
        db,
        sql:
          "SELECT recordId, source FROM machineCoded WHERE recordKind = 'statement' ORDER BY recordId"
      ) where selectedStatements.contains(row["recordId"]) {
        machineCoded[row["recordId"]] = row["source"]
      }
    }
    return ExportData(
      parties: parties, aliases: aliases, affiliations: affiliations, issues: issues,
      documents: documents, statements: statements, furtherSources: furtherSources,
      positions: positions, versions: versions, terms: terms, targets: targets,
      conditions: conditions, coHolders: coHolders, alsoOn: alsoOn, evidence: evidence,
      relations: relations, outcomes: outcomes, partyNames: names, partyKinds: kinds,
      machineCoded: machineCoded, machineCodedMarks: marks, importedEvents: events)
  }

  /// The rows of a two-column query as lists by their first column, in the query's order
  /// (`SELECT positionId, partyId …` → position id → party ids).
  static func grouped(_ db: Database, sql: String) throws -> [String: [String]] {
    var lists: [String: [String]] = [:]
    let rows = try Row.fetchCursor(db, sql: sql)
    while let row = try rows.next() { lists[row[0], default: []].append(row[1]) }
    return lists
  }

  static func date(_ value: Int?, _ precision: String?) -> String? {
    guard let value else { return nil }
    return PartialDate(
      storedValue: value, precision: DatePrecision(rawValue: precision ?? "day") ?? .day
    ).description
  }

  /// Writes a support's own words as the curated file gives them: `quote`, or `no_quote: true`.
  static func addOwnQuote(_ quote: String?, to object: inout [String: Any]) {
    guard let quote else { return }
    if quote == EvidenceQuote.withheld {
      object["no_quote"] = true
    } else {
      object["quote"] = quote
    }
  }

  static func json(_ object: Any) throws -> String {
    let data = try JSONSerialization.data(
      withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
    return String(decoding: data, as: UTF8.self)
  }

  // MARK: - JSON Lines (curated)

  func jsonLines(textFolder: String?) throws -> ExportOutput {
    var lines: [String] = []
    var notes = self.notes
    // Reference data: parties (aliases, affiliations) and issues.
    var partyObjects: [[String: Any]] = []
    for row in parties {
      let id: String = row["id"]
      var object: [String: Any] = [
        "id": id, "name": row["name"] as String, "kind": row["kind"] as String,
      ]
      if let parent: String = row["parentId"] { object["parent"] = parent }
      if let note: String = row["note"] { object["note"] = note }
      if let aliases = aliases[id] { object["aliases"] = aliases }
      if let affiliations = affiliations[id] {
        object["affiliations"] = affiliations.map { row -> [String: Any] in
          var affiliation: [String: Any] = [
            "party": row["partyId"] as String, "role": row["role"] as String,
          ]
          if let from = Self.date(row["validFrom"], row["validFromPrecision"]) {
            affiliation["from"] = from
          }
          if let to = Self.date(row["validTo"], row["validToPrecision"]) { affiliation["to"] = to }
          return affiliation
        }
      }
      partyObjects.append(object)
    }
    let issueObjects = issues.map { row -> [String: Any] in
      var object: [String: Any] = ["id": row["id"] as String, "label": row["label"] as String]
      if let description: String = row["description"] { object["description"] = description }
      return object
    }
    lines.append(try Self.json(["parties": partyObjects, "issues": issueObjects]))

    // Everything else on one line: records of one line may refer to each other in any order,
    // and supersessions and ends take effect together.
    var texts: [String: String] = [:]
    var defined = Set<String>()
    var evidenceByStatement: [String: [Row]] = [:]
    for row in evidence { evidenceByStatement[row["statementId"], default: []].append(row) }
    var statementsByDocument: [String: [Row]] = [:]
    for row in statements { statementsByDocument[row["documentId"], default: []].append(row) }
    var documentObjects: [[String: Any]] = []
    for document in documents {
      let id: String = document["id"]
      var object: [String: Any] = [
        "id": id, "title": document["title"] as String, "language": document["language"] as String,
      ]
      if let outlet: String = document["outlet"] { object["outlet"] = outlet }
      if let url: String = document["url"] { object["url"] = url }
      if let published = Self.date(document["publishedOn"], document["publishedPrecision"]) {
        object["published"] = published
      }
      if let sha: String = document["textSHA256"] { object["text_sha256"] = sha }
      if let body: String = document["body"] {
        if let textFolder {
          let name = textFolder + "/" + id + ".txt"
          object["text_file"] = name
          texts[id] = body
        } else {
          notes.append(
            "the text of document \(id) is not exported (give -o FILE to write texts beside it)")
        }
      }
      var statementObjects: [[String: Any]] = []
      for statement in statementsByDocument[id] ?? [] {
        let statementId: String = statement["id"]
        var item: [String: Any] = [
          "id": statementId, "on_behalf_of": statement["onBehalfOfId"] as String,
          "said": Self.date(statement["saidOn"], statement["saidPrecision"])!,
          "attribution": statement["attribution"] as String,
        ]
        item["speaker"] = (statement["speakerId"] as String?) ?? NSNull()
        if let basis: String = statement["dateBasis"] { item["date_basis"] = basis }
        if let quote: String = statement["quote"] { item["quote"] = quote }
        if let start: Int = statement["quoteStart"] { item["quote_start"] = start }
        if let sources = furtherSources[statementId] { item["also_reported_in"] = sources }
        var supports: [Any] = []
        for link in evidenceByStatement[statementId] ?? [] {
          let positionId: String = link["positionId"]
          let role: String = link["role"]
          // The words that bear on this position, when it has its own (per-support quotes).
          let ownQuote: String? = link["ownQuote"]
          if role == "supports" && !defined.contains(positionId),
            let position = positions[positionId]
          {
            defined.insert(positionId)
            var object = positionObject(position)
            Self.addOwnQuote(ownQuote, to: &object)
            supports.append(object)
          } else if role == "supports" && ownQuote == nil {
            supports.append(positionId)
          } else {
            var object: [String: Any] = ["position": positionId, "role": role]
            Self.addOwnQuote(ownQuote, to: &object)
            supports.append(object)
          }
        }
        item["supports"] = supports
        statementObjects.append(item)
      }
      object["statements"] = statementObjects
      documentObjects.append(object)
    }
    let undefined = positions.keys.filter { !defined.contains($0) }.sorted()
    if !undefined.isEmpty {
      notes.append(
        "\(undefined.count) position(s) with no supporting statement in the selection are left out: \(undefined.prefix(5).joined(separator: ", "))"
      )
    }
    var rest: [String: Any] = ["documents": documentObjects]
    let relationObjects = relations.filter {
      ($0["kind"] as String) != "supersedes" && defined.contains($0["fromPositionId"])
        && defined.contains($0["toPositionId"])
    }
    .map { row -> [String: Any] in
      var object: [String: Any] = [
        "from": row["fromPositionId"] as String, "kind": row["kind"] as String,
        "to": row["toPositionId"] as String,
      ]
      if let note: String = row["note"] { object["note"] = note }
      return object
    }
    if !relationObjects.isEmpty { rest["relations"] = relationObjects }
    // Ends other than supersession, and deprecations.
    var ends: [[String: Any]] = []
    var deprecations: [[String: Any]] = []
    for id in positions.keys.sorted() where defined.contains(id) {
      guard let version = versions[id] else { continue }
      let status: String = version["status"]
      switch status {
      case "withdrawn", "expired", "fulfilled":
        var end: [String: Any] = [
          "position": id, "reason": status,
          "on": Self.date(version["validTo"], version["validToPrecision"]) ?? "",
        ]
        if let statement: String = version["endStatementId"] { end["statement"] = statement }
        ends.append(end)
      case "deprecated":
        deprecations.append([
          "position": id, "reason": version["statusReason"] as String? ?? "deprecated",
        ])
      default: break
      }
    }
    if !ends.isEmpty { rest["ends"] = ends }
    if !deprecations.isEmpty { rest["deprecations"] = deprecations }
    let outcomeObjects = outcomes.filter { defined.contains($0["positionId"]) }.map {
      row -> [String: Any] in
      var object: [String: Any] = [
        "position": row["positionId"] as String, "outcome": row["outcome"] as String,
        "on": Self.date(row["assessedOn"], row["assessedPrecision"])!,
      ]
      if let statement: String = row["statementId"] { object["statement"] = statement }
      if let note: String = row["note"] { object["note"] = note }
      return object
    }
    if !outcomeObjects.isEmpty { rest["outcomes"] = outcomeObjects }
    // Machine-coded records keep their mark, and their events (with --include-machine).
    let exported: [String: Set<String>] = [
      "party": Set(parties.map { $0["id"] as String }),
      "document": Set(documents.map { $0["id"] as String }),
      "statement": Set(statements.map { $0["id"] as String }), "position": defined,
    ]
    let markObjects = machineCodedMarks.filter {
      exported[$0.recordKind]?.contains($0.recordId) == true
    }.map { ["record": $0.recordKind, "id": $0.recordId, "source": $0.source] }
    if !markObjects.isEmpty { rest["machine_coded"] = markObjects }
    let eventObjects = importedEvents.filter {
      exported["statement"]!.contains($0.statementId) && defined.contains($0.positionId)
    }.map(Self.eventObject)
    if !eventObjects.isEmpty { rest["imported_events"] = eventObjects }
    lines.append(try Self.json(rest))
    return ExportOutput(text: lines.joined(separator: "\n") + "\n", texts: texts, notes: notes)
  }

  /// An imported event as the curated format's `imported_events` gives it.
  static func eventObject(_ event: ImportedEvent) -> [String: Any] {
    var object: [String: Any] = [
      "source": event.source, "event_id": event.eventId, "statement": event.statementId,
      "position": event.positionId, "event_code": event.eventCode, "root_code": event.rootCode,
      "actor1": event.actor1Code, "date_added": event.dateAdded,
      "event_date": PartialDate(storedValue: event.eventDate, precision: .day).description,
    ]
    if let plover = event.ploverType { object["plover"] = plover }
    if let actor2 = event.actor2Code { object["actor2"] = actor2 }
    if let quadClass = event.quadClass { object["quad_class"] = quadClass }
    if let goldstein = event.goldsteinScale { object["goldstein"] = goldstein }
    if let url = event.sourceUrl { object["source_url"] = url }
    return object
  }

  /// A position as the curated format defines it inline.
  func positionObject(_ row: Row) -> [String: Any] {
    let id: String = row["id"]
    var object: [String: Any] = [
      "id": id, "holder": row["holderId"] as String, "issue": row["issueId"] as String,
      "key": row["propositionKey"] as String, "proposition": row["proposition"] as String,
      "kind": row["kind"] as String, "polarity": row["polarity"] as String,
      "modality": row["modality"] as String,
    ]
    if let note: String = row["note"] { object["note"] = note }
    if let targets = targets[id] { object["target"] = targets }
    if let coHolders = coHolders[id] { object["held_with"] = coHolders }
    if let alsoOn = alsoOn[id] { object["also_on"] = alsoOn }
    if let conditions = conditions[id] { object["conditions"] = conditions }
    if let version = versions[id] {
      object["valid_from"] = Self.date(version["validFrom"], version["validFromPrecision"])
      let status: String = version["status"]
      if status == "active"
        || (status == "deprecated" && version["validTo"] != nil && terms[id] == nil),
        terms[id] == nil, let to = Self.date(version["validTo"], version["validToPrecision"])
      {
        object["valid_to"] = to
      }
    }
    if let term = terms[id] {
      if let days: Int = term["termDays"] { object["term_days"] = days }
      if let from = Self.date(term["inForceFrom"], term["inForceFromPrecision"]) {
        object["in_force_from"] = from
      }
      if let until = Self.date(term["inForceUntil"], term["inForceUntilPrecision"]) {
        object["in_force_until"] = until
      }
    }
    if let supersedes = relations.first(where: {
      ($0["fromPositionId"] as String) == id && ($0["kind"] as String) == "supersedes"
    }) {
      object["supersedes"] = supersedes["toPositionId"] as String
    }
    return object
  }

  // MARK: - CSV

  func csv() -> ExportOutput {
    func field(_ value: Any?) -> String {
      let text: String
      switch value {
      case let string as String: text = string
      case let int as Int: text = String(int)
      case .some(let other): text = "\(other)"
      case nil: text = ""
      }
      guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
        return text
      }
      return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    let header = [
      "record", "position", "holder", "issue", "kind", "proposition", "modality", "valid_from",
      "valid_to", "status", "role", "statement", "speaker", "on_behalf_of", "said",
      "attribution", "quote", "document", "document_title", "outlet", "url", "published",
      "relation", "related_position", "recorded_in", "also_reported_in", "machine_coded",
    ]
    var lines = [header.joined(separator: ",")]
    let statementById = Dictionary(
      uniqueKeysWithValues: statements.map { ($0["id"] as String, $0) })
    let documentById = Dictionary(uniqueKeysWithValues: documents.map { ($0["id"] as String, $0) })
    func positionFields(_ id: String) -> [Any?] {
      let position = positions[id]
      let version = versions[id]
      return [
        id, position?["holderId"] as String?, position?["issueId"] as String?,
        position?["kind"] as String?, position?["proposition"] as String?,
        position?["modality"] as String?,
        Self.date(version?["validFrom"], version?["validFromPrecision"]),
        Self.date(version?["validTo"], version?["validToPrecision"]), version?["status"] as String?,
      ]
    }
    for link in evidence {
      let statement = statementById[link["statementId"]]
      let document = (statement?["documentId"] as String?).flatMap { documentById[$0] }
      let row: [Any?] =
        ["evidence"] + positionFields(link["positionId"]) + [
          link["role"] as String, link["statementId"] as String, statement?["speakerId"] as String?,
          statement?["onBehalfOfId"] as String?,
          Self.date(statement?["saidOn"], statement?["saidPrecision"]),
          statement?["attribution"] as String?, statement?["quote"] as String?,
          statement?["documentId"] as String?, document?["title"] as String?,
          document?["outlet"] as String?, document?["url"] as String?,
          Self.date(document?["publishedOn"], document?["publishedPrecision"]), nil, nil,
          statement?["recordedIn"] as Int?,
          // Further documents that report the statement, by id, separated by spaces.
          furtherSources[link["statementId"]]?.joined(separator: " "),
          // The source of machine-coded evidence (`gdelt-2.0`), empty for curated.
          machineCoded[link["statementId"]],
        ]
      lines.append(row.map(field).joined(separator: ","))
    }
    for relation in relations {
      let row: [Any?] =
        ["relation"] + positionFields(relation["fromPositionId"])
        + [nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil]
        + [
          relation["kind"] as String, relation["toPositionId"] as String,
          relation["recordedIn"] as Int?, nil, nil,
        ]
      lines.append(row.map(field).joined(separator: ","))
    }
    return ExportOutput(text: lines.joined(separator: "\r\n") + "\r\n", texts: [:], notes: notes)
  }

  // MARK: - schema.org Claim and W3C Web Annotation

  /// The positions each statement is evidence for, with the role.
  var linksByStatement: [String: [(position: String, role: String)]] {
    var result: [String: [(position: String, role: String)]] = [:]
    for link in evidence {
      result[link["statementId"], default: []].append((link["positionId"], link["role"]))
    }
    return result
  }

  func claims() throws -> ExportOutput {
    let documentById = Dictionary(uniqueKeysWithValues: documents.map { ($0["id"] as String, $0) })
    let links = linksByStatement
    var graph: [[String: Any]] = []
    for statement in statements {
      guard let quote: String = statement["quote"] else { continue }
      let id: String = statement["id"]
      let speaker: String? = statement["speakerId"]
      let party: String = statement["onBehalfOfId"]
      let authorId = speaker ?? party
      var author: [String: Any] = [
        "@type": partyKinds[authorId] == "person" ? "Person" : "Organization",
        "name": partyNames[authorId] ?? authorId, "identifier": authorId,
      ]
      if speaker != nil {
        author["affiliation"] = [
          "@type": "Organization", "name": partyNames[party] ?? party, "identifier": party,
        ]
      }
      var claim: [String: Any] = [
        "@type": "Claim", "@id": "urn:parley:statement:\(id)", "text": quote, "author": author,
        "dateCreated": Self.date(statement["saidOn"], statement["saidPrecision"])!,
        "identifier": id,
      ]
      // Where the claim appears: its document, and every further document that reports it
      // (then `appearance` holds several CreativeWorks, its own first).
      let appearances = ([statement["documentId"] as String] + (furtherSources[id] ?? []))
        .compactMap { documentById[$0] }.map(Self.creativeWork)
      if appearances.count == 1 {
        claim["appearance"] = appearances[0]
      } else if !appearances.isEmpty {
        claim["appearance"] = appearances
      }
      claim["about"] = (links[id] ?? []).compactMap { link -> [String: Any]? in
        guard let position = positions[link.position] else { return nil }
        return [
          "@type": "Thing", "identifier": link.position,
          "description": position["proposition"] as String,
          "additionalType": "\(position["kind"] as String) (\(link.role))",
        ]
      }
      graph.append(claim)
    }
    let object: [String: Any] = ["@context": "https://schema.org", "@graph": graph]
    return ExportOutput(text: try Self.json(object) + "\n", texts: [:], notes: notes)
  }

  /// A document as a schema.org `CreativeWork`.
  static func creativeWork(_ document: Row) -> [String: Any] {
    var work: [String: Any] = [
      "@type": "CreativeWork", "@id": "urn:parley:document:\(document["id"] as String)",
      "name": document["title"] as String,
    ]
    if let url: String = document["url"] { work["url"] = url }
    if let outlet: String = document["outlet"] {
      work["publisher"] = ["@type": "Organization", "name": outlet]
    }
    if let published = Self.date(document["publishedOn"], document["publishedPrecision"]) {
      work["datePublished"] = published
    }
    return work
  }

  func annotations() throws -> ExportOutput {
    let documentById = Dictionary(uniqueKeysWithValues: documents.map { ($0["id"] as String, $0) })
    let links = linksByStatement
    var items: [[String: Any]] = []
    var withoutText = 0
    for statement in statements {
      guard let quote: String = statement["quote"], let start: Int = statement["quoteStart"],
        let document = documentById[statement["documentId"]], let body: String = document["body"]
      else {
        if statement["quote"] != nil { withoutText += 1 }
        continue
      }
      let scalars = Array(body.unicodeScalars)
      let end = start + quote.unicodeScalars.count
      guard end <= scalars.count else { continue }
      func text(_ range: Range<Int>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[range])
        return String(view)
      }
      guard text(start..<end) == quote else { continue }
      let prefix = text(max(0, start - 32)..<start)
      let suffix = text(end..<min(scalars.count, end + 32))
      let id: String = statement["id"]
      let documentId: String = document["id"]
      var target: [String: Any] = [
        "source": (document["url"] as String?) ?? "urn:parley:document:\(documentId)",
        "selector": [
          ["type": "TextQuoteSelector", "exact": quote, "prefix": prefix, "suffix": suffix],
          ["type": "TextPositionSelector", "start": start, "end": end],
        ],
      ]
      if let sha: String = document["textSHA256"] {
        target["state"] = ["type": "HttpRequestState", "value": "sha256=\(sha)"]
      }
      // Further documents that report the statement are further targets: anchored by the quote
      // when their text holds it, else the document as a whole.
      var targets: [[String: Any]] = [target]
      for further in (furtherSources[id] ?? []).compactMap({ documentById[$0] }) {
        let furtherId: String = further["id"]
        var other: [String: Any] = [
          "source": (further["url"] as String?) ?? "urn:parley:document:\(furtherId)"
        ]
        if let body: String = further["body"], body.contains(quote) {
          other["selector"] = ["type": "TextQuoteSelector", "exact": quote]
        }
        targets.append(other)
      }
      let bodies: [[String: Any]] = (links[id] ?? []).compactMap { link in
        guard let position = positions[link.position] else { return nil }
        return [
          "type": "TextualBody", "purpose": "describing", "format": "text/plain",
          "value":
            "\(link.role) \(link.position) (\(position["holderId"] as String) \(position["kind"] as String)): \(position["proposition"] as String)",
        ]
      }
      items.append([
        "@context": "http://www.w3.org/ns/anno.jsonld", "id": "urn:parley:statement:\(id)",
        "type": "Annotation", "motivation": "describing",
        "target": targets.count == 1 ? target as Any : targets as Any, "body": bodies,
      ])
    }
    var notes = self.notes
    if withoutText > 0 {
      notes.append(
        "\(withoutText) quoted statement(s) have no stored document text to anchor in, and are left out"
      )
    }
    return ExportOutput(text: try Self.json(items) + "\n", texts: [:], notes: notes)
  }
}
