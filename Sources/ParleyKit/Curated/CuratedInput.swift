import Foundation

/// Where a curated file's `text_file` may be read from.
public enum TextFileAccess: Sendable, Equatable {
  /// The folder of the curated file and its subfolders (links resolved): the default, so a load
  /// from someone else cannot read `/etc/passwd` or `../../secrets` into the store.
  case insideInputFolder
  /// Anywhere the process may read (`parley load --allow-text-outside`).
  case anywhere
}

/// One curated input file, parsed but not yet checked against the store.
struct CuratedFile {
  var path: String
  var parties: [CuratedParty] = []
  var issues: [CuratedIssue] = []
  var documents: [CuratedDocument] = []
  var relations: [CuratedRelation] = []
  /// `withdrawals` and `ends`: a position's interval ends, for a reason.
  var withdrawals: [CuratedWithdrawal] = []
  var deprecations: [CuratedDeprecation] = []
  var outcomes: [CuratedOutcome] = []
  /// Records an importer made from machine-coded event data (`machine_coded`).
  var machineCoded: [CuratedMachineCodedMark] = []
  /// The event-data rows those records were made from (`imported_events`).
  var importedEvents: [CuratedImportedEvent] = []
}

/// The kinds of record an importer marks as machine-coded (`machineCoded.recordKind`).
enum MachineCodedRecord: String, CaseIterable {
  case party, document, statement, position

  var recordKind: RecordKind {
    switch self {
    case .party: .party
    case .document: .document
    case .statement: .statement
    case .position: .position
    }
  }
}

/// The machine-coded sources an importer writes (`machineCoded.source`, `importedEvent.source`).
enum MachineCodedSource: String, CaseIterable {
  case gdelt1 = "gdelt-1.0"
  case gdelt2 = "gdelt-2.0"
}

/// A record marked as made from machine-coded event data, not by a person's reading.
struct CuratedMachineCodedMark {
  var record: MachineCodedRecord
  var id: Located<String>
  var source: MachineCodedSource
  var location: SourcePlace
}

/// One imported event-data row, as its source coded it (codes stay text: "043").
struct CuratedImportedEvent {
  var source: MachineCodedSource
  var eventId: Located<String>
  var statement: Located<String>
  var position: Located<String>
  var eventCode: String
  var rootCode: String
  var plover: String?
  var actor1: String
  var actor2: String?
  var quadClass: Int?
  var goldstein: Double?
  var eventDate: PartialDate
  var dateAdded: String
  var sourceURL: String?
  var location: SourcePlace
}

struct CuratedParty {
  var id: Located<String>
  var name: String
  var kind: PartyKind
  var parent: Located<String>?
  var aliases: [String]
  var note: String?
  var affiliations: [CuratedAffiliation]
}

struct CuratedAffiliation {
  var party: Located<String>
  var role: String
  var from: PartialDate?
  var to: PartialDate?
  var location: SourcePlace
}

struct CuratedIssue {
  var id: Located<String>
  var label: String
  var description: String?
}

struct CuratedDocument {
  var id: Located<String>
  var title: String
  var outlet: String?
  var url: String?
  var published: PartialDate?
  var language: String
  var textSHA256: Located<String>?
  /// The document text, when `text_file` named one.
  var text: String?
  var statements: [CuratedStatement]
}

struct CuratedStatement {
  var id: Located<String>
  var speaker: Located<String>?
  var onBehalfOf: Located<String>?
  var said: PartialDate
  var saidLocation: SourcePlace
  var dateBasis: String?
  var attribution: Attribution
  /// Nil only for a reported statement whose source gives no verbatim words.
  var quote: Located<String>?
  var quoteStart: Located<Int>?
  var supports: [CuratedSupport]
  /// Further documents that report the same statement (other outlets), never restatements.
  var alsoReportedIn: [Located<String>] = []
  /// Where an empty `supports` list is: such a statement only says that a position ended or
  /// what became of it, and an end or outcome of the same file must cite it.
  var emptySupports: SourcePlace? = nil
}

/// What a statement is evidence for.
enum CuratedSupport {
  /// A position defined elsewhere, with the statement's role towards it.
  case existing(Located<String>, EvidenceRole, quote: Located<String>?)
  /// A position this statement introduces.
  case new(CuratedPosition)
}

struct CuratedPosition {
  var id: Located<String>
  var holder: Located<String>?
  /// Further parties holding the position jointly with its holder (`held_with`).
  var heldWith: [Located<String>] = []
  var issue: Located<String>
  /// Further issue slots the position bears on besides `issue` (`also_on`).
  var alsoOn: [Located<String>] = []
  var key: Located<String>
  var proposition: String
  var kind: StanceKind
  var target: [Located<String>]
  var polarity: Polarity
  var modality: Modality
  var conditions: [String]
  var validFrom: PartialDate?
  var validTo: Located<PartialDate>?
  /// "For 30 days": the position is held until its term is over.
  var termDays: Located<Int>?
  /// The period in force, when not the day announced (a truce announced on 28 April for 8–10
  /// May); `inForceUntil` is the last day in force.
  var inForceFrom: Located<PartialDate>?
  var inForceUntil: Located<PartialDate>?
  var supersedes: Located<String>?
  var conditionalOn: [Located<String>]
  var contradicts: [Located<String>]
  var respondsTo: [Located<String>]
  var note: String?
  var location: SourcePlace
  /// The words of the statement that bear on this position, when not its whole quote.
  var evidenceQuote: Located<String>? = nil
}

struct CuratedRelation {
  var from: Located<String>
  var kind: RelationKind
  var to: Located<String>
  var note: String?
}

/// A position's interval ends: withdrawn (the default), expired or fulfilled.
struct CuratedWithdrawal {
  var position: Located<String>
  var on: Located<PartialDate>
  var statement: Located<String>?
  var reason: PositionStatus = .withdrawn
}

/// What became of a commitment or threat, as assessed on a day.
struct CuratedOutcome {
  var position: Located<String>
  var outcome: Located<Outcome>
  var on: Located<PartialDate>
  var statement: Located<String>?
  var note: String?
}

/// The reasons an `ends` entry may give.
enum EndReason: String, CaseIterable {
  case withdrawn, expired, fulfilled

  var status: PositionStatus {
    switch self {
    case .withdrawn: .withdrawn
    case .expired: .expired
    case .fulfilled: .fulfilled
    }
  }
}

struct CuratedDeprecation {
  var position: Located<String>
  var reason: String
}

/// The fields each kind of mapping may hold.
private enum Fields {
  static let file: FieldNames = [
    "parties", "issues", "documents", "relations", "withdrawals", "ends", "outcomes",
    "deprecations", "machine_coded", "imported_events",
  ]
  static let machineCoded: FieldNames = ["record", "id", "source"]
  static let importedEvent: FieldNames = [
    "source", "event_id", "statement", "position", "event_code", "root_code", "plover", "actor1",
    "actor2", "quad_class", "goldstein", "event_date", "date_added", "source_url",
  ]
  static let relation: FieldNames = ["from", "kind", "to", "note"]
  static let withdrawal: FieldNames = ["position", "on", "statement"]
  static let end: FieldNames = ["position", "on", "reason", "statement"]
  static let outcome: FieldNames = ["position", "outcome", "on", "statement", "note"]
  static let deprecation: FieldNames = ["position", "reason"]
  static let party: FieldNames = [
    "id", "name", "kind", "parent", "aliases", "note", "affiliations",
  ]
  static let affiliation: FieldNames = ["party", "role", "from", "to"]
  static let issue: FieldNames = ["id", "label", "description"]
  static let document: FieldNames = [
    "id", "title", "outlet", "url", "published", "date_basis", "language", "text_sha256",
    "text_file", "statements",
  ]
  static let statement: FieldNames = [
    "id", "speaker", "on_behalf_of", "said", "date_basis", "attribution", "quote", "quote_start",
    "supports", "also_reported_in",
  ]
  static let existingSupport: FieldNames = ["position", "role", "quote", "no_quote"]
  static let position: FieldNames = [
    "id", "holder", "issue", "key", "proposition", "kind", "target", "polarity", "modality",
    "conditions", "valid_from", "valid_to", "term_days", "in_force_from", "in_force_until",
    "supersedes", "conditional_on", "contradicts", "responds_to", "note", "quote", "no_quote",
    "held_with", "also_on",
  ]
}

/// Reads curated YAML or JSON into ``CuratedFile`` values, reporting every structural problem
/// of a file at once (a record with a problem is skipped, and the next one read).
enum CuratedParser {
  /// Parses one file's text.
  ///
  /// `path` is used in messages; `baseDirectory` resolves `text_file`.
  static func parse(
    text: String, path: String, baseDirectory: URL?,
    textFiles: TextFileAccess = .insideInputFolder
  ) throws(LoadError) -> CuratedFile {
    let root: SourceNode?
    do { root = try YAMLReader.read(text, path: path) } catch { throw LoadError([error]) }
    guard let root else { return CuratedFile(path: path) }
    return try parse(root: root, path: path, baseDirectory: baseDirectory, textFiles: textFiles)
  }

  /// Reads one file's parsed tree (from YAML, or from one line of a JSON Lines stream).
  static func parse(
    root: SourceNode, path: String, baseDirectory: URL?,
    textFiles: TextFileAccess = .insideInputFolder
  ) throws(LoadError) -> CuratedFile {
    var file = CuratedFile(path: path)
    var found = ProblemList()
    let top = CuratedNode(node: root, file: path)
    let fields: CuratedMapping
    do { fields = try top.mapping(allowedKeys: Fields.file) } catch { throw LoadError([error]) }
    /// The records of one top-level list; a list that is not one is a problem, and empty.
    func records(_ key: String) -> [CuratedNode] {
      found.attempt { () throws(LoadProblem) in try fields.optional(key)?.sequence() ?? [] } ?? []
    }
    // Marks first: a statement this file marks as machine-coded may have an importer's id.
    for node in records("machine_coded") {
      if let mark = found.attempt({ () throws(LoadProblem) in try machineCodedMark(node) }) {
        file.machineCoded.append(mark)
      }
    }
    for node in records("parties") {
      if let read = found.attempt({ () throws(LoadProblem) in try party(node) }) {
        file.parties.append(read)
      }
    }
    let importerIds = Set(file.machineCoded.filter { $0.record == .statement }.map(\.id.value))
    for node in records("issues") {
      if let read = found.attempt({ () throws(LoadProblem) in try issue(node) }) {
        file.issues.append(read)
      }
    }
    for node in records("documents") {
      do throws(LoadProblem) {
        file.documents.append(
          try document(
            node, baseDirectory: baseDirectory, textFiles: textFiles, importerIds: importerIds,
            found: &found))
      } catch {
        found.problems.append(error)
      }
    }
    for node in records("relations") {
      found.attempt { () throws(LoadProblem) in try relation(node, into: &file) }
    }
    let beforeEnds = found.problems.count
    // `withdrawals` are ends whose reason is always `withdrawn`; `ends` name theirs.
    for node in records("withdrawals") {
      found.attempt { () throws(LoadProblem) in
        file.withdrawals.append(try end(node.mapping(allowedKeys: Fields.withdrawal)))
      }
    }
    for node in records("ends") {
      found.attempt { () throws(LoadProblem) in
        let map = try node.mapping(allowedKeys: Fields.end)
        _ = try map.required("reason")  // an `ends` entry names its reason
        file.withdrawals.append(try end(map))
      }
    }
    for node in records("outcomes") {
      found.attempt { () throws(LoadProblem) in try outcome(node, into: &file) }
    }
    for node in records("deprecations") {
      found.attempt { () throws(LoadProblem) in try deprecation(node, into: &file) }
    }
    for node in records("imported_events") {
      if let event = found.attempt({ () throws(LoadProblem) in try importedEvent(node) }) {
        file.importedEvents.append(event)
      }
    }
    // An end or outcome that could not be read may be the one citing a statement.
    if found.problems.count == beforeEnds { found.problems += statementsWithoutSupports(file) }
    if !found.problems.isEmpty { throw LoadError(found.problems) }
    return file
  }

  private static func relation(_ node: CuratedNode, into file: inout CuratedFile)
    throws(LoadProblem)
  {
    let map = try node.mapping(allowedKeys: Fields.relation)
    file.relations.append(
      CuratedRelation(
        from: try map.requiredId("from"),
        kind: try map.required("kind").choice(RelationKind.self),
        to: try map.requiredId("to"),
        note: try map.optionalString("note")))
  }

  private static func outcome(_ node: CuratedNode, into file: inout CuratedFile)
    throws(LoadProblem)
  {
    let map = try node.mapping(allowedKeys: Fields.outcome)
    file.outcomes.append(
      CuratedOutcome(
        position: try map.requiredId("position"),
        outcome: try located(map.required("outcome")) { node throws(LoadProblem) in
          try node.choice(Outcome.self)
        },
        on: try located(map.required("on")) { node throws(LoadProblem) in try node.date() },
        statement: try map.optionalId("statement"),
        note: try map.optionalString("note")))
  }

  private static func deprecation(_ node: CuratedNode, into file: inout CuratedFile)
    throws(LoadProblem)
  {
    let map = try node.mapping(allowedKeys: Fields.deprecation)
    file.deprecations.append(
      CuratedDeprecation(
        position: try map.requiredId("position"),
        reason: try map.required("reason").string()))
  }

  /// A statement may support nothing only when an end or an outcome of the same file cites
  /// it: "the pause has expired" ends a position without restating it.
  private static func statementsWithoutSupports(_ file: CuratedFile) -> [LoadProblem] {
    var problems: [LoadProblem] = []
    let cited = Set(
      file.withdrawals.compactMap(\.statement?.value) + file.outcomes.compactMap(\.statement?.value)
    )
    for document in file.documents {
      for statement in document.statements {
        guard let place = statement.emptySupports, !cited.contains(statement.id.value) else {
          continue
        }
        problems.append(
          LoadProblem(
            location: place.location,
            message:
              "is empty (expected at least one position this statement supports, or an end or outcome in the same file that cites statement '\(statement.id.value)')"
          ))
      }
    }
    return problems
  }

  // MARK: - Private

  private static func located<Value>(
    _ node: CuratedNode, _ read: (CuratedNode) throws(LoadProblem) -> Value
  ) throws(LoadProblem) -> Located<Value> {
    Located(value: try read(node), place: node.place)
  }

  /// An entry of `withdrawals` or `ends`: a position, a day, the statement that says so, and
  /// the reason (`withdrawn` when the entry gives none).
  private static func end(_ map: CuratedMapping) throws(LoadProblem) -> CuratedWithdrawal {
    CuratedWithdrawal(
      position: try map.requiredId("position"),
      on: try located(map.required("on")) { node throws(LoadProblem) in try node.date() },
      statement: try map.optionalId("statement"),
      reason: try map.optional("reason")?.choice(EndReason.self).status ?? .withdrawn)
  }

  /// An entry of `machine_coded`: a record an importer made, and its source.
  private static func machineCodedMark(_ node: CuratedNode) throws(LoadProblem)
    -> CuratedMachineCodedMark
  {
    let map = try node.mapping(allowedKeys: Fields.machineCoded)
    let record = try map.required("record").choice(MachineCodedRecord.self)
    // Statement ids are the importer's own ("gdelt-2.0-7"); the other records have slugs.
    let id = try located(map.required("id")) { node throws(LoadProblem) in
      record == .statement ? try node.importerId() : try node.slug()
    }
    return CuratedMachineCodedMark(
      record: record, id: id, source: try map.required("source").choice(MachineCodedSource.self),
      location: node.place)
  }

  /// An entry of `imported_events`: one event-data row, with the statement and position it
  /// became.
  private static func importedEvent(_ node: CuratedNode) throws(LoadProblem)
    -> CuratedImportedEvent
  {
    let map = try node.mapping(allowedKeys: Fields.importedEvent)
    func digits(_ field: String, _ expected: String) throws(LoadProblem) -> String {
      let value = try map.required(field)
      let text = try value.string(maxCharacters: 40, what: expected)
      guard text.allSatisfy({ $0.isASCII && $0.isNumber }) else {
        throw value.problem("\(quoted(text)) is not allowed here (expected \(expected))")
      }
      return text
    }
    var quadClass: Int?
    if let node = map.optional("quad_class") {
      let value = try node.integer()
      guard (1...4).contains(value) else {
        throw node.problem("\(value) is not a QuadClass (expected 1, 2, 3 or 4)")
      }
      quadClass = value
    }
    var goldstein: Double?
    if let node = map.optional("goldstein") {
      let text = try node.string()
      guard let value = Double(text), (-10...10).contains(value) else {
        throw node.problem(
          "\(quoted(text)) is not a Goldstein score (expected a number from -10 to 10, such as -4.0)"
        )
      }
      goldstein = value
    }
    let dateNode = try map.required("event_date")
    let eventDate = try dateNode.date()
    guard eventDate.precision == .day else {
      throw dateNode.problem(
        "\(quoted(eventDate.description)) is not a day (expected the event's day, YYYY-MM-DD)")
    }
    return CuratedImportedEvent(
      source: try map.required("source").choice(MachineCodedSource.self),
      eventId: try located(map.required("event_id")) { _ throws(LoadProblem) in
        try digits("event_id", "the source's event id: digits, such as '7'")
      },
      statement: try located(map.required("statement")) { node throws(LoadProblem) in
        try node.importerId()
      },
      position: try map.requiredId("position"),
      eventCode: try digits("event_code", "a CAMEO event code: digits, such as '043'"),
      rootCode: try digits("root_code", "a CAMEO root code: digits, such as '04'"),
      plover: try map.optionalString("plover"),
      actor1: try map.required("actor1").string(),
      actor2: try map.optionalString("actor2"),
      quadClass: quadClass, goldstein: goldstein, eventDate: eventDate,
      dateAdded: try digits(
        "date_added", "the date the source coded it: digits, such as '20191024143000'"),
      sourceURL: try map.optional("source_url")?.string(
        maxCharacters: InputLimits.urlCharacters, what: "a URL"),
      location: node.place)
  }

  private static func party(_ node: CuratedNode) throws(LoadProblem) -> CuratedParty {
    let map = try node.mapping(allowedKeys: Fields.party)
    var affiliations: [CuratedAffiliation] = []
    for element in try map.optional("affiliations")?.sequence() ?? [] {
      let fields = try element.mapping(allowedKeys: Fields.affiliation)
      let from = try fields.optional("from")?.date()
      let to = try fields.optional("to")?.date()
      if let from, let to, to.firstDay <= from.firstDay {
        throw try fields.required("to").problem(
          "\(quoted(to.description)) is not after 'from' \(from) (expected a later date)")
      }
      affiliations.append(
        CuratedAffiliation(
          party: try fields.requiredId("party"),
          role: try fields.required("role").string(), from: from, to: to,
          location: element.place))
    }
    return CuratedParty(
      id: try map.requiredId("id"),
      name: try map.required("name").string(),
      kind: try map.required("kind").choice(PartyKind.self),
      parent: try map.optionalId("parent"),
      aliases: try map.optional("aliases")?.strings() ?? [],
      note: try map.optionalString("note"),
      affiliations: affiliations)
  }

  private static func issue(_ node: CuratedNode) throws(LoadProblem) -> CuratedIssue {
    let map = try node.mapping(allowedKeys: Fields.issue)
    let id = try located(map.required("id")) { node throws(LoadProblem) in
      try node.slug(allowingSlashes: true)
    }
    if id.value.split(separator: "/").count > 3 {
      throw try map.required("id").problem(
        "\(quoted(id.value)) has more than three levels (expected at most 'domain/question/variant')"
      )
    }
    return CuratedIssue(
      id: id, label: try map.required("label").string(),
      description: try map.optionalString("description"))
  }

  /// A document and its statements; a statement with a problem joins `found` and is skipped.
  private static func document(
    _ node: CuratedNode, baseDirectory: URL?, textFiles: TextFileAccess, importerIds: Set<String>,
    found: inout ProblemList
  ) throws(LoadProblem) -> CuratedDocument {
    let map = try node.mapping(allowedKeys: Fields.document)
    var text: String?
    if let textFile = map.optional("text_file") {
      text = try readText(textFile, baseDirectory: baseDirectory, access: textFiles)
    }
    var sha: Located<String>?
    if let node = map.optional("text_sha256") {
      let value = try node.string().lowercased()
      guard value.count == 64, value.allSatisfy(\.isHexDigit) else {
        throw node.problem("\(quoted(value)) is not a SHA-256 (expected 64 hexadecimal digits)")
      }
      sha = Located(value: value, place: node.place)
    }
    var statements: [CuratedStatement] = []
    for element in try map.optional("statements")?.sequence() ?? [] {
      if let statement = found.attempt({ () throws(LoadProblem) in
        try statement(element, importerIds: importerIds)
      }) {
        statements.append(statement)
      }
    }
    return CuratedDocument(
      id: try map.requiredId("id"),
      title: try map.required("title").string(),
      outlet: try map.optionalString("outlet"),
      url: try map.optional("url")?.string(maxCharacters: InputLimits.urlCharacters, what: "a URL"),
      published: try map.optional("published")?.date(),
      language: try map.optionalString("language") ?? "en",
      textSHA256: sha, text: text, statements: statements)
  }

  /// Reads a document's `text_file`: a plain UTF-8 file in the input file's folder or below
  /// (anywhere with ``TextFileAccess/anywhere``), of at most ``InputLimits/textFileBytes``.
  private static func readText(
    _ node: CuratedNode, baseDirectory: URL?, access: TextFileAccess
  ) throws(LoadProblem) -> String {
    let relative = try node.string()
    guard let baseDirectory else {
      throw node.problem(
        "\(quoted(relative)) cannot be read: this input has no folder (expected no 'text_file' in a built-in or in-memory file)"
      )
    }
    let url =
      (relative.hasPrefix("/")
      ? URL(fileURLWithPath: relative) : baseDirectory.appendingPathComponent(relative))
      .standardizedFileURL
    let folder = baseDirectory.standardizedFileURL.path
    if access == .insideInputFolder {
      // Lexically first (so nothing is said about files outside), then with links resolved.
      let inside =
        Self.isInside(url.path, folder)
        && (Self.realPath(url.path).map { path in
          Self.realPath(folder).map { Self.isInside(path, $0) } ?? false
        } ?? true)
      guard inside else {
        throw node.problem(
          "\(quoted(relative)) is outside the folder of this file (expected a path inside '\(folder)'; load with '--allow-text-outside' to read texts elsewhere)"
        )
      }
    }
    let kind = FileKind(path: url.path)
    guard kind != .missing else {
      throw node.problem(
        "\(quoted(relative)) does not exist (expected the path of the document's text, relative to this file: \(url.path))"
      )
    }
    guard kind == .regular else {
      throw node.problem("\(quoted(relative)) is \(kind.noun) (expected a plain-text file)")
    }
    if let size = FileKind.size(path: url.path), size > InputLimits.textFileBytes {
      throw node.problem(
        "\(quoted(relative)) is \(size.grouped) bytes long (expected a text of at most \(InputLimits.textFileBytes.bytesDescription))"
      )
    }
    guard let data = FileManager.default.contents(atPath: url.path) else {
      throw node.problem("\(quoted(relative)) cannot be read (check its permissions)")
    }
    guard var contents = String(data: data, encoding: .utf8) else {
      throw node.problem("\(quoted(relative)) is not UTF-8 text (expected a plain-text file)")
    }
    if contents.hasPrefix("\u{FEFF}") { contents.removeFirst() }
    return contents
  }

  private static func isInside(_ path: String, _ folder: String) -> Bool {
    folder == "/" || path.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/")
  }

  /// The path with every symbolic link resolved, or nil when it does not exist.
  private static func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  private static func statement(_ node: CuratedNode, importerIds: Set<String>) throws(LoadProblem)
    -> CuratedStatement
  {
    let map = try node.mapping(allowedKeys: Fields.statement)
    let saidNode = try map.required("said")
    let supportsNode = try map.required("supports")
    var supports: [CuratedSupport] = []
    for element in try supportsNode.sequence() {
      supports.append(try support(element))
    }
    let attribution = try map.required("attribution").choice(Attribution.self)
    if map.optional("quote") == nil && attribution != .reported {
      throw map.owner.problem(
        "has no 'quote' (a verbatim quote of at most 25 words is required; only a 'reported' statement whose source gives no words may leave it out)"
      )
    }
    var statement = CuratedStatement(
      id: try located(map.required("id")) { node throws(LoadProblem) in
        try node.statementId(machineCoded: importerIds)
      },
      speaker: try map.optionalId("speaker"),
      onBehalfOf: try map.optionalId("on_behalf_of"),
      said: try saidNode.date(), saidLocation: saidNode.place,
      dateBasis: try map.optionalString("date_basis"),
      attribution: attribution,
      quote: try map.optional("quote").map { node throws(LoadProblem) in
        try located(node) { node throws(LoadProblem) in
          try node.string(
            maxCharacters: InputLimits.quoteCharacters, what: "a verbatim quote of 25 words")
        }
      },
      quoteStart: try map.optional("quote_start").map { node throws(LoadProblem) in
        try located(node) { node throws(LoadProblem) in try node.integer() }
      },
      supports: supports,
      alsoReportedIn: try map.optional("also_reported_in")?.slugs() ?? [])
    if supports.isEmpty { statement.emptySupports = supportsNode.place }
    return statement
  }

  private static func support(_ node: CuratedNode) throws(LoadProblem) -> CuratedSupport {
    if case .scalar = node.node.value {
      return .existing(Located(value: try node.slug(), place: node.place), .supports, quote: nil)
    }
    guard case .mapping(let mapping) = node.node.value else {
      throw node.problem("is a list (expected a position id or a mapping)")
    }
    let hasPositionKey = mapping.contains {
      if case .scalar("position", _) = $0.key.value { return true }
      return false
    }
    if hasPositionKey {
      let map = try node.mapping(allowedKeys: Fields.existingSupport)
      let position = try map.required("position")
      return .existing(
        Located(value: try position.slug(), place: position.place),
        try map.optional("role")?.choice(EvidenceRole.self) ?? .supports,
        quote: try supportQuote(map, place: node.place))
    }
    let map = try node.mapping(allowedKeys: Fields.position)
    let validFrom = try map.optional("valid_from")?.date()
    let validTo = try map.optional("valid_to").map { node throws(LoadProblem) in
      try located(node) { node throws(LoadProblem) in try node.date() }
    }
    return .new(
      CuratedPosition(
        id: try map.requiredId("id"),
        holder: try map.optionalId("holder"),
        heldWith: try map.optional("held_with")?.slugs() ?? [],
        issue: try located(map.required("issue")) { node throws(LoadProblem) in
          try node.slug(allowingSlashes: true)
        },
        alsoOn: try map.optional("also_on")?.slugs(allowingSlashes: true) ?? [],
        key: try map.requiredId("key"),
        proposition: try map.required("proposition").string(),
        kind: try map.required("kind").choice(StanceKind.self),
        target: try map.optional("target")?.slugs() ?? [],
        polarity: try map.optional("polarity")?.choice(Polarity.self) ?? .for,
        modality: try map.optional("modality")?.choice(Modality.self) ?? .firm,
        conditions: try map.optional("conditions")?.strings() ?? [],
        validFrom: validFrom, validTo: validTo,
        termDays: try map.optional("term_days").map { node throws(LoadProblem) in
          let days = try located(node) { node throws(LoadProblem) in try node.integer() }
          guard (1...3660).contains(days.value) else {
            throw node.problem("\(days.value) is not a term in days (expected 1 to 3660)")
          }
          return days
        },
        inForceFrom: try map.optional("in_force_from").map { node throws(LoadProblem) in
          try located(node) { node throws(LoadProblem) in try node.date() }
        },
        inForceUntil: try map.optional("in_force_until").map { node throws(LoadProblem) in
          try located(node) { node throws(LoadProblem) in try node.date() }
        },
        supersedes: try map.optionalId("supersedes"),
        conditionalOn: try map.optional("conditional_on")?.slugs() ?? [],
        contradicts: try map.optional("contradicts")?.slugs() ?? [],
        respondsTo: try map.optional("responds_to")?.slugs() ?? [],
        note: try map.optionalString("note"),
        location: node.place,
        evidenceQuote: try supportQuote(map, place: node.place)))
  }

  /// A support's own words: `quote:` (verbatim, checked by the planner), or `no_quote: true`
  /// when none of the statement's words bear on the position (read as the empty text, which
  /// `quote:` itself never gives: an empty quote is refused where it is read).
  private static func supportQuote(
    _ map: CuratedMapping, place: SourcePlace
  ) throws(LoadProblem) -> Located<String>? {
    let quote = try map.optional("quote").map { node throws(LoadProblem) in
      try located(node) { node throws(LoadProblem) in try node.string() }
    }
    guard let flag = try map.optional("no_quote") else { return quote }
    let text = try flag.string(what: "true or false")
    guard text == "true" || text == "false" else {
      throw flag.problem("\(quoted(text)) is not allowed here (expected true or false)")
    }
    guard text == "true" else { return quote }
    if quote != nil {
      throw flag.problem(
        "is true while the support also gives a quote (expected either quote or no_quote)")
    }
    return Located(value: EvidenceQuote.withheld, place: flag.place)
  }
}

/// The problems found while reading one file, gathered so that one run reports them all.
struct ProblemList {
  var problems: [LoadProblem] = []

  /// The value `read` gives, or nil when it finds a problem, which is kept.
  @discardableResult
  mutating func attempt<Value>(_ read: () throws(LoadProblem) -> Value) -> Value? {
    do { return try read() } catch {
      problems.append(error)
      return nil
    }
  }
}
