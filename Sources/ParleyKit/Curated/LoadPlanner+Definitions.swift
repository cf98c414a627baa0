import Foundation

// Parties (with their aliases and affiliations), issues and documents.
extension LoadPlanner {
  mutating func planParty(_ party: CuratedParty) throws {
    guard batchParties[party.id.value]?.id.place == party.id.place else { return }
    if let parent = party.parent {
      if parent.value == party.id.value {
        report(parent.location, .partyIsItsOwnParent(parent.value))
      } else if try requireParty(parent) {
        try checkParentChain(of: party.id.value, from: parent)
      }
    }
    let record = Party(
      id: party.id.value, name: party.name, kind: party.kind, parentId: party.parent?.value,
      note: party.note, recordedIn: revision)
    switch try compareWithStored(record, id: party.id) {
    case .absent: plan.parties.append(record)
    case .definedInEarlierUnit: return
    case .same, .different: break
    }
    for alias in Set(party.aliases.map { $0.lowercased() }).sorted() {
      if try !store.aliasStored(alias, party: party.id.value) {
        plan.aliases.append(
          PartyAlias(alias: alias, partyId: party.id.value, recordedIn: revision))
      }
    }
    if !party.affiliations.isEmpty && party.kind != .person {
      report(party.id.location, .affiliationsOfNonPerson(party.id.value, kind: party.kind))
    }
    var seenAffiliations: [String: SourcePlace] = [:]
    for affiliation in party.affiliations {
      try requireParty(affiliation.party)
      let key = [affiliation.party.value, affiliation.role, affiliation.from?.description ?? "-"]
        .joined(separator: "\u{1F}")
      if let first = seenAffiliations[key] {
        report(
          affiliation.location,
          .affiliationTwice(
            person: party.id.value, party: affiliation.party.value, role: affiliation.role,
            from: affiliation.from, firstAt: first))
        continue
      }
      seenAffiliations[key] = affiliation.location
      let record = Affiliation(
        id: nil, personId: party.id.value, partyId: affiliation.party.value, role: affiliation.role,
        validFrom: affiliation.from?.firstDay, validFromPrecision: affiliation.from?.precision,
        validTo: affiliation.to?.firstDay, validToPrecision: affiliation.to?.precision,
        recordedIn: revision)
      if let stored = try store.currentAffiliation(like: record) {
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

  /// A party may not be its own ancestor: follows the parents (of this load, then the store)
  /// from `parent` and reports the cycle with every party on it.
  private mutating func checkParentChain(of id: String, from parent: Located<String>) throws {
    var chain = [id, parent.value]
    var current = parent.value
    for _ in 0..<64 {
      let next: String?
      if let batch = batchParties[current] {
        next = batch.parent?.value
      } else {
        next = try store.parent(ofParty: current)
      }
      guard let next else { return }
      if next == id {
        report(parent.location, .parentCycle(chain + [id]))
        return
      }
      if chain.contains(next) { return }  // a cycle elsewhere is reported at its own party
      chain.append(next)
      current = next
    }
  }

  mutating func planIssue(_ issue: CuratedIssue) throws {
    guard batchIssues[issue.id.value]?.id.place == issue.id.place else { return }
    let segments = issue.id.value.split(separator: "/")
    let parentId = segments.count > 1 ? segments.dropLast().joined(separator: "/") : nil
    if let parentId, batchIssues[parentId] == nil, try !store.isStored(.issue, parentId) {
      report(issue.id.location, .missingParentIssue(issue.id.value, parent: parentId))
    }
    let record = Issue(
      id: issue.id.value, parentId: parentId, label: issue.label, description: issue.description,
      recordedIn: revision)
    if try compareWithStored(record, id: issue.id) == .absent {
      plan.issues.append(record)
    }
  }

  mutating func planDocument(_ document: CuratedDocument) throws {
    guard batchDocuments[document.id.value] == document.id.place else { return }
    var document = document
    // A document stored with its text (`parley add`) may be given again without `text_file`
    // but with the same `text_sha256`: the stored text stands in, and quotes are checked in it.
    if document.text == nil, let given = document.textSHA256,
      let stored = try store.record(Document.self, id: document.id.value),
      stored.textSHA256 == given.value, let body = stored.body
    {
      document.text = body
    }
    var sha = document.textSHA256?.value
    if let text = document.text {
      let computed = SHA256.hexDigest(of: Data(text.utf8))
      if let given = document.textSHA256, given.value != computed {
        report(given.location, .textDigestMismatch(given.value, computed: computed))
      }
      sha = computed
    }
    let record = Document(
      id: document.id.value, title: document.title, outlet: document.outlet, url: document.url,
      publishedOn: document.published?.firstDay, publishedPrecision: document.published?.precision,
      language: document.language, textSHA256: sha, body: document.text, recordedIn: revision)
    switch try compareWithStored(record, id: document.id) {
    case .absent: plan.documents.append(record)
    case .definedInEarlierUnit: return
    case .same, .different: break
    }
    for statement in document.statements {
      try planStatement(statement, in: document)
    }
  }
}
