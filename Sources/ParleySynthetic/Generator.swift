import Foundation
import ParleyKit

/// The state machine that writes a corpus line by line: who holds what, since when, and what
/// each new document says about it.
struct Generator {
  struct PositionState {
    var holder: Int
    var issue: Int
    var key: Int
    var kind: StanceKind
    var validFrom: Int
    /// Index in `active[holder]`, or -1 once no longer held.
    var slot: Int
  }

  let corpus: SyntheticCorpus
  var random: SeededRandom
  var out: [UInt8] = []
  var summary = SyntheticCorpus.Summary()

  let holders: [SyntheticCorpus.PartyDefinition]
  let holderWeights: [Int]
  let leafIssues: [(id: String, label: String)]
  let issueWeights: [Int]
  var positions: [PositionState] = []
  var active: [[Int]]
  var nextKey = 0
  /// The share of statements that take up a new position, in permille.
  let newPermille: Int

  init(corpus: SyntheticCorpus) {
    self.corpus = corpus
    random = SeededRandom(seed: corpus.seed)
    holders = SyntheticCorpus.states + SyntheticCorpus.organisations + SyntheticCorpus.bodies
    holderWeights = holders.map(\.weight)
    var leaves: [(String, String)] = []
    var weights: [Int] = []
    for (domain, _, questions) in SyntheticCorpus.domains {
      for (question, label) in questions {
        leaves.append(("\(domain)/\(question)", label))
        weights.append(2)
        for (variant, variantLabel) in SyntheticCorpus.variants {
          leaves.append(("\(domain)/\(question)/\(variant)", "\(label), \(variantLabel)"))
          weights.append(1)
        }
      }
    }
    leafIssues = leaves
    issueWeights = weights
    active = Array(repeating: [], count: holders.count)
    let scale = Double(max(corpus.statements, 10_000)) / 10_000
    newPermille = max(50, Int((300 * pow(scale, -0.3)).rounded()))
  }

  mutating func run(_ sink: (UnsafeRawBufferPointer) throws -> Void) throws
    -> SyntheticCorpus.Summary
  {
    try writeReference(sink)
    let totalStatements = max(corpus.statements, 0)
    let days =
      CivilDate(yyyymmdd: SyntheticCorpus.lastDay).daysSince1970
      - CivilDate(yyyymmdd: SyntheticCorpus.firstDay).daysSince1970 + 1
    let documents = max(1, (totalStatements + 4) / 5)
    var written = 0
    var document = 0
    while written < totalStatements {
      let dayIndex = min(days - 1, document * days / documents)
      let day = CivilDate(yyyymmdd: SyntheticCorpus.firstDay).daysSince1970 + dayIndex
      let count = min(1 + random.below(9), totalStatements - written)
      writeDocument(number: document, day: day, statements: count, firstStatement: written)
      written += count
      document += 1
      if out.count >= 1 << 20 { try flush(sink) }
    }
    try flush(sink)
    return summary
  }

  // MARK: Reference data

  mutating func writeReference(_ sink: (UnsafeRawBufferPointer) throws -> Void) throws {
    var line = JSONLine()
    line.raw("{\"parties\":[")
    var first = true
    func party(
      _ line: inout JSONLine, _ definition: SyntheticCorpus.PartyDefinition, kind: String,
      affiliations: [(party: String, role: String, from: Int?, to: Int?)] = []
    ) {
      if !first { line.raw(",") }
      first = false
      line.raw("{\"id\":")
      line.string(definition.id)
      line.raw(",\"name\":")
      line.string(definition.name)
      line.raw(",\"kind\":")
      line.string(kind)
      if let parent = definition.parent {
        line.raw(",\"parent\":")
        line.string(parent)
      }
      line.raw(",\"aliases\":[")
      for (index, alias) in definition.aliases.enumerated() {
        if index > 0 { line.raw(",") }
        line.string(alias)
      }
      line.raw("]")
      if !affiliations.isEmpty {
        line.raw(",\"affiliations\":[")
        for (index, affiliation) in affiliations.enumerated() {
          if index > 0 { line.raw(",") }
          line.raw("{\"party\":")
          line.string(affiliation.party)
          line.raw(",\"role\":")
          line.string(affiliation.role)
          line.raw(",\"from\":")
          if let from = affiliation.from {
            line.string(Generator.dateText(from))
          } else {
            line.raw("null")
          }
          line.raw(",\"to\":")
          if let to = affiliation.to {
            line.string(Generator.dateText(to))
          } else {
            line.raw("null")
          }
          line.raw("}")
        }
        line.raw("]")
      }
      line.raw("}")
    }
    for state in SyntheticCorpus.states { party(&line, state, kind: "state") }
    for organisation in SyntheticCorpus.organisations {
      party(&line, organisation, kind: "organisation")
    }
    for body in SyntheticCorpus.bodies { party(&line, body, kind: "government-body") }
    for watcher in SyntheticCorpus.watchers { party(&line, watcher, kind: "analyst") }
    for outlet in SyntheticCorpus.media { party(&line, outlet, kind: "media") }
    for person in SyntheticCorpus.people {
      var affiliations: [(String, String, Int?, Int?)] = []
      var from: Int? = 2019_01_01
      for role in person.roles {
        affiliations.append((role.party, role.role, from, role.until))
        from = role.until
      }
      party(
        &line,
        .init(
          id: person.id, name: person.name,
          aliases: [person.name.split(separator: " ").last.map(String.init) ?? person.name]),
        kind: "person", affiliations: affiliations)
    }
    line.raw("],\"issues\":[")
    var firstIssue = true
    for (domain, label, questions) in SyntheticCorpus.domains {
      func issue(_ line: inout JSONLine, _ id: String, _ label: String) {
        if !firstIssue { line.raw(",") }
        firstIssue = false
        line.raw("{\"id\":")
        line.string(id)
        line.raw(",\"label\":")
        line.string(label)
        line.raw("}")
      }
      issue(&line, domain, label)
      for (question, questionLabel) in questions {
        issue(&line, "\(domain)/\(question)", questionLabel)
        for (variant, variantLabel) in SyntheticCorpus.variants {
          issue(&line, "\(domain)/\(question)/\(variant)", "\(questionLabel), \(variantLabel)")
        }
      }
    }
    line.raw("]}\n")
    append(line)
    try flush(sink)
  }

  // MARK: Documents

  mutating func writeDocument(number: Int, day: Int, statements count: Int, firstStatement: Int) {
    let date = Self.dateText(CivilDate(daysSince1970: day).yyyymmdd)
    let compact = date.replacingOccurrences(of: "-", with: "")
    var line = JSONLine()
    var withdrawals: [(position: Int, statement: String)] = []
    var deprecations: [Int] = []
    line.raw("{\"documents\":[{\"id\":")
    line.string("doc-\(compact)-\(Self.padded(number, 7))")
    line.raw(",\"title\":")
    line.string(
      "Synthetic report \(number) on \(random.pick(SyntheticCorpus.words)) and \(random.pick(SyntheticCorpus.words))"
    )
    line.raw(",\"outlet\":")
    line.string(random.pick(SyntheticCorpus.outlets))
    if random.chance(40) {
      line.raw(",\"url\":")
      line.string("https://example.org/synthetic/\(compact)/\(number)")
    }
    line.raw(",\"published\":")
    line.string(date)
    line.raw(",\"statements\":[")
    for index in 0..<count {
      if index > 0 { line.raw(",") }
      let statementId = "st-\(compact)-\(Self.padded(firstStatement + index, 8))"
      writeStatement(
        &line, id: statementId, day: day, withdrawals: &withdrawals, deprecations: &deprecations)
    }
    line.raw("]}]")
    if !withdrawals.isEmpty {
      line.raw(",\"withdrawals\":[")
      for (index, withdrawal) in withdrawals.enumerated() {
        if index > 0 { line.raw(",") }
        line.raw("{\"position\":")
        line.string(positionId(withdrawal.position))
        line.raw(",\"on\":")
        line.string(date)
        line.raw(",\"statement\":")
        line.string(withdrawal.statement)
        line.raw("}")
      }
      line.raw("]")
    }
    if !deprecations.isEmpty {
      line.raw(",\"deprecations\":[")
      for (index, position) in deprecations.enumerated() {
        if index > 0 { line.raw(",") }
        line.raw("{\"position\":")
        line.string(positionId(position))
        line.raw(",\"reason\":")
        line.string(
          random.chance(50)
            ? "misattributed: the words were the interviewer's"
            : "misread: the source was quoting a draft")
        line.raw("}")
      }
      line.raw("]")
    }
    line.raw("}\n")
    append(line)
    summary.documents += 1
  }

  mutating func writeStatement(
    _ line: inout JSONLine, id: String, day: Int,
    withdrawals: inout [(position: Int, statement: String)], deprecations: inout [Int]
  ) {
    summary.statements += 1
    let today = CivilDate(daysSince1970: day).yyyymmdd
    // Analysts and media weigh in on other parties' positions.
    if random.chance(4), let target = randomActive(excluding: nil) {
      let watcher =
        random.chance(70)
        ? random.pick(SyntheticCorpus.watchers).id : random.pick(SyntheticCorpus.media).id
      line.raw("{\"id\":")
      line.string(id)
      line.raw(",\"speaker\":null,\"on_behalf_of\":")
      line.string(watcher)
      line.raw(",\"said\":")
      line.string(Self.dateText(today))
      line.raw(",\"attribution\":\"analyst\",\"quote\":")
      line.string(quote(words: 6 + random.below(10)))
      line.raw(",\"supports\":[{\"position\":")
      line.string(positionId(target))
      line.raw(",\"role\":")
      line.string(
        random.chance(60) ? "corroborates" : random.chance(80) ? "disputes" : "no-comment")
      line.raw("}]}")
      summary.thirdPartyEvidence += 1
      return
    }

    // Month or year precision for a few statements.
    let precisionRoll = random.below(100)
    let said: (text: String, firstDay: Int) =
      precisionRoll < 88
      ? (Self.dateText(today), today)
      : precisionRoll < 97
        ? (Self.dateText(today / 100 * 100 + 1).dropLast(3).description, today / 100 * 100 + 1)
        : (String(today / 10000), today / 10000 * 10000 + 101)
    // Who speaks: a spokesperson (whose affiliation on the day said tells for whom) or an
    // unnamed source for a party.
    let holder: Int
    var speaker: String? = nil
    if random.chance(30) {
      let person = random.pick(SyntheticCorpus.people)
      let role =
        person.roles.first { $0.until.map { said.firstDay < $0 } ?? true } ?? person.roles.last!
      speaker = person.id
      holder = holders.firstIndex { $0.id == role.party }!
    } else {
      holder = random.weighted(holderWeights)
    }
    line.raw("{\"id\":")
    line.string(id)
    line.raw(",\"speaker\":")
    if let speaker { line.string(speaker) } else { line.raw("null") }
    if speaker == nil {
      line.raw(",\"on_behalf_of\":")
      line.string(holders[holder].id)
    }
    line.raw(",\"said\":")
    line.string(said.text)
    if said.firstDay != today {
      line.raw(",\"date_basis\":")
      line.string(
        said.text.count == 4
          ? "The article says only the year." : "The article gives only the month.")
    }
    let attribution =
      speaker != nil
      ? (random.chance(60) ? "direct" : "reported")
      : (random.chance(70) ? "reported" : random.chance(50) ? "claimed" : "direct")
    line.raw(",\"attribution\":")
    line.string(attribution)
    if attribution != "reported" || !random.chance(3) {
      line.raw(",\"quote\":")
      line.string(quote(words: 5 + random.below(14)))
    }
    line.raw(",\"supports\":[")
    let items = random.chance(10) ? 2 : 1
    var used: Set<Int> = []
    for item in 0..<items {
      if item > 0 { line.raw(",") }
      writeSupport(&line, holder: holder, said: said, today: today, used: &used)
    }
    line.raw("]}")

    // Now and then the statement ends a position of its party, or an old record is found wrong.
    if random.chance(permille: newPermille / 6), let index = randomActive(of: holder),
      positions[index].validFrom < today, !used.contains(index)
    {
      deactivate(index)
      withdrawals.append((index, id))
      summary.withdrawals += 1
    } else if random.chance(permille: newPermille / 25), let index = randomActive(excluding: nil),
      !used.contains(index)
    {
      deactivate(index)
      deprecations.append(index)
      summary.deprecations += 1
    }
  }

  mutating func writeSupport(
    _ line: inout JSONLine, holder: Int, said: (text: String, firstDay: Int), today: Int,
    used: inout Set<Int>
  ) {
    // Restate a position the party holds, most of the time.
    if !random.chance(permille: newPermille), let index = randomActive(of: holder),
      !used.contains(index)
    {
      used.insert(index)
      line.string(positionId(index))
      summary.restatements += 1
      return
    }
    // A new position: a change of an earlier one on the same slot, or a fresh one.
    var supersedes: Int? = nil
    var issue = random.weighted(issueWeights)
    var key = nextKey
    if random.chance(45), let old = randomActive(of: holder), !used.contains(old),
      positions[old].validFrom < said.firstDay
    {
      supersedes = old
      issue = positions[old].issue
      if random.chance(80) { key = positions[old].key } else { nextKey += 1 }
    } else {
      nextKey += 1
    }
    let kindIndex = random.weighted(SyntheticCorpus.kinds.map(\.weight))
    let kind = SyntheticCorpus.kinds[kindIndex].kind
    let modality = random.below(100)
    let index = positions.count
    positions.append(
      PositionState(
        holder: holder, issue: issue, key: key, kind: kind, validFrom: said.firstDay, slot: -1))
    if let old = supersedes {
      deactivate(old)
      summary.supersessions += 1
    }
    activate(index)
    used.insert(index)
    summary.positions += 1

    let (issueId, issueLabel) = leafIssues[issue]
    line.raw("{\"id\":")
    line.string(positionId(index))
    line.raw(",\"issue\":")
    line.string(issueId)
    line.raw(",\"key\":")
    line.string("k\(Self.padded(key, 7))-\(issueId.split(separator: "/").last!)")
    line.raw(",\"proposition\":")
    line.string(
      "\(holders[holder].name) \(kind.verb) on \(issueLabel.lowercased()): \(quote(words: 6 + random.below(8)))."
    )
    line.raw(",\"kind\":")
    line.string(kind.rawValue)
    if modality >= 70 {
      line.raw(",\"modality\":")
      line.string(modality < 90 ? "conditional" : "hedged")
    }
    if random.chance(8) { line.raw(",\"polarity\":\"against\"") }
    let targets = random.below(4)
    if targets > 0 {
      var chosen: [String] = []
      for _ in 0..<targets {
        let target = random.pick(SyntheticCorpus.states).id
        if target != holders[holder].id && !chosen.contains(target) { chosen.append(target) }
      }
      line.raw(",\"target\":[")
      for (position, target) in chosen.enumerated() {
        if position > 0 { line.raw(",") }
        line.string(target)
      }
      line.raw("]")
    }
    if modality >= 70 && modality < 90 {
      line.raw(",\"conditions\":[")
      line.string("only if \(quote(words: 3 + random.below(5)))")
      line.raw("]")
    }
    if let old = supersedes {
      line.raw(",\"supersedes\":")
      line.string(positionId(old))
    }
    if random.chance(5), let other = randomActive(excluding: holder), other != index {
      line.raw(
        kind == .claim && positions[other].kind == .claim
          ? ",\"contradicts\":[" : ",\"responds_to\":[")
      line.string(positionId(other))
      line.raw("]")
    }
    line.raw("}")
  }

  // MARK: Bookkeeping

  mutating func activate(_ index: Int) {
    let holder = positions[index].holder
    positions[index].slot = active[holder].count
    active[holder].append(index)
  }

  mutating func deactivate(_ index: Int) {
    let holder = positions[index].holder
    let slot = positions[index].slot
    guard slot >= 0 else { return }
    let last = active[holder].removeLast()
    if last != index {
      active[holder][slot] = last
      positions[last].slot = slot
    }
    positions[index].slot = -1
  }

  mutating func randomActive(of holder: Int) -> Int? {
    active[holder].isEmpty ? nil : active[holder][random.below(active[holder].count)]
  }

  mutating func randomActive(excluding holder: Int?) -> Int? {
    for _ in 0..<4 {
      let other = random.weighted(holderWeights)
      if other != holder, let index = randomActive(of: other) { return index }
    }
    return nil
  }

  func positionId(_ index: Int) -> String {
    "p\(Self.padded(index, 7))-\(holders[positions[index].holder].id)"
  }

  mutating func quote(words count: Int) -> String {
    var text = ""
    for index in 0..<count {
      if index > 0 { text += " " }
      text += random.pick(SyntheticCorpus.words)
    }
    return text
  }

  mutating func append(_ line: JSONLine) {
    out.append(contentsOf: line.bytes)
    summary.lines += 1
    summary.bytes += line.bytes.count
  }

  mutating func flush(_ sink: (UnsafeRawBufferPointer) throws -> Void) throws {
    try out.withUnsafeBytes { try sink($0) }
    out.removeAll(keepingCapacity: true)
  }

  // MARK: Dates (day arithmetic is CivilDate's)

  static func dateText(_ yyyymmdd: Int) -> String {
    "\(yyyymmdd / 10000)-\(padded(yyyymmdd / 100 % 100, 2))-\(padded(yyyymmdd % 100, 2))"
  }

  static func padded(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width
      ? digits : String(repeating: "0", count: width - digits.count) + digits
  }
}
