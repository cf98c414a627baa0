import Foundation

/// A synthetic corpus at any scale, for benchmarks and tests: curated JSON Lines that
/// `parley load` reads, generated from a seed (the same seed and size give the same bytes).
///
/// It is shaped like the real thing but names only invented parties (Arden, Borovia, …), so it
/// can never be mistaken for reporting: a few dozen parties with aliases, ministries and
/// spokespeople whose affiliations change over time; a three-level issue taxonomy of 104 slots;
/// one document per line, 1 to 9 statements each, dated over five years (2021–2025) in date
/// order, mostly to the day, some to the month or year. Most statements restate a position their
/// party already holds; some take up a new one, which may supersede an earlier one on the same
/// slot; now and then a position is withdrawn or deprecated, a party answers or contradicts
/// another, and analysts corroborate or dispute claims. The larger the corpus, the more often
/// positions are restated (the share of statements that take up a new position falls from 30% at
/// 10,000 statements to about 8% at 1,000,000), as a real record grows deeper rather than wider.
///
/// Line 1 holds the parties and issues; every later line is one document, with the withdrawals
/// and deprecations its statements announce. Every line refers only to lines before it.
public struct SyntheticCorpus: Sendable {
  public var statements: Int
  public var seed: UInt64

  public init(statements: Int, seed: UInt64 = 1) {
    self.statements = statements
    self.seed = seed
  }

  /// What a generated corpus holds.
  public struct Summary: Sendable, Equatable, Encodable {
    public var lines = 0
    public var bytes = 0
    public var documents = 0
    public var statements = 0
    public var positions = 0
    public var restatements = 0
    public var supersessions = 0
    public var withdrawals = 0
    public var deprecations = 0
    public var thirdPartyEvidence = 0

    public init() {}
  }

  /// Writes the corpus to a file, replacing it.
  @discardableResult
  public func write(toFile path: String) throws -> Summary {
    guard let file = fopen(path, "wb") else {
      throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
    }
    defer { fclose(file) }
    return try write { bytes in
      guard fwrite(bytes.baseAddress, 1, bytes.count, file) == bytes.count else {
        throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
      }
    }
  }

  /// Generates the corpus, handing it to `sink` in chunks of about a megabyte.
  @discardableResult
  public func write(to sink: (UnsafeRawBufferPointer) throws -> Void) throws -> Summary {
    var generator = Generator(corpus: self)
    return try generator.run(sink)
  }

  // MARK: - The reference data, shared with the benchmark

  /// The first and last day of the corpus (`yyyymmdd`).
  public static let firstDay = 2021_01_01
  public static let lastDay = 2025_12_31

  /// Parties that hold positions (states, organisations and ministries), by id.
  public static var holderIds: [String] {
    states.map(\.id) + organisations.map(\.id) + bodies.map(\.id)
  }

  /// Every issue slot id, domains first, in tree order.
  public static var issueIds: [String] {
    var ids: [String] = []
    for (domain, _, questions) in domains {
      ids.append(domain)
      for (question, _) in questions {
        ids.append("\(domain)/\(question)")
        for (variant, _) in variants { ids.append("\(domain)/\(question)/\(variant)") }
      }
    }
    return ids
  }

  /// Words that occur in propositions, for text-filter queries.
  public static let vocabulary = words

  // MARK: - Data

  struct PartyDefinition {
    var id: String
    var name: String
    var aliases: [String]
    var parent: String? = nil
    var weight: Int = 1
  }

  static let states: [PartyDefinition] = [
    .init(id: "arden", name: "Arden", aliases: ["Ardenne", "the Arden government"], weight: 30),
    .init(
      id: "borovia", name: "Borovia", aliases: ["Borov", "the Borovian government"], weight: 28),
    .init(id: "caldoria", name: "Caldoria", aliases: ["Caldor City"], weight: 16),
    .init(id: "dravenia", name: "Dravenia", aliases: ["Draven", "Dravenian state"], weight: 10),
    .init(id: "estmark", name: "Estmark", aliases: ["Est"], weight: 8),
    .init(id: "fennland", name: "Fennland", aliases: ["Fenn", "Fennish government"], weight: 7),
    .init(id: "galdor", name: "Galdor", aliases: ["Galdoran government"], weight: 6),
    .init(id: "hestia", name: "Hestia", aliases: ["Hestian Republic"], weight: 5),
    .init(id: "ilyria", name: "Ilyria", aliases: ["Ilyrian government", "Ily"], weight: 4),
    .init(id: "jorvik", name: "Jorvik", aliases: ["Jorvik Kingdom"], weight: 4),
    .init(id: "kestrel", name: "Kestrel Republic", aliases: ["Kestrel"], weight: 3),
    .init(id: "lunaria", name: "Lunaria", aliases: ["Lunarian Federation"], weight: 3),
  ]
  static let organisations: [PartyDefinition] = [
    .init(
      id: "northern-alliance", name: "Northern Alliance", aliases: ["NA", "the Alliance"], weight: 8
    ),
    .init(
      id: "union-of-states", name: "Union of States", aliases: ["UoS", "the Union"], weight: 6),
    .init(id: "trade-council", name: "Trade Council", aliases: ["TC"], weight: 2),
    .init(id: "security-forum", name: "Security Forum", aliases: ["SF"], weight: 2),
    .init(id: "relief-agency", name: "Relief Agency", aliases: ["RA"], weight: 2),
    .init(id: "development-bank", name: "Development Bank", aliases: ["DB Bank"], weight: 1),
  ]
  static let bodies: [PartyDefinition] = [
    .init(
      id: "arden-defence-ministry", name: "Arden Ministry of Defence", aliases: ["Arden MoD"],
      parent: "arden", weight: 6),
    .init(
      id: "arden-foreign-ministry", name: "Arden Foreign Ministry", aliases: ["Arden MFA"],
      parent: "arden", weight: 5),
    .init(
      id: "borovia-defence-ministry", name: "Borovia Ministry of Defence",
      aliases: ["Borovian MoD"], parent: "borovia", weight: 6),
    .init(
      id: "borovia-foreign-ministry", name: "Borovia Foreign Ministry", aliases: ["Borovian MFA"],
      parent: "borovia", weight: 5),
    .init(
      id: "caldoria-foreign-ministry", name: "Caldoria Foreign Ministry",
      aliases: ["Caldorian MFA"], parent: "caldoria", weight: 3),
    .init(
      id: "dravenia-general-staff", name: "Dravenia General Staff",
      aliases: ["Dravenian General Staff"], parent: "dravenia", weight: 2),
    .init(
      id: "estmark-foreign-ministry", name: "Estmark Foreign Ministry", aliases: ["Estmark MFA"],
      parent: "estmark", weight: 2),
    .init(
      id: "fennland-defence-ministry", name: "Fennland Ministry of Defence", aliases: ["Fenn MoD"],
      parent: "fennland", weight: 2),
    .init(
      id: "galdor-foreign-ministry", name: "Galdor Foreign Ministry", aliases: ["Galdor MFA"],
      parent: "galdor", weight: 1),
    .init(
      id: "union-commission", name: "Union Commission", aliases: ["the Commission"],
      parent: "union-of-states", weight: 2),
  ]
  /// Spokespeople: (id, name, the parties they speak for in turn, and the day each role ends).
  static let people:
    [(id: String, name: String, roles: [(party: String, role: String, until: Int?)])] = [
      ("ana-morrow", "Ana Morrow", [("arden", "President", nil)]),
      ("boris-kell", "Boris Kell", [("borovia", "President", nil)]),
      (
        "clara-voss", "Clara Voss",
        [
          ("arden", "Foreign minister", 2023_06_01),
          ("arden-foreign-ministry", "Special envoy", nil),
        ]
      ),
      ("dmitri-hale", "Dmitri Hale", [("borovia-foreign-ministry", "Spokesman", nil)]),
      (
        "elena-storm", "Elena Storm",
        [("caldoria", "Prime minister", 2024_03_15), ("caldoria-foreign-ministry", "Adviser", nil)]
      ),
      ("felix-arno", "Felix Arno", [("northern-alliance", "Secretary general", nil)]),
      ("greta-lind", "Greta Lind", [("union-commission", "Commissioner", nil)]),
      (
        "hugo-brandt", "Hugo Brandt",
        [("dravenia", "Chancellor", 2022_09_01), ("estmark", "Envoy", nil)]
      ),
      ("irina-pell", "Irina Pell", [("borovia-defence-ministry", "Defence minister", nil)]),
      ("jonas-berg", "Jonas Berg", [("arden-defence-ministry", "Defence minister", nil)]),
      ("katya-moran", "Katya Moran", [("fennland", "Foreign minister", nil)]),
      (
        "lev-dorn", "Lev Dorn",
        [("galdor", "President", 2024_11_01), ("galdor-foreign-ministry", "Adviser", nil)]
      ),
    ]
  static let watchers: [PartyDefinition] = [
    .init(id: "conflict-monitor", name: "Conflict Monitor", aliases: ["CM"]),
    .init(id: "strategy-institute", name: "Strategy Institute", aliases: ["the Institute"]),
    .init(id: "open-source-desk", name: "Open Source Desk", aliases: ["OSD"]),
  ]
  static let media: [PartyDefinition] = [
    .init(id: "daily-ledger", name: "The Daily Ledger", aliases: ["Ledger"]),
    .init(id: "wire-service", name: "Continental Wire", aliases: ["the Wire"]),
  ]
  static let outlets = [
    "The Daily Ledger", "Continental Wire", "Northern Courier", "Evening Dispatch", "Harbour Post",
    "Capital Times", "Frontier Review",
  ]

  static let domains: [(id: String, label: String, questions: [(id: String, label: String)])] = [
    (
      "security", "Security",
      [
        ("alliance-membership", "Alliance membership"), ("foreign-troops", "Foreign troops"),
        ("guarantees", "Security guarantees"), ("arms-control", "Arms control"),
      ]
    ),
    (
      "territory", "Territory",
      [
        ("northern-province", "The northern province"), ("coastal-strip", "The coastal strip"),
        ("border-line", "The line of contact"), ("islands", "The islands"),
      ]
    ),
    (
      "ceasefire", "Ceasefire",
      [
        ("general", "General ceasefire"), ("partial", "Partial ceasefires"),
        ("monitoring", "Ceasefire monitoring"), ("prisoners", "Prisoner exchanges"),
      ]
    ),
    (
      "sanctions", "Sanctions",
      [
        ("financial", "Financial sanctions"), ("trade", "Trade restrictions"),
        ("relief", "Sanctions relief"), ("enforcement", "Enforcement"),
      ]
    ),
    (
      "process", "Negotiation process",
      [
        ("venue", "Venue and format"), ("mediators", "Mediators"), ("sequencing", "Sequencing"),
        ("military-aid", "Military aid"),
      ]
    ),
    (
      "humanitarian", "Humanitarian",
      [
        ("corridors", "Humanitarian corridors"), ("refugees", "Refugees"),
        ("reconstruction", "Reconstruction"), ("detainees", "Detainees"),
      ]
    ),
    (
      "energy", "Energy",
      [
        ("gas-transit", "Gas transit"), ("grid", "Power grid"),
        ("nuclear-plant", "The nuclear plant"), ("pipelines", "Pipelines"),
      ]
    ),
    (
      "economy", "Economy",
      [
        ("assets", "Frozen assets"), ("ports", "Ports and shipping"), ("grain", "Grain exports"),
        ("debt", "Debt relief"),
      ]
    ),
  ]
  static let variants: [(id: String, label: String)] = [
    ("interim", "interim arrangements"), ("final-status", "final status"),
  ]

  static let words = [
    "withdrawal", "guarantee", "monitoring", "corridor", "border", "treaty", "referendum",
    "sanctions", "exchange", "prisoners", "grain", "pipeline", "reactor", "airspace", "navy",
    "artillery", "drones", "elections", "neutrality", "sovereignty", "autonomy", "reparations",
    "assets", "tariffs", "shipping", "ports", "convoy", "observers", "peacekeepers", "amnesty",
    "recognition", "buffer", "demilitarised", "zone", "inspection", "verification", "timetable",
    "phased", "immediate", "unconditional", "binding", "written", "international", "regional",
    "bilateral", "multilateral", "summit", "envoy", "mediation", "talks", "framework",
    "memorandum", "roadmap", "truce", "escalation", "restraint", "deterrence", "mobilisation",
    "deployment", "exercises", "missiles", "fortifications", "minefields", "reconstruction",
    "refugees", "returns", "compensation", "investment", "loans", "energy", "gas", "power",
    "grid", "nuclear", "safety", "agency", "council", "alliance", "union", "commission",
  ]

  static let kinds: [(kind: StanceKind, weight: Int)] = [
    (.demand, 20), (.condition, 10), (.commitment, 10), (.proposal, 14), (.acceptance, 8),
    (.rejection, 15), (.threat, 5), (.claim, 12), (.consideration, 6),
  ]
}

// MARK: - The generator

/// xoshiro256** seeded through SplitMix64: small, fast and the same on every platform and
/// toolchain (Swift's own random APIs may change their algorithms between releases).
public struct SeededRandom: Sendable {
  private var s: (UInt64, UInt64, UInt64, UInt64)

  public init(seed: UInt64) {
    var x = seed
    func splitMix() -> UInt64 {
      x &+= 0x9E37_79B9_7F4A_7C15
      var z = x
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    s = (splitMix(), splitMix(), splitMix(), splitMix())
  }

  public mutating func next() -> UInt64 {
    let result = ((s.1 &* 5) << 7 | (s.1 &* 5) >> 57) &* 9
    let t = s.1 << 17
    s.2 ^= s.0
    s.3 ^= s.1
    s.1 ^= s.2
    s.0 ^= s.3
    s.2 ^= t
    s.3 = s.3 << 45 | s.3 >> 19
    return result
  }

  /// A number in `0..<bound` (multiply-shift; the tiny bias does not matter here).
  public mutating func below(_ bound: Int) -> Int {
    precondition(bound > 0)
    return Int((UInt64(bound).multipliedFullWidth(by: next())).high)
  }

  /// True with probability `percent / 100` (permille precision via `chance(permille:)`).
  public mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
  public mutating func chance(permille: Int) -> Bool { below(1000) < permille }

  public mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

  public mutating func weighted(_ weights: [Int]) -> Int {
    var roll = below(weights.reduce(0, +))
    for (index, weight) in weights.enumerated() {
      if roll < weight { return index }
      roll -= weight
    }
    return weights.count - 1
  }
}

private struct Generator {
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
      Self.dayNumber(SyntheticCorpus.lastDay) - Self.dayNumber(SyntheticCorpus.firstDay) + 1
    let documents = max(1, (totalStatements + 4) / 5)
    var written = 0
    var document = 0
    while written < totalStatements {
      let dayIndex = min(days - 1, document * days / documents)
      let day = Self.dayNumber(SyntheticCorpus.firstDay) + dayIndex
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
    let date = Self.dateText(Self.yyyymmdd(day))
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
    let today = Self.yyyymmdd(day)
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

  // MARK: Dates

  /// Days since 1970-01-01 of a `yyyymmdd` (proleptic Gregorian).
  static func dayNumber(_ yyyymmdd: Int) -> Int {
    var year = yyyymmdd / 10000
    let month = yyyymmdd / 100 % 100
    let day = yyyymmdd % 100
    year -= month <= 2 ? 1 : 0
    let era = (year >= 0 ? year : year - 399) / 400
    let yearOfEra = year - era * 400
    let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146097 + dayOfEra - 719468
  }

  /// The `yyyymmdd` of a day number.
  static func yyyymmdd(_ dayNumber: Int) -> Int {
    let z = dayNumber + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let dayOfEra = z - era * 146097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let mp = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * mp + 2) / 5 + 1
    let month = mp + (mp < 10 ? 3 : -9)
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    return year * 10000 + month * 100 + day
  }

  static func dateText(_ yyyymmdd: Int) -> String {
    "\(yyyymmdd / 10000)-\(padded(yyyymmdd / 100 % 100, 2))-\(padded(yyyymmdd % 100, 2))"
  }

  static func padded(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width
      ? digits : String(repeating: "0", count: width - digits.count) + digits
  }
}

/// One line of JSON, built by appending.
private struct JSONLine {
  var bytes: [UInt8] = []

  init() { bytes.reserveCapacity(2048) }

  mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

  mutating func string(_ text: String) {
    bytes.append(UInt8(ascii: "\""))
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
      case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
      case 0..<0x20:
        bytes.append(contentsOf: Array("\\u00".utf8))
        let hex = Array("0123456789abcdef".utf8)
        bytes.append(hex[Int(byte >> 4)])
        bytes.append(hex[Int(byte & 0xF)])
      default: bytes.append(byte)
      }
    }
    bytes.append(UInt8(ascii: "\""))
  }
}
