import Foundation
import ParleyKit

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
