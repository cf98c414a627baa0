import Foundation

/// How a record compares with the one the store holds under its id.
enum StoredComparison: Equatable {
  /// Nothing is stored under the id: the record is to be inserted.
  case absent
  /// An earlier unit of this load wrote the id (reported).
  case definedInEarlierUnit
  /// The store holds the same record.
  case same
  /// The store holds a different record under the id (reported: ids are permanent).
  case different
}

// References to other records, the comparison with stored records, and the suggestions given
// for unknown ids.
extension LoadPlanner {
  // MARK: - The stored record

  /// Compares `record` with the record the store holds under the same id, ignoring record time,
  /// and reports a different record, or one an earlier unit of this load already defined.
  mutating func compareWithStored<Record: RecordedFact>(_ record: Record, id: Located<String>)
    throws -> StoredComparison
  {
    guard let stored = try store.record(Record.self, id: id.value) else { return .absent }
    if stored.recordedIn == revision {
      report(id.location, .definedInEarlierUnit(id.value, Record.kind))
      return .definedInEarlierUnit
    }
    var comparable = stored
    comparable.recordedIn = record.recordedIn
    comparable.clearRetirement()
    if comparable == record { return .same }
    report(
      id.location,
      .differsFromStored(
        Record.kind, id.value, fields: CuratedFieldNames.differing(stored, record)))
    return .different
  }

  // MARK: - Positions so far

  /// The interval and status a position has so far in this unit, in earlier units of this load,
  /// or in the store.
  func currentState(_ positionId: String) throws -> VersionState? {
    if let desired = desiredStates[positionId] { return desired.state }
    if newPositions.contains(positionId) { return nil }
    if let pending = try store.pendingState(positionId) { return pending }
    return try store.storedVersion(positionId)?.state
  }

  /// The holder and issue of a position of this unit (once its holder is known) or the store.
  func positionFacts(_ id: String) throws -> PositionFacts? {
    if let batch = batchPositions[id] {
      guard let holder = batch.holder else { return nil }
      return PositionFacts(
        holder: holder, issue: batch.issue, coHolders: batch.coHolders, alsoOn: batch.alsoOn)
    }
    return try store.positionFacts(id)
  }

  // MARK: - References

  /// Whether a record defined in this unit at `definition` may be referred to from `reference`:
  /// always, except in a stream, where it must not come from a later line of the same file.
  func isDefinedInOrder(_ definition: SourcePlace?, _ reference: Located<String>) -> Bool {
    guard let definition else { return false }
    return !streamOrder || definition.file != reference.place.file
      || definition.line <= reference.place.line
  }

  /// Whether `id` names a party of this unit (defined in order) or the store; reports it if not.
  @discardableResult
  mutating func requireParty(_ id: Located<String>) throws -> Bool {
    if let party = batchParties[id.value] {
      if isDefinedInOrder(party.id.place, id) { return true }
      report(id.location, .definedLater(id.value, .party, onLine: party.id.place.line))
      return false
    }
    if store.partyExists(id.value) { return true }
    report(id.location, .unknownParty(id.value, try partySuggestion(for: id.value)))
    return false
  }

  /// Reports `id` unless it names an issue of this unit (defined in order) or the store.
  mutating func requireIssue(_ id: Located<String>) throws {
    if let issue = batchIssues[id.value] {
      if !isDefinedInOrder(issue.id.place, id) {
        report(id.location, .definedLater(id.value, .issue, onLine: issue.id.place.line))
      }
      return
    }
    if store.issueExists(id.value) { return }
    report(id.location, .unknownIssue(id.value, try issueSuggestion(for: id.value)))
  }

  /// Whether `id` names a position of this unit (defined in order) or the store; reports it if
  /// not.
  mutating func requirePosition(_ id: Located<String>) throws -> Bool {
    if let position = batchPositions[id.value] {
      if isDefinedInOrder(position.place, id) { return true }
      report(id.location, .definedLater(id.value, .position, onLine: position.place.line))
      return false
    }
    if try store.isStored(.position, id.value) { return true }
    report(id.location, .unknownPosition(id.value, try positionSuggestion(for: id.value)))
    return false
  }

  // MARK: - Suggestions

  /// The closest party id to an unknown one, or the party it is an alias of.
  private func partySuggestion(for value: String) throws -> IdSuggestion {
    let ids = Array(batchParties.keys) + (try store.partyIds())
    let folded = value.lowercased()
    if let batchOwner = batchParties.values.first(where: {
      $0.aliases.contains { $0.lowercased() == folded }
    }) {
      return .alias(value, of: batchOwner.id.value)
    }
    if let aliasOwner = try store.aliasOwner(folded) {
      return .alias(value, of: aliasOwner)
    }
    var close = ParleyStore.closestIds(to: value, among: ids)
    if close.isEmpty {
      close = try store.partySuggestions(for: folded)
    }
    return close.first.map(IdSuggestion.closest) ?? .none
  }

  /// The closest issue id to an unknown one.
  private func issueSuggestion(for value: String) throws -> IdSuggestion {
    let ids = Array(batchIssues.keys) + (try store.issueIds())
    return ParleyStore.closestIds(to: value, among: ids).first.map(IdSuggestion.closest) ?? .none
  }

  /// The closest position id to an unknown one.
  private func positionSuggestion(for value: String) throws -> IdSuggestion {
    let stored = try store.positionIds(near: value)
    let candidates = stored.complete ? Array(batchPositions.keys) + stored.ids : stored.ids
    let close = candidates.filter {
      $0.contains(value) || ParleyStore.editDistance(value, $0) <= max(2, value.count / 5)
    }.sorted()
    return close.first.map(IdSuggestion.closest) ?? .none
  }
}

/// The names the curated format gives the stored columns, for saying which fields of a record
/// differ from the stored one.
enum CuratedFieldNames {
  /// Stored columns whose curated name differs (two columns may share one field).
  static let byColumn = [
    "issueId": "issue", "holderId": "holder", "propositionKey": "key",
    "parentId": "parent", "publishedOn": "published", "publishedPrecision": "published",
    "textSHA256": "text_sha256", "speakerId": "speaker", "onBehalfOfId": "on_behalf_of",
    "saidOn": "said", "saidPrecision": "said", "dateBasis": "date_basis",
    "quoteStart": "quote_start", "quoteEnd": "quote_start", "body": "text_file",
    "documentId": "document",
  ]

  /// The curated names of the fields in which two records differ, record time aside.
  static func differing<Record: Encodable>(_ stored: Record, _ new: Record) -> [String] {
    var differing: [String] = []
    for column in differingColumns(stored, new)
    where column != "recordedIn" && column != "retiredIn" {
      let name = byColumn[column] ?? column
      if !differing.contains(name) { differing.append(name) }
    }
    return differing
  }

  /// The encoded keys whose values differ, sorted.
  private static func differingColumns<Record: Encodable>(_ a: Record, _ b: Record) -> [String] {
    let encoder = JSONEncoder()
    guard let left = try? encoder.encode(a), let right = try? encoder.encode(b),
      let l = (try? JSONSerialization.jsonObject(with: left)) as? [String: Any],
      let r = (try? JSONSerialization.jsonObject(with: right)) as? [String: Any]
    else { return [] }
    return Set(l.keys).union(r.keys).sorted().filter {
      "\(l[$0] ?? "nil")" != "\(r[$0] ?? "nil")"
    }
  }
}
