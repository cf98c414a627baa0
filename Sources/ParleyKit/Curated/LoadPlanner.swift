import Foundation
import GRDB

/// The rows one load will write, computed before anything is written.
struct WritePlan {
  var parties: [Party] = []
  var aliases: [PartyAlias] = []
  var affiliations: [Affiliation] = []
  var retiredAffiliations: [Int64] = []
  var issues: [Issue] = []
  var documents: [Document] = []
  var statements: [Statement] = []
  var positions: [Position] = []
  var targets: [PositionTarget] = []
  var conditions: [PositionCondition] = []
  var evidence: [Evidence] = []
  var relations: [PositionRelation] = []

  var isEmpty: Bool {
    parties.isEmpty && aliases.isEmpty && affiliations.isEmpty && issues.isEmpty
      && documents.isEmpty && statements.isEmpty && positions.isEmpty && evidence.isEmpty
      && relations.isEmpty && retiredAffiliations.isEmpty
  }
}

/// The state a position's interval and status should have after a load.
struct VersionState: Equatable {
  var validFrom: Int
  var validFromPrecision: DatePrecision
  var validTo: Int?
  var validToPrecision: DatePrecision?
  var status: PositionStatus
  var statusReason: String?

  init(
    validFrom: Int, validFromPrecision: DatePrecision, validTo: Int?,
    validToPrecision: DatePrecision?, status: PositionStatus, statusReason: String?
  ) {
    self.validFrom = validFrom
    self.validFromPrecision = validFromPrecision
    self.validTo = validTo
    self.validToPrecision = validToPrecision
    self.status = status
    self.statusReason = statusReason
  }

  init(_ version: PositionVersion) {
    validFrom = version.validFrom
    validFromPrecision = version.validFromPrecision
    validTo = version.validTo
    validToPrecision = version.validToPrecision
    status = version.status
    statusReason = version.statusReason
  }

  init(from: PartialDate, to: PartialDate?) {
    validFrom = from.firstDay
    validFromPrecision = from.precision
    validTo = to?.firstDay
    validToPrecision = to?.precision
    status = .active
  }
}

/// The interval and status a load sets for a position, and where that was asked for.
struct PlannedState {
  var state: VersionState
  var location: SourcePlace
  /// Whether the position itself is new in this unit.
  var isNew: Bool
}

/// Checks a batch of curated files against itself and the store, and plans the writes.
///
/// Every problem is collected, so one run reports them all. The planner only reads: the
/// ``LoadSession`` writes its plan, and the intervals it sets (``desiredStates``) at the end of
/// the load. "The store" here includes what earlier units of the same load wrote.
struct LoadPlanner {
  let session: LoadSession
  /// Whether records may refer only to records on earlier lines (or the same line) of a file:
  /// true for JSON Lines streams, which are checked in blocks of lines.
  let streamOrder: Bool
  var db: Database { session.db }
  var revision: Int64 { session.revision }
  private(set) var problems: [LoadProblem] = []
  private(set) var plan = WritePlan()

  // Definitions in this batch, by id.
  private var batchParties: [String: CuratedParty] = [:]
  private var batchIssues: [String: CuratedIssue] = [:]
  // Documents, statements and positions are kept by where they were defined and what the
  // checks need of them, not whole: a large unit looks them up many times.
  private var batchDocuments: [String: SourcePlace] = [:]
  private var batchStatements: [String: (place: SourcePlace, onBehalfOf: String?)] = [:]
  private var batchPositions: [String: BatchPosition] = [:]

  private struct BatchPosition {
    /// Where its id was written, and where the position's mapping starts.
    var place: SourcePlace
    var location: SourcePlace
    var issue: String
    var holder: String?
  }
  // Positions whose interval or status this load sets, by id.
  private(set) var desiredStates: [String: PlannedState] = [:]
  private var plannedRelations: Set<PlannedRelation> = []
  private var plannedEvidence: Set<PlannedEvidence> = []

  private struct PlannedRelation: Hashable {
    var from: String
    var kind: RelationKind
    var to: String
  }

  private struct PlannedEvidence: Hashable {
    var position: String
    var statement: String
  }
  // Statements and positions this unit adds (so nothing about them can be stored yet).
  private var newStatements: Set<String> = []
  private var newPositions: Set<String> = []
  // The restatement check: positions already checked, and those planned so far by slot.
  private var checkedPositions = 0
  private var earlierBySlot: [Slot: [String]] = [:]

  init(session: LoadSession, streamOrder: Bool = false) {
    self.session = session
    self.streamOrder = streamOrder
  }

  /// Checks and plans the whole batch.
  mutating func plan(_ files: [CuratedFile]) throws {
    collectDefinitions(files)
    for file in files {
      for party in file.parties { try planParty(party) }
    }
    for file in files {
      for issue in file.issues { try planIssue(issue) }
    }
    for file in files {
      for document in file.documents { try planDocument(document) }
    }
    if streamOrder {
      // Line by line: what a line supports, supersedes, withdraws or deprecates is seen by the
      // lines after it, never by those before it, wherever the block boundaries fall.
      for file in files { try planFacts([file]) }
    } else {
      try planFacts(files)
    }
  }

  /// Evidence, relations and lifecycle changes of `files`, then the restatement check of the
  /// positions they add.
  private mutating func planFacts(_ files: [CuratedFile]) throws {
    for file in files {
      for document in file.documents {
        for statement in document.statements { try planStatementSupports(statement) }
      }
    }
    for file in files {
      for relation in file.relations where relation.kind != .supersedes {
        try planRelation(
          from: relation.from, kind: relation.kind, to: relation.to, note: relation.note)
      }
    }
    for file in files {
      for document in file.documents {
        for statement in document.statements {
          for case .new(let position) in statement.supports {
            if let old = position.supersedes,
              batchPositions[position.id.value]?.location == position.location
            {
              try planSupersession(of: old, by: position.id)
            }
          }
        }
      }
      // A supersession written as a relation closes the old interval just the same.
      for relation in file.relations where relation.kind == .supersedes {
        try planSupersession(of: relation.to, by: relation.from)
      }
    }
    for file in files {
      for withdrawal in file.withdrawals { try planWithdrawal(withdrawal) }
      for deprecation in file.deprecations { try planDeprecation(deprecation) }
    }
    try checkRestatements()
  }

  // MARK: - Collecting ids

  private mutating func collectDefinitions(_ files: [CuratedFile]) {
    func isFirst(_ kind: String, _ id: Located<String>, earlier: SourcePlace?) -> Bool {
      guard let first = earlier else { return true }
      report(
        id.place,
        "\(quoted(id.value)) is defined twice in this load (first at \(first.file):\(first.line):\(first.column); expected each \(kind) id once)"
      )
      return false
    }
    for file in files {
      for party in file.parties
      where isFirst("party", party.id, earlier: batchParties[party.id.value]?.id.place) {
        batchParties[party.id.value] = party
      }
      for issue in file.issues
      where isFirst("issue", issue.id, earlier: batchIssues[issue.id.value]?.id.place) {
        batchIssues[issue.id.value] = issue
      }
      for document in file.documents {
        if isFirst("document", document.id, earlier: batchDocuments[document.id.value]) {
          batchDocuments[document.id.value] = document.id.place
        }
        for statement in document.statements
        where isFirst(
          "statement", statement.id,
          earlier: batchStatements[statement.id.value]?.place)
        {
          batchStatements[statement.id.value] = (statement.id.place, nil)
          for case .new(let position) in statement.supports
          where isFirst(
            "position", position.id, earlier: batchPositions[position.id.value]?.place)
          {
            batchPositions[position.id.value] = BatchPosition(
              place: position.id.place, location: position.location, issue: position.issue.value,
              holder: nil)
          }
        }
      }
    }
  }

  // MARK: - Parties and issues

  private mutating func planParty(_ party: CuratedParty) throws {
    guard batchParties[party.id.value]?.id.place == party.id.place else { return }
    if let parent = party.parent {
      if parent.value == party.id.value {
        report(
          parent.location, "\(quoted(parent.value)) is the party itself (expected another party)")
      } else {
        try requireParty(parent)
      }
    }
    let record = Party(
      id: party.id.value, name: party.name, kind: party.kind, parentId: party.parent?.value,
      note: party.note, recordedIn: revision)
    if let stored = try Party.fetchOne(
      db.cachedStatement(sql: "SELECT * FROM party WHERE id = ?"), arguments: [party.id.value])
    {
      if stored.recordedIn == revision { return reportDefinedEarlier("party", party.id) }
      var comparable = stored
      comparable.recordedIn = revision
      comparable.retiredIn = nil
      if comparable != record {
        report(
          party.id.location, differenceMessage("party", party.id.value, stored: stored, new: record)
        )
      }
    } else {
      plan.parties.append(record)
    }
    for alias in Set(party.aliases.map { $0.lowercased() }).sorted() {
      let aliasStored = try session.aliasStored(alias, party: party.id.value)
      if !aliasStored {
        plan.aliases.append(
          PartyAlias(alias: alias, partyId: party.id.value, recordedIn: revision))
      }
    }
    if !party.affiliations.isEmpty && party.kind != .person {
      report(
        party.id.location,
        "\(quoted(party.id.value)) has affiliations but is a \(party.kind.rawValue) (expected kind 'person')"
      )
    }
    for affiliation in party.affiliations {
      try requireParty(affiliation.party)
      let record = Affiliation(
        id: nil, personId: party.id.value, partyId: affiliation.party.value, role: affiliation.role,
        validFrom: affiliation.from?.firstDay, validFromPrecision: affiliation.from?.precision,
        validTo: affiliation.to?.firstDay, validToPrecision: affiliation.to?.precision,
        recordedIn: revision)
      let stored =
        try Affiliation
        .filter(
          Affiliation.Columns.personId == party.id.value
            && Affiliation.Columns.partyId == affiliation.party.value
            && Column("role") == affiliation.role && Column("validFrom") == record.validFrom
            && Affiliation.Columns.retiredIn == nil
        )
        .fetchOne(db)
      if let stored {
        if stored.validTo != record.validTo || stored.validToPrecision != record.validToPrecision {
          // The affiliation ended (or its end was corrected): a new version replaces the old.
          plan.retiredAffiliations.append(stored.id!)
          plan.affiliations.append(record)
        }
      } else {
        plan.affiliations.append(record)
      }
    }
  }

  private mutating func planIssue(_ issue: CuratedIssue) throws {
    guard batchIssues[issue.id.value]?.id.place == issue.id.place else { return }
    let segments = issue.id.value.split(separator: "/")
    let parentId = segments.count > 1 ? segments.dropLast().joined(separator: "/") : nil
    if let parentId, batchIssues[parentId] == nil, try !session.issueStored(parentId) {
      report(
        issue.id.location,
        "\(quoted(issue.id.value)) has no parent issue \(quoted(parentId)) (expected the parent to be in the store or defined in this load)"
      )
    }
    let record = Issue(
      id: issue.id.value, parentId: parentId, label: issue.label, description: issue.description,
      recordedIn: revision)
    if try session.issueStored(issue.id.value),
      let stored = try Issue.fetchOne(
        db.cachedStatement(sql: "SELECT * FROM issue WHERE id = ?"), arguments: [issue.id.value])
    {
      if stored.recordedIn == revision { return reportDefinedEarlier("issue", issue.id) }
      var comparable = stored
      comparable.recordedIn = revision
      comparable.retiredIn = nil
      if comparable != record {
        report(
          issue.id.location, differenceMessage("issue", issue.id.value, stored: stored, new: record)
        )
      }
    } else {
      plan.issues.append(record)
    }
  }

  // MARK: - Documents and statements

  private mutating func planDocument(_ document: CuratedDocument) throws {
    guard batchDocuments[document.id.value] == document.id.place else { return }
    var sha = document.textSHA256?.value
    if let text = document.text {
      let computed = SHA256.hexDigest(of: Data(text.utf8))
      if let given = document.textSHA256, given.value != computed {
        report(
          given.location,
          "\(quoted(given.value)) does not match the SHA-256 of text_file (expected \(computed))")
      }
      sha = computed
    }
    let record = Document(
      id: document.id.value, title: document.title, outlet: document.outlet, url: document.url,
      publishedOn: document.published?.firstDay, publishedPrecision: document.published?.precision,
      language: document.language, textSHA256: sha, body: document.text, recordedIn: revision)
    if try session.documentStored(document.id.value),
      let stored = try Document.fetchOne(
        db.cachedStatement(sql: "SELECT * FROM document WHERE id = ?"),
        arguments: [document.id.value])
    {
      if stored.recordedIn == revision { return reportDefinedEarlier("document", document.id) }
      var comparable = stored
      comparable.recordedIn = revision
      comparable.retiredIn = nil
      if comparable != record {
        report(
          document.id.location,
          differenceMessage("document", document.id.value, stored: stored, new: record))
      }
    } else {
      plan.documents.append(record)
    }
    for statement in document.statements {
      try planStatement(statement, in: document)
    }
  }

  private mutating func planStatement(_ statement: CuratedStatement, in document: CuratedDocument)
    throws
  {
    guard batchStatements[statement.id.value]?.place == statement.id.place
    else { return }
    if let speaker = statement.speaker { try requireParty(speaker) }
    let onBehalfOf = try resolveOnBehalfOf(statement)
    batchStatements[statement.id.value]?.onBehalfOf = onBehalfOf

    var quoteStart = statement.quoteStart?.value
    if let located = statement.quote {
      let quote = located.value
      let words = Self.wordCount(quote)
      if words > 25 {
        report(
          located.location,
          "\(quoted(quote)) has \(words) words (expected a verbatim quote of at most 25 words)")
      }
      if let start = quoteStart, start < 0 {
        report(statement.quoteStart!.location, "\(start) is negative (expected an offset from 0)")
      }
      if let text = document.text {
        let offsets = Self.scalarOffsets(of: quote, in: text)
        if offsets.isEmpty {
          report(
            located.location,
            "\(quoted(quote)) does not occur in the text of document \(quoted(document.id.value)) (expected a verbatim quote)"
          )
        } else if let given = statement.quoteStart, !offsets.contains(given.value) {
          report(
            given.location,
            "\(given.value) is not where the quote occurs in the text (expected \(offsets.map(String.init).joined(separator: " or ")))"
          )
        } else if quoteStart == nil {
          quoteStart = offsets[0]
        }
      }
    } else if let given = statement.quoteStart {
      report(given.location, "is given without a quote (expected 'quote' too)")
    }
    let quote = statement.quote?.value
    let record = Statement(
      id: statement.id.value, documentId: document.id.value, speakerId: statement.speaker?.value,
      onBehalfOfId: onBehalfOf ?? "", saidOn: statement.said.firstDay,
      saidPrecision: statement.said.precision, dateBasis: statement.dateBasis, quote: quote,
      quoteStart: quoteStart,
      quoteEnd: quoteStart.flatMap { start in quote.map { start + $0.unicodeScalars.count } },
      attribution: statement.attribution, recordedIn: revision)
    guard onBehalfOf != nil else { return }
    if try session.statementStored(statement.id.value),
      let stored = try Statement.fetchOne(
        db.cachedStatement(sql: "SELECT * FROM statement WHERE id = ?"),
        arguments: [statement.id.value])
    {
      if stored.recordedIn == revision { return reportDefinedEarlier("statement", statement.id) }
      var comparable = stored
      comparable.recordedIn = revision
      comparable.retiredIn = nil
      if comparable != record {
        report(
          statement.id.location,
          differenceMessage("statement", statement.id.value, stored: stored, new: record))
      }
    } else {
      plan.statements.append(record)
      newStatements.insert(record.id)
    }
  }

  /// The party a statement speaks for: given, or the speaker's affiliation on the day said.
  private mutating func resolveOnBehalfOf(_ statement: CuratedStatement) throws -> String? {
    if let given = statement.onBehalfOf {
      return try requireParty(given) ? given.value : nil
    }
    guard let speaker = statement.speaker else {
      report(
        statement.id.location,
        "statement \(quoted(statement.id.value)) has neither a speaker nor 'on_behalf_of' (expected on_behalf_of for an unnamed source)"
      )
      return nil
    }
    let day = statement.said.firstDay
    var parties = Set<String>()
    if let party = batchParties[speaker.value] {
      for affiliation in party.affiliations
      where (affiliation.from?.firstDay ?? Int.min) <= day
        && day < (affiliation.to?.firstDay ?? Int.max)
      {
        parties.insert(affiliation.party.value)
      }
    }
    for affiliation in try session.affiliations(of: speaker.value)
    where affiliation.holds(onDay: day) {
      parties.insert(affiliation.partyId)
    }
    if parties.count == 1 { return parties.first }
    let problem =
      parties.isEmpty
      ? "speaker \(quoted(speaker.value)) has no affiliation on \(statement.said) (expected 'on_behalf_of' to say whom the speaker spoke for)"
      : "speaker \(quoted(speaker.value)) speaks for several parties on \(statement.said): \(parties.sorted().joined(separator: ", ")) (expected 'on_behalf_of' to choose one)"
    report(statement.speaker!.location, problem)
    return nil
  }

  // MARK: - Positions and evidence

  private mutating func planStatementSupports(_ statement: CuratedStatement) throws {
    guard batchStatements[statement.id.value]?.place == statement.id.place
    else { return }
    let onBehalfOf = batchStatements[statement.id.value]?.onBehalfOf
    for support in statement.supports {
      switch support {
      case .new(let position):
        guard batchPositions[position.id.value]?.location == position.location else {
          continue
        }
        try planPosition(position, statement: statement, onBehalfOf: onBehalfOf)
        if let onBehalfOf, let holder = batchPositions[position.id.value]?.holder {
          try checkSameSide(
            statement: statement, onBehalfOf: onBehalfOf, holder: holder, position: position.id)
        }
        try planEvidence(position.id, statement: statement.id, role: .supports)
      case .existing(let positionId, let role):
        if try requirePosition(positionId) {
          if role == .supports, let onBehalfOf,
            let holder = try positionFacts(positionId.value)?.holder
          {
            try checkSameSide(
              statement: statement, onBehalfOf: onBehalfOf, holder: holder, position: positionId)
          }
          try planEvidence(positionId, statement: statement.id, role: role)
        }
      }
    }
  }

  /// A statement supports (states or restates) only positions of the party it speaks for, or
  /// of a party that one is part of or contains; anyone else's word is a reaction with a role.
  private mutating func checkSameSide(
    statement: CuratedStatement, onBehalfOf: String, holder: String, position: Located<String>
  ) throws {
    guard onBehalfOf != holder else { return }
    let speakerLine = try ancestors(of: onBehalfOf)
    let holderLine = try ancestors(of: holder)
    if speakerLine.contains(holder) || holderLine.contains(onBehalfOf) { return }
    report(
      position.location,
      "statement \(quoted(statement.id.value)) speaks for \(onBehalfOf) but supports \(quoted(position.value)), a position held by \(holder) (expected a statement for \(holder); another party's statement is cited with 'role: corroborates', 'disputes' or 'no-comment')"
    )
  }

  /// The party and the parties it is part of, from this load and the store.
  private func ancestors(of party: String) throws -> [String] {
    var line = [party]
    var current = party
    for _ in 0..<10 {
      let parent: String?
      if let batch = batchParties[current] {
        parent = batch.parent?.value
      } else {
        parent = try String.fetchOne(
          db, sql: "SELECT parentId FROM party WHERE id = ?", arguments: [current])
      }
      guard let parent, !line.contains(parent) else { break }
      line.append(parent)
      current = parent
    }
    return line
  }

  private mutating func planPosition(
    _ position: CuratedPosition, statement: CuratedStatement, onBehalfOf: String?
  ) throws {
    var holder = onBehalfOf
    if let given = position.holder {
      holder = try requireParty(given) ? given.value : nil
    }
    guard let holder else {
      if position.holder == nil && onBehalfOf == nil && statement.onBehalfOf == nil
        && statement.speaker == nil
      {
        report(
          position.location,
          "position \(quoted(position.id.value)) has no holder (expected 'holder')")
      }
      return
    }
    batchPositions[position.id.value]?.holder = holder
    try requireIssue(position.issue)
    for target in position.target { try requireParty(target) }

    let from = position.validFrom ?? statement.said
    if let to = position.validTo, to.value.firstDay <= from.firstDay {
      report(
        to.location,
        "\(quoted(to.value.description)) is not after valid_from \(from) (expected an end after the start; intervals are [from, to))"
      )
    }
    let record = Position(
      id: position.id.value, holderId: holder, issueId: position.issue.value,
      propositionKey: position.key.value, proposition: position.proposition, kind: position.kind,
      polarity: position.polarity, modality: position.modality, note: position.note,
      recordedIn: revision)
    let targets = Set(position.target.map(\.value)).sorted().map {
      PositionTarget(positionId: position.id.value, partyId: $0)
    }
    let conditions = position.conditions.enumerated().map {
      PositionCondition(positionId: position.id.value, ordinal: $0.offset + 1, text: $0.element)
    }
    if try session.positionStored(position.id.value),
      let stored = try Position.fetchOne(
        db.cachedStatement(sql: "SELECT * FROM position WHERE id = ?"),
        arguments: [position.id.value])
    {
      if stored.recordedIn == revision {
        reportDefinedEarlier("position", position.id)
        return
      }
      var comparable = stored
      comparable.recordedIn = revision
      let storedTargets = try PositionTarget.filter(Column("positionId") == position.id.value)
        .order(Column("partyId")).fetchAll(db)
      let storedConditions = try PositionCondition.filter(Column("positionId") == position.id.value)
        .order(Column("ordinal")).fetchAll(db)
      if comparable != record {
        report(
          position.id.location,
          differenceMessage("position", position.id.value, stored: stored, new: record))
      } else if storedTargets != targets || storedConditions != conditions {
        report(
          position.id.location,
          "position \(quoted(position.id.value)) is already in the store with other targets or conditions (expected the same record; to change a position, give a new id with 'supersedes')"
        )
      }
      // An existing position keeps the interval and status the store has: only explicit
      // supersessions, withdrawals and deprecations change them.
      try planInlineRelations(position)
      return
    }
    plan.positions.append(record)
    newPositions.insert(record.id)
    plan.targets += targets
    plan.conditions += conditions
    desiredStates[position.id.value] = PlannedState(
      state: VersionState(from: from, to: position.validTo?.value), location: position.location,
      isNew: true)

    try planInlineRelations(position)
  }

  private mutating func planInlineRelations(_ position: CuratedPosition) throws {
    for (targets, kind) in [
      (position.conditionalOn, RelationKind.conditionalOn), (position.contradicts, .contradicts),
      (position.respondsTo, .respondsTo),
    ] {
      for target in targets {
        try planRelation(from: position.id, kind: kind, to: target, note: nil)
      }
    }
    // A `supersedes` relation is planned by planSupersession, once it has been checked.
  }

  /// A new position must not repeat a position of the same holder, issue, key and kind whose
  /// interval overlaps its own (that is a restatement: cite the existing id). Run once every
  /// interval of the load is known, so positions that follow each other in time are fine.
  private mutating func checkRestatements() throws {
    for position in plan.positions[checkedPositions...] {
      let slot = Slot(
        holder: position.holderId, issue: position.issueId, key: position.propositionKey,
        kind: position.kind)
      defer { earlierBySlot[slot, default: []].append(position.id) }
      guard let state = desiredStates[position.id]?.state, state.status != .deprecated,
        let location = batchPositions[position.id]?.place
      else { continue }
      var candidates = earlierBySlot[slot] ?? []
      candidates += try session.sameSlotPositions(of: position)
      for other in candidates {
        guard let otherState = try currentState(other), otherState.status != .deprecated,
          Self.overlap(state, otherState),
          try !supersessionLinks(position.id, other)
        else { continue }
        report(
          location,
          "position \(quoted(position.id)) repeats \(quoted(other)) (same holder, issue, key and kind over overlapping dates); cite \(quoted(other)) to restate it, or use 'supersedes' to replace it"
        )
        break
      }
    }
    checkedPositions = plan.positions.count
  }

  /// A position's slot for the restatement check: holder, issue, proposition key and kind.
  private struct Slot: Hashable {
    var holder: String
    var issue: String
    var key: String
    var kind: StanceKind
  }

  private static func overlap(_ a: VersionState, _ b: VersionState) -> Bool {
    a.validFrom < (b.validTo ?? Int.max) && b.validFrom < (a.validTo ?? Int.max)
  }

  /// Whether either position supersedes the other, in this load or in the store.
  private func supersessionLinks(_ a: String, _ b: String) throws -> Bool {
    if plannedRelations.contains(PlannedRelation(from: a, kind: .supersedes, to: b))
      || plannedRelations.contains(PlannedRelation(from: b, kind: .supersedes, to: a))
    {
      return true
    }
    return try session.supersessionStored(a, b)
  }

  private mutating func planEvidence(
    _ position: Located<String>, statement: Located<String>, role: EvidenceRole
  ) throws {
    // A statement this unit adds cannot be stored evidence yet.
    let existing =
      newStatements.contains(statement.value)
      ? nil : try session.evidenceRole(position: position.value, statement: statement.value)
    if let existing {
      if existing != role {
        report(
          position.location,
          "statement \(quoted(statement.value)) is already evidence for \(quoted(position.value)) with role '\(existing.rawValue)' (expected the same role, '\(role.rawValue)' was given)"
        )
      }
      return
    }
    if !plannedEvidence.insert(
      PlannedEvidence(position: position.value, statement: statement.value)
    )
    .inserted {
      report(
        position.location,
        "statement \(quoted(statement.value)) cites \(quoted(position.value)) twice (expected each position once per statement)"
      )
      return
    }
    plan.evidence.append(
      Evidence(
        positionId: position.value, statementId: statement.value, role: role, recordedIn: revision))
  }

  private mutating func planRelation(
    from: Located<String>, kind: RelationKind, to: Located<String>, note: String?
  ) throws {
    guard try requirePosition(from), try requirePosition(to) else { return }
    if from.value == to.value {
      report(to.location, "\(quoted(to.value)) relates to itself (expected another position)")
      return
    }
    guard
      plannedRelations.insert(PlannedRelation(from: from.value, kind: kind, to: to.value)).inserted
    else { return }
    // A position this unit adds cannot have stored relations yet.
    let stored =
      try !newPositions.contains(from.value)
      && session.relationStored(from: from.value, kind: kind, to: to.value)
    if !stored {
      plan.relations.append(
        PositionRelation(
          fromPositionId: from.value, kind: kind, toPositionId: to.value, note: note,
          recordedIn: revision))
    }
  }

  // MARK: - Lifecycle: supersession, withdrawal, deprecation

  /// Closes `old`'s interval on the day `new` starts and marks it superseded, after checking
  /// that both are held by the same party on the same issue.
  private mutating func planSupersession(of old: Located<String>, by new: Located<String>) throws {
    guard let newState = try currentState(new.value), let newFacts = try positionFacts(new.value),
      let oldFacts = try positionFacts(old.value)
    else { return }
    if oldFacts.holder != newFacts.holder || oldFacts.issue != newFacts.issue {
      report(
        old.location,
        "\(quoted(old.value)) is held by \(oldFacts.holder) on \(oldFacts.issue) (expected the same holder and issue as \(quoted(new.value)): \(newFacts.holder) on \(newFacts.issue))"
      )
      return
    }
    guard var state = try currentState(old.value) else { return }
    if newState.validFrom <= state.validFrom {
      report(
        old.location,
        "\(quoted(new.value)) starts on or before \(quoted(old.value)) does (expected the new position to start after the one it supersedes)"
      )
      return
    }
    if let end = state.validTo, end != newState.validFrom {
      report(
        old.location,
        "\(quoted(old.value)) already ended on \(PartialDate(storedValue: end, precision: state.validToPrecision ?? .day)) (expected an open position to supersede)"
      )
      return
    }
    guard try requirePosition(old), try requirePosition(new) else { return }
    try planRelation(from: new, kind: .supersedes, to: old, note: nil)
    state.validTo = newState.validFrom
    state.validToPrecision = newState.validFromPrecision
    state.status = .superseded
    state.statusReason = "superseded by \(new.value)"
    setState(old.value, state, old.place)
  }

  private mutating func planWithdrawal(_ withdrawal: CuratedWithdrawal) throws {
    guard try requirePosition(withdrawal.position),
      var state = try currentState(withdrawal.position.value)
    else { return }
    if let statement = withdrawal.statement,
      !isDefinedInOrder(batchStatements[statement.value]?.place, statement),
      try !session.statementStored(statement.value)
    {
      report(
        statement.location,
        "\(quoted(statement.value)) is not a known statement (expected a statement id)")
    }
    let on = withdrawal.on.value
    if on.firstDay <= state.validFrom {
      report(
        withdrawal.on.location,
        "\(quoted(on.description)) is not after the position began (expected a date after \(PartialDate(storedValue: state.validFrom, precision: state.validFromPrecision)))"
      )
      return
    }
    state.validTo = on.firstDay
    state.validToPrecision = on.precision
    state.status = .withdrawn
    state.statusReason =
      withdrawal.statement.map { "withdrawn, per statement \($0.value)" } ?? "withdrawn"
    setState(withdrawal.position.value, state, withdrawal.position.place)
  }

  private mutating func planDeprecation(_ deprecation: CuratedDeprecation) throws {
    guard try requirePosition(deprecation.position),
      var state = try currentState(deprecation.position.value)
    else { return }
    state.status = .deprecated
    state.statusReason = deprecation.reason
    setState(deprecation.position.value, state, deprecation.position.place)
  }

  private mutating func setState(
    _ positionId: String, _ state: VersionState, _ location: SourcePlace
  ) {
    let isNew = desiredStates[positionId]?.isNew ?? false
    desiredStates[positionId] = PlannedState(state: state, location: location, isNew: isNew)
  }

  // MARK: - Lookups

  /// The interval and status a position has so far in this unit, in earlier units of this load,
  /// or in the store.
  private func currentState(_ positionId: String) throws -> VersionState? {
    if let desired = desiredStates[positionId] { return desired.state }
    if newPositions.contains(positionId) { return nil }
    if let pending = try session.pendingState(positionId) { return pending }
    return try session.storedVersion(positionId)?.state
  }

  /// Whether a record defined in this unit at `definition` may be referred to from `reference`:
  /// always, except in a stream, where it must not come from a later line of the same file.
  private func isDefinedInOrder(_ definition: SourcePlace?, _ reference: Located<String>)
    -> Bool
  {
    guard let definition else { return false }
    return !streamOrder || definition.file != reference.place.file
      || definition.line <= reference.place.line
  }

  /// Reports a reference to a record that a stream defines only on a later line.
  private mutating func reportDefinedLater(
    _ kind: String, _ id: Located<String>, at definition: SourcePlace
  ) {
    report(
      id.location,
      "\(quoted(id.value)) is a \(kind) defined only later, on line \(definition.line) (expected each line of a stream to refer only to itself, earlier lines and the store)"
    )
  }

  /// Reports a record that an earlier unit of the same load (an earlier block of a stream, or
  /// an earlier file) already defined.
  private mutating func reportDefinedEarlier(_ kind: String, _ id: Located<String>) {
    report(
      id.location,
      "\(quoted(id.value)) is defined twice in this load (first in an earlier file or on an earlier line; expected each \(kind) id once)"
    )
  }

  private func positionFacts(_ id: String) throws -> (holder: String, issue: String)? {
    if let batch = batchPositions[id] {
      guard let holder = batch.holder else { return nil }
      return (holder, batch.issue)
    }
    return try session.positionFacts(id)
  }

  @discardableResult
  private mutating func requireParty(_ id: Located<String>) throws -> Bool {
    if let party = batchParties[id.value] {
      if isDefinedInOrder(party.id.place, id) { return true }
      reportDefinedLater("party", id, at: party.id.place)
      return false
    }
    if session.partyExists(id.value) { return true }
    let hint = try suggestion(for: id.value, table: "party")
    report(id.location, "\(quoted(id.value)) is not a known party (expected a party id\(hint))")
    return false
  }

  private mutating func requireIssue(_ id: Located<String>) throws {
    if let issue = batchIssues[id.value] {
      if !isDefinedInOrder(issue.id.place, id) {
        reportDefinedLater("issue", id, at: issue.id.place)
      }
      return
    }
    if session.issueExists(id.value) { return }
    let hint = try suggestion(for: id.value, table: "issue")
    report(id.location, "\(quoted(id.value)) is not a known issue (expected an issue id\(hint))")
  }

  private mutating func requirePosition(_ id: Located<String>) throws -> Bool {
    if let position = batchPositions[id.value] {
      if isDefinedInOrder(position.place, id) { return true }
      reportDefinedLater("position", id, at: position.place)
      return false
    }
    if try session.positionStored(id.value) { return true }
    // Close ids by edit distance on a store of curated size; on a very large one only ids
    // sharing the first characters, so a stream full of mistakes stays fast.
    let stored = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM position") ?? 0
    let candidates =
      stored <= 20_000
      ? Array(batchPositions.keys) + (try String.fetchAll(db, sql: "SELECT id FROM position"))
      : try String.fetchAll(
        db, sql: "SELECT id FROM position WHERE id LIKE ? ESCAPE '\\' LIMIT 50",
        arguments: [ParleyStore.escapeLike(String(id.value.prefix(8))) + "%"])
    let close = candidates.filter {
      $0.contains(id.value) || ParleyStore.editDistance(id.value, $0) <= max(2, id.value.count / 5)
    }.sorted()
    let hint = close.first.map { ", such as \(quoted($0))" } ?? ""
    report(
      id.location,
      "\(quoted(id.value)) is not a known position (expected the id of a position in the store or in this load\(hint))"
    )
    return false
  }

  /// ", such as 'x'" naming the closest known id, or "" when nothing is close.
  private func suggestion(for value: String, table: String) throws -> String {
    let ids: [String]
    if table == "party" {
      ids = Array(batchParties.keys) + (try String.fetchAll(db, sql: "SELECT id FROM party"))
      if let batchOwner = batchParties.values.first(where: {
        $0.aliases.contains { $0.lowercased() == value.lowercased() }
      }) {
        return "; \(quoted(value)) is an alias of \(quoted(batchOwner.id.value))"
      }
      if let aliasOwner = try String.fetchOne(
        db, sql: "SELECT partyId FROM partyAlias WHERE alias = ?", arguments: [value.lowercased()])
      {
        return "; \(quoted(value)) is an alias of \(quoted(aliasOwner))"
      }
    } else {
      ids = Array(batchIssues.keys) + (try String.fetchAll(db, sql: "SELECT id FROM issue"))
    }
    var close = ids.filter { $0.contains(value) || value.contains($0) || $0.hasSuffix("/" + value) }
      .sorted()
    if close.isEmpty {
      close = ids.filter { ParleyStore.editDistance(value, $0) <= max(1, value.count / 4) }.sorted()
    }
    if close.isEmpty, table == "party" {
      close = try ParleyStore.partySuggestions(for: value.lowercased(), db: db)
    }
    guard let best = close.first else { return "" }
    return ", such as \(quoted(best))"
  }

  private mutating func report(_ location: SourceLocation, _ message: String) {
    problems.append(LoadProblem(location: location, message: message))
  }

  private mutating func report(_ place: SourcePlace, _ message: String) {
    report(place.location, message)
  }

  private func differenceMessage<Record: Encodable>(
    _ kind: String, _ id: String, stored: Record, new: Record
  ) -> String {
    // The names the curated format uses for the stored columns.
    let names = [
      "issueId": "issue", "holderId": "holder", "propositionKey": "key",
      "parentId": "parent", "publishedOn": "published", "publishedPrecision": "published",
      "textSHA256": "text_sha256", "speakerId": "speaker", "onBehalfOfId": "on_behalf_of",
      "saidOn": "said", "saidPrecision": "said", "dateBasis": "date_basis",
      "quoteStart": "quote_start", "quoteEnd": "quote_start", "body": "text_file",
      "documentId": "document",
    ]
    var differing: [String] = []
    for field in Self.differingFields(stored, new)
    where field != "recordedIn" && field != "retiredIn" {
      let name = names[field] ?? field
      if !differing.contains(name) { differing.append(name) }
    }
    let fix =
      kind == "position"
      ? "give a new id, and use 'supersedes' to replace the old position or 'deprecations' to mark it wrong"
      : "give the changed \(kind) a new id"
    return
      "\(kind) \(quoted(id)) is already in the store with a different \(differing.joined(separator: ", ")) (expected the same record: ids are permanent; \(fix))"
  }

  private static func differingFields<Record: Encodable>(_ a: Record, _ b: Record) -> [String] {
    let encoder = JSONEncoder()
    guard let left = try? encoder.encode(a), let right = try? encoder.encode(b),
      let l = (try? JSONSerialization.jsonObject(with: left)) as? [String: Any],
      let r = (try? JSONSerialization.jsonObject(with: right)) as? [String: Any]
    else { return [] }
    return Set(l.keys).union(r.keys).sorted().filter {
      "\(l[$0] ?? "nil")" != "\(r[$0] ?? "nil")"
    }
  }

  /// The number of words (runs of non-whitespace) in a text.
  static func wordCount(_ text: String) -> Int {
    var count = 0
    var inWord = false
    for scalar in text.unicodeScalars {
      let isSpace =
        scalar.isASCII
        ? (scalar == " " || (0x09...0x0D).contains(scalar.value)) : scalar.properties.isWhitespace
      if !isSpace && !inWord { count += 1 }
      inWord = !isSpace
    }
    return count
  }

  /// Every offset (in Unicode scalars) where `needle` occurs in `text` (linear: QuoteSearch).
  static func scalarOffsets(of needle: String, in text: String) -> [Int] {
    QuoteSearch.scalarOffsets(of: needle, in: text)
  }
}
