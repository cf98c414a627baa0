import Foundation
import GRDB

/// One GDELT event row, read from a 1.0 (57 or 58 columns) or 2.0 (61 columns) export.
///
/// Codes stay text: "043" keeps its zero.
struct GdeltRow: Sendable, Equatable {
  var version: String  // "gdelt-1.0" or "gdelt-2.0"
  var eventId: String
  var sqlDate: String
  var actor1Code: String
  var actor1Name: String
  var actor1Country: String
  var actor1Type: String
  var actor2Code: String
  var actor2Name: String
  var actor2Country: String
  var actor2Type: String
  var eventCode: String
  var rootCode: String
  var quadClass: String
  var goldstein: String
  var dateAdded: String
  var sourceUrl: String?

  /// Splits a line; nil when it has a number of columns no GDELT version has.
  ///
  /// Fields are trimmed: some exports pad a code with a space (" CVL"), which names the same
  /// actor, and a field of spaces is empty.
  static func parse(_ line: Substring) -> GdeltRow? {
    let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    let version: String
    let dateAdded: Int
    let url: Int?
    switch fields.count {
    case 61: (version, dateAdded, url) = ("gdelt-2.0", 59, 60)
    case 58: (version, dateAdded, url) = ("gdelt-1.0", 56, 57)
    case 57: (version, dateAdded, url) = ("gdelt-1.0", 56, nil)
    default: return nil
    }
    return GdeltRow(
      version: version, eventId: fields[0], sqlDate: fields[1], actor1Code: fields[5],
      actor1Name: fields[6], actor1Country: fields[7], actor1Type: fields[12],
      actor2Code: fields[15], actor2Name: fields[16], actor2Country: fields[17],
      actor2Type: fields[22], eventCode: fields[26], rootCode: fields[28], quadClass: fields[29],
      goldstein: fields[30], dateAdded: fields[dateAdded],
      sourceUrl: url.map { fields[$0] }.flatMap { $0.isEmpty ? nil : $0 })
  }
}

/// What an import did with every row of its files.
public struct GdeltImportReport: Sendable, Equatable {
  /// Lines read (blank lines aside).
  public var rows = 0
  /// Events imported: each a machine-coded statement.
  public var imported = 0
  /// Of those, how many stated a new position (the others add evidence to one).
  public var newPositions = 0
  public var withoutTarget = 0
  public var partiesCreated = 0
  public var documentsCreated = 0
  /// Rows not imported, by reason ("no Actor1 code", "CAMEO 04 (consult) is not a stance", …).
  public var skipped: [String: Int] = [:]
  /// Imported events by stance kind.
  public var byKind: [String: Int] = [:]
  /// The revision written, or nil when nothing was new.
  public var revision: Int64?

  public var skippedTotal: Int { skipped.values.reduce(0, +) }
}

/// Options of an import.
public struct GdeltImportOptions: Sendable {
  /// Rows whose SQLDATE is before this day (`yyyymmdd`) are skipped.
  public var since: Int?
  /// CAMEO country codes: rows with neither actor among them are skipped (empty: all).
  public var actors: Set<String>

  public init(since: Int? = nil, actors: Set<String> = []) {
    self.since = since
    self.actors = actors
  }
}

extension ParleyStore {
  /// The store parties that CAMEO actor codes stand for, when the store has them.
  static let gdeltPartyMap: [String: String] = [
    "RUS": "russia", "UKR": "ukraine", "USA": "united-states", "GBR": "united-kingdom",
    "FRA": "france", "SAU": "saudi-arabia", "IGOWSTNAT": "nato", "NATO": "nato",
    "IGOEUREEC": "european-union", "EUR": "european-union", "IGOUNO": "united-nations",
    "UNO": "united-nations",
  ]
  /// Issue slots some CAMEO codes speak to (used when the store has the slot).
  static let gdeltIssueMap: [(prefix: String, issue: String)] = [
    ("0256", "ceasefire/general"), ("0356", "ceasefire/general"), ("1056", "ceasefire/general"),
    ("1246", "ceasefire/general"), ("087", "ceasefire/general"),
    ("1312", "sanctions/economic-pressure"),
    ("1244", "sanctions/economic-pressure"), ("0354", "sanctions/relief"),
    ("085", "sanctions/relief"),
    ("1054", "sanctions/relief"), ("0254", "sanctions/relief"), ("036", "process/talks"),
    ("106", "process/talks"), ("125", "process/talks"), ("026", "process/talks"),
    ("0861", "security/foreign-troops"), ("0355", "security/foreign-troops"),
    ("1055", "security/foreign-troops"), ("0234", "security/foreign-troops"),
    ("0334", "security/foreign-troops"), ("1034", "security/foreign-troops"),
  ]
  /// The issue of events with no slot of their own.
  public static let machineCodedIssue = "machine-coded"

  /// Imports GDELT event exports: each event whose code is a stance becomes a machine-coded
  /// statement (SOURCEURL its document, SQLDATE its date, DATEADDED in its provenance) and evidence
  /// for a machine-coded position of Actor1 toward Actor2 on that day; unknown actors become
  /// parties marked as imported.
  ///
  /// Every row is imported or counted under a reason. Importing the same rows again adds nothing.
  /// One transaction, one revision.
  ///
  /// `files` are (path for messages, contents). `progress`, when given, is told the rows read,
  /// statements imported and bytes read so far.
  public func importGdelt(
    _ files: [(path: String, text: String)], options: GdeltImportOptions = GdeltImportOptions(),
    progress: ProgressMeter? = nil
  ) throws -> GdeltImportReport {
    if dbWriter.configuration.readonly {
      throw StoreError(
        .readOnly, path: storePath,
        message: "is read-only: it can be read, but nothing can be written to it.")
    }
    let now = clock()
    do {
      return try dbWriter.writeWithoutTransaction { db in
        var report = GdeltImportReport()
        try db.inTransaction(.immediate) {
          let revision = (try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM revision") ?? 0) + 1
          // The revision row first: every row written names it (rolled back if nothing is new).
          try Revision(
            id: revision, recordedAt: Int64((now.timeIntervalSince1970 * 1000).rounded()),
            summary: "import gdelt " + files.map(\.path).joined(separator: ", "),
            toolVersion: Self.toolVersion
          ).insert(db)
          var importer = try GdeltImporter(db: db, revision: revision, options: options)
          defer { progress?.finish() }
          var bytes = 0
          for file in files {
            for line in file.text.split(separator: "\n", omittingEmptySubsequences: true) {
              bytes += line.utf8.count + 1
              let trimmed = line.hasSuffix("\r") ? line.dropLast() : line
              if trimmed.allSatisfy(\.isWhitespace) { continue }
              report.rows += 1
              try importer.importRow(trimmed, report: &report)
              if report.rows % 256 == 0 {
                progress?.advance(lines: report.rows, records: report.imported, bytes: bytes)
              }
            }
          }
          progress?.advance(lines: report.rows, records: report.imported, bytes: bytes)
          if report.imported == 0 && report.partiesCreated == 0 { return .rollback }
          report.revision = revision
          return .commit
        }
        return report
      }
    } catch let error as DatabaseError {
      throw StoreError(error, path: storePath, waited: busyTimeout)
    }
  }
}

/// The state of one import inside its transaction.
struct GdeltImporter {
  let db: Database
  let revision: Int64
  let options: GdeltImportOptions
  var parties: Set<String>
  var issues: Set<String>
  var partyCache: [String: String] = [:]

  init(db: Database, revision: Int64, options: GdeltImportOptions) throws {
    self.db = db
    self.revision = revision
    self.options = options
    parties = Set(try String.fetchAll(db, sql: "SELECT id FROM party"))
    issues = Set(try String.fetchAll(db, sql: "SELECT id FROM issue"))
  }

  func skip(_ reason: String, _ report: inout GdeltImportReport) {
    report.skipped[reason, default: 0] += 1
  }

  /// An actor code as part of a party id: lower-case letters and digits, anything else '-'.
  static func idPart(_ code: String) -> String {
    String(
      code.lowercased().map { character -> Character in
        character.isASCII && (character.isLetter || character.isNumber) ? character : "-"
      })
  }

  static func title(_ name: String) -> String {
    name.lowercased().split(separator: " ").map { $0.prefix(1).uppercased() + $0.dropFirst() }
      .joined(separator: " ")
  }

  mutating func mark(_ kind: String, _ id: String, source: String) throws {
    try db.cachedStatement(
      sql:
        "INSERT OR IGNORE INTO machineCoded (recordKind, recordId, source, recordedIn) VALUES (?, ?, ?, ?)"
    ).execute(arguments: [kind, id, source, revision])
  }

  /// The party an actor code stands for, created (and marked imported) when the store has none.
  mutating func party(
    code: String, name: String, country: String, type: String, source: String,
    report: inout GdeltImportReport
  ) throws -> String {
    if let cached = partyCache[code] { return cached }
    var id: String
    var kind: PartyKind
    var parent: String?
    var displayName: String
    if let mapped = ParleyStore.gdeltPartyMap[code], parties.contains(mapped) {
      partyCache[code] = mapped
      return mapped
    }
    let isCountry = country.count == 3 && code.hasPrefix(country)
    let rest = isCountry ? String(code.dropFirst(3)) : code
    if isCountry && (rest.isEmpty || rest.hasPrefix("GOV")) {
      // The state itself (its government speaks for it).
      if let mapped = ParleyStore.gdeltPartyMap[country], parties.contains(mapped) {
        partyCache[code] = mapped
        return mapped
      }
      id = "gdelt-" + Self.idPart(country)
      kind = .state
      // The row's actor name may be a city or a leader: the code names the country.
      displayName = "\(country) (CAMEO country code, GDELT)"
    } else if isCountry && ["MIL", "LEG", "JUD", "SPY", "COP"].contains(where: rest.hasPrefix) {
      let state = try party(
        code: country, name: country, country: country, type: "", source: source, report: &report)
      id = "gdelt-" + Self.idPart(code)
      kind = .governmentBody
      parent = state
      displayName = Self.title(name) + " (GDELT \(code))"
    } else {
      id = "gdelt-" + Self.idPart(code)
      kind = .organisation
      displayName = Self.title(name.isEmpty ? code : name) + " (GDELT \(code))"
    }
    if !parties.contains(id) {
      try Party(
        id: id, name: displayName, kind: kind, parentId: parent,
        note:
          "Created by parley import gdelt for the CAMEO actor code \(code); machine-coded, not curated.",
        recordedIn: revision
      ).insert(db)
      try mark("party", id, source: source)
      parties.insert(id)
      report.partiesCreated += 1
    }
    partyCache[code] = id
    return id
  }

  mutating func importRow(_ line: Substring, report: inout GdeltImportReport) throws {
    guard let row = GdeltRow.parse(line) else {
      let columns = line.split(separator: "\t", omittingEmptySubsequences: false).count
      skip("malformed: \(columns) columns (expected 57, 58 or 61)", &report)
      return
    }
    guard !row.eventId.isEmpty, row.eventId.allSatisfy(\.isNumber) else {
      skip("malformed: no GLOBALEVENTID", &report)
      return
    }
    guard row.sqlDate.count == 8, let day = Int(row.sqlDate),
      (try? PartialDate(
        parsing:
          "\(row.sqlDate.prefix(4))-\(row.sqlDate.dropFirst(4).prefix(2))-\(row.sqlDate.suffix(2))"))
        != nil
    else {
      skip("malformed: SQLDATE '\(row.sqlDate)' is not a date", &report)
      return
    }
    if try Bool.fetchOne(
      db.cachedStatement(
        sql: "SELECT EXISTS (SELECT 1 FROM importedEvent WHERE source = ? AND eventId = ?)"),
      arguments: [row.version, row.eventId]) ?? false
    {
      skip("already imported", &report)
      return
    }
    if let since = options.since, day < since {
      skip("before --since", &report)
      return
    }
    if !options.actors.isEmpty {
      let countries = [
        row.actor1Country, row.actor2Country, String(row.actor1Code.prefix(3)),
        String(row.actor2Code.prefix(3)),
      ]
      if !countries.contains(where: options.actors.contains) {
        skip("no actor among --actors", &report)
        return
      }
    }
    guard !row.actor1Code.isEmpty else {
      skip("no Actor1 (the stance's holder)", &report)
      return
    }
    guard !row.eventCode.isEmpty, row.eventCode.allSatisfy(\.isNumber) else {
      skip("malformed: EventCode '\(row.eventCode)'", &report)
      return
    }
    guard let kind = CameoCodebook.stance(forCode: row.eventCode) else {
      skip(
        CameoCodebook.isKnown(row.eventCode)
          || CameoCodebook.isKnown(String(row.eventCode.prefix(2)))
          ? CameoCodebook.reasonNotAStance(row.eventCode)
          : "unknown CAMEO code '\(row.eventCode)'", &report)
      return
    }
    let source = row.version
    let holder = try party(
      code: row.actor1Code, name: row.actor1Name, country: row.actor1Country, type: row.actor1Type,
      source: source, report: &report)
    var target: String?
    if !row.actor2Code.isEmpty {
      target = try party(
        code: row.actor2Code, name: row.actor2Name, country: row.actor2Country,
        type: row.actor2Type, source: source, report: &report)
    } else {
      report.withoutTarget += 1
    }
    if target == holder { target = nil }
    // The document: the source URL (or, for the oldest rows, the day's events).
    let documentId: String
    let url = row.sourceUrl
    if let url {
      documentId = "gdelt-url-" + SHA256.hexDigest(of: Data(url.utf8)).prefix(16)
    } else {
      documentId = "gdelt-events-\(row.sqlDate)"
    }
    if !(try Bool.fetchOne(
      db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM document WHERE id = ?)"),
      arguments: [documentId]) ?? false)
    {
      let host = url.flatMap { URL(string: $0)?.host }
      let addedDay = Int(row.dateAdded.prefix(8))
      try Document(
        id: documentId,
        title: url.map { "Source of GDELT events: \(String($0.prefix(160)))" }
          ?? "GDELT events of \(row.sqlDate) without a source URL",
        outlet: host, url: url, publishedOn: url == nil ? day : addedDay ?? day,
        publishedPrecision: .day, language: "en", textSHA256: nil, body: nil, recordedIn: revision
      ).insert(db)
      try mark("document", documentId, source: source)
      report.documentsCreated += 1
    }
    // The position: Actor1's stance toward Actor2 with this code on this day.
    let issueId = try issue(for: row.eventCode, source: source)
    let positionId = "gdelt-\(row.sqlDate)-\(row.eventCode)-\(holder)-\(target ?? "none")"
    let codeName = CameoCodebook.name(of: row.eventCode) ?? "CAMEO \(row.eventCode)"
    if !(try Bool.fetchOne(
      db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM position WHERE id = ?)"),
      arguments: [positionId]) ?? false)
    {
      let actor2 =
        row.actor2Code.isEmpty
        ? ""
        : " → \(GdeltImporter.title(row.actor2Name.isEmpty ? row.actor2Code : row.actor2Name)) (\(row.actor2Code))"
      try Position(
        id: positionId, holderId: holder, issueId: issueId,
        propositionKey: "cameo-\(row.eventCode)-\(target ?? "none")-\(row.sqlDate)",
        proposition:
          "Machine-coded (\(source == "gdelt-2.0" ? "GDELT 2.0" : "GDELT 1.0")), not curated: \(GdeltImporter.title(row.actor1Name.isEmpty ? row.actor1Code : row.actor1Name)) (\(row.actor1Code))\(actor2): CAMEO \(row.eventCode) \(codeName).",
        kind: kind, polarity: .for, modality: .firm,
        note:
          "GDELT event code \(row.eventCode) (root \(row.rootCode), QuadClass \(row.quadClass), Goldstein \(row.goldstein)); PLOVER \(CameoCodebook.plover(of: row.eventCode) ?? "none").",
        recordedIn: revision
      ).insert(db)
      if let target {
        try db.cachedStatement(
          sql: "INSERT INTO positionTarget (positionId, partyId) VALUES (?, ?)"
        ).execute(arguments: [positionId, target])
      }
      try db.cachedStatement(
        sql: """
          INSERT INTO positionVersion (positionId, validFrom, validFromPrecision, status, recordedIn)
          VALUES (?, ?, 'day', 'active', ?)
          """
      ).execute(arguments: [positionId, day, revision])
      try mark("position", positionId, source: source)
      report.newPositions += 1
    }
    // The statement: the event as reported.
    let statementId = "\(source)-\(row.eventId)"
    try db.cachedStatement(
      sql: """
        INSERT INTO statement (id, documentId, speakerId, onBehalfOfId, saidOn, saidPrecision,
                               dateBasis, quote, attribution, recordedIn)
        VALUES (?, ?, NULL, ?, ?, 'day', ?, NULL, 'reported', ?)
        """
    ).execute(arguments: [
      statementId, documentId, holder, day,
      "GDELT SQLDATE \(row.sqlDate) (the event's date as the machine coder inferred it); DATEADDED \(row.dateAdded); event \(row.eventId)",
      revision,
    ])
    try mark("statement", statementId, source: source)
    try db.cachedStatement(
      sql:
        "INSERT INTO evidence (positionId, statementId, role, recordedIn) VALUES (?, ?, 'supports', ?)"
    ).execute(arguments: [positionId, statementId, revision])
    try db.cachedStatement(
      sql: """
        INSERT INTO importedEvent (source, eventId, statementId, positionId, eventCode, rootCode,
          ploverType, actor1Code, actor2Code, quadClass, goldsteinScale, eventDate, dateAdded,
          sourceUrl, recordedIn)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    ).execute(arguments: [
      source, row.eventId, statementId, positionId, row.eventCode, row.rootCode,
      CameoCodebook.plover(of: row.eventCode), row.actor1Code,
      row.actor2Code.isEmpty ? nil : row.actor2Code, Int(row.quadClass), Double(row.goldstein),
      day, row.dateAdded, url, revision,
    ])
    report.imported += 1
    report.byKind[kind.rawValue, default: 0] += 1
  }

  /// The slot of a code, or the machine-coded slot (created once, marked imported).
  mutating func issue(for code: String, source: String) throws -> String {
    for (prefix, issue) in ParleyStore.gdeltIssueMap
    where code.hasPrefix(prefix) && issues.contains(issue) {
      return issue
    }
    let id = ParleyStore.machineCodedIssue
    if !issues.contains(id) {
      try Issue(
        id: id, parentId: nil, label: "Machine-coded events (issue not coded)",
        description:
          "Events imported from machine-coded data (GDELT) whose code names no issue slot.",
        recordedIn: revision
      ).insert(db)
      issues.insert(id)
    }
    return id
  }
}
