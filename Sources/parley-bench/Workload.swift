import Foundation
import GRDB
import ParleyKit
import ParleySynthetic

/// The queries measured, each with random parties, issues and dates.
enum QueryKind: String, CaseIterable, Encodable {
  case who, positions, diff, compare
  case textFilter = "text-filter"
  case whoPublishedBy = "who-published-by"
  case whoKnownAt = "who-known-at"
  case brief
  case briefAll = "brief-all"

  /// At most this many samples of the kind per size (the briefs are long answers).
  var sampleLimit: Int? {
    switch self {
    case .brief: 20
    case .briefAll: 3
    default: nil
    }
  }

  /// How the query is asked, for the report.
  var shape: String {
    switch self {
    case .who:
      "who VERB --on ISSUE --as-of DATE (a random stance, level-2 issue with its variants, day)"
    case .positions:
      "positions PARTY --issue ISSUE --as-of DATE (a random holder, level-2 issue, day)"
    case .diff: "diff PARTY --from D1 --to D2 --issue DOMAIN (D2 30–365 days after D1)"
    case .compare: "compare P1 P2 P3 --issue DOMAIN --as-of DATE (three random states)"
    case .textFilter:
      "who VERB --as-of DATE with the proposition LIKE '%WORD%' (PositionFilter.text; no query language on this branch)"
    case .whoPublishedBy: "who VERB --on ISSUE --as-of DATE --published-by DATE (the same day)"
    case .whoKnownAt: "who VERB --on ISSUE --as-of DATE --known-at r1 (the load's revision)"
    case .brief:
      "brief --parties STATE --since DATE --as-of DATE+1 month (default length: 25 of each list)"
    case .briefAll: "brief --since DATE --as-of DATE+1 month (every party; default length)"
    }
  }
}

/// One query with its parameters: how to run it in process, and as a command line.
struct QuerySample {
  var kind: QueryKind
  var arguments: [String]
  /// Runs the query through ParleyKit as the command would, and returns the number of
  /// positions (or changes, or comparison cells) in the answer.
  var run: @Sendable (ParleyStore) throws -> Int
}

/// Draws query parameters from a seeded sequence, so every run asks the same questions.
struct Workload {
  var random: SeededRandom

  init(seed: UInt64) { random = SeededRandom(seed: seed &+ 0x5eed) }

  static let level2Issues = SyntheticCorpus.issueIds.filter { $0.split(separator: "/").count == 2 }
  static let domains = SyntheticCorpus.issueIds.filter { !$0.contains("/") }
  static let holders = SyntheticCorpus.holderIds
  static let states = SyntheticCorpus.holderIds.filter { !$0.contains("-") }

  /// A day between 2021-03-01 and 2025-12-28.
  mutating func day(after: PartialDate? = nil, withinDays: Int? = nil) -> PartialDate {
    if let after, let withinDays {
      var year = after.year
      var month = after.month ?? 1
      var day = after.day ?? 1
      var remaining = 30 + random.below(max(1, withinDays - 30))
      while remaining > 0 {
        let step = min(remaining, 28 - day + 1)
        day += step
        remaining -= step
        if day > 28 {
          day = 1
          month += 1
          if month > 12 {
            month = 1
            year += 1
          }
        }
      }
      return (try? PartialDate(year: min(year, 2025), month: month, day: day)) ?? after
    }
    let year = 2021 + random.below(5)
    let month = year == 2021 ? 3 + random.below(10) : 1 + random.below(12)
    return try! PartialDate(year: year, month: month, day: 1 + random.below(28))
  }

  /// The same day of the month before (days are 1–28, so it exists).
  static func monthBefore(_ date: PartialDate) -> PartialDate {
    let month = date.month ?? 1
    let (year, previous) = month == 1 ? (date.year - 1, 12) : (date.year, month - 1)
    return (try? PartialDate(year: year, month: previous, day: date.day ?? 1)) ?? date
  }

  mutating func sample(_ kind: QueryKind) -> QuerySample {
    switch kind {
    case .whoPublishedBy, .whoKnownAt:
      let stance = random.pick(StanceKind.allCases)
      let issue = random.pick(Self.level2Issues)
      let asOf = day()
      let published = kind == .whoPublishedBy
      return QuerySample(
        kind: kind,
        arguments: ["who", stance.verb, "--on", issue, "--as-of", asOf.description]
          + (published ? ["--published-by", asOf.description] : ["--known-at", "r1"])
      ) { store in
        var filter = PositionFilter(
          kinds: [stance], issues: try store.resolveIssues(issue), asOf: asOf)
        if published {
          filter.publishedBy = asOf
        } else {
          filter.knownAt = try store.knownAt(parsing: "r1")
        }
        return try store.positionList(filter, question: "who \(stance.verb) on \(issue)")
          .positions.count
      }
    case .brief, .briefAll:
      let party = random.pick(Self.states)
      let asOf = day()
      let since = Self.monthBefore(asOf)
      let parties = kind == .brief ? [party] : []
      return QuerySample(
        kind: kind,
        arguments: ["brief"] + (parties.isEmpty ? [] : ["--parties"] + parties) + [
          "--since", since.description, "--as-of", asOf.description, "--format", "json",
        ]
      ) { store in
        let ids = try parties.map { try store.resolveParty($0).id }
        let briefing = try store.briefing(asOf: asOf, since: since, parties: ids)
        // Items listed: standings, changes, conditions, claims, commitments and sources.
        return briefing.parties.reduce(0) { $0 + $1.positions.count } + briefing.worldChanges.count
          + briefing.openConditions.count + briefing.contested.count
          + briefing.commitments.count + briefing.sources.count
      }
    case .who:
      let stance = random.pick(StanceKind.allCases)
      let issue = random.pick(Self.level2Issues)
      let asOf = day()
      return QuerySample(
        kind: kind,
        arguments: ["who", stance.verb, "--on", issue, "--as-of", asOf.description]
      ) { store in
        let filter = PositionFilter(
          kinds: [stance], issues: try store.resolveIssues(issue), asOf: asOf)
        return try store.positionList(filter, question: "who \(stance.verb) on \(issue)")
          .positions.count
      }
    case .positions:
      let party = random.pick(Self.holders)
      let issue = random.pick(Self.level2Issues)
      let asOf = day()
      return QuerySample(
        kind: kind, arguments: ["positions", party, "--issue", issue, "--as-of", asOf.description]
      ) { store in
        let holder = try store.resolveParty(party)
        let filter = PositionFilter(
          holders: [holder.id], issues: try store.resolveIssues(issue), asOf: asOf)
        return try store.positionList(filter, question: "positions of \(holder.id) on \(issue)")
          .positions.count
      }
    case .diff:
      let party = random.pick(Self.holders)
      let domain = random.pick(Self.domains)
      let from = day()
      let to = day(after: from, withinDays: 365)
      return QuerySample(
        kind: kind,
        arguments: [
          "diff", party, "--from", from.description, "--to", to.description, "--issue", domain,
        ]
      ) { store in
        let holder = try store.resolveParty(party)
        let diff = try store.diff(
          holder: holder.id, issues: try store.resolveIssues(domain), from: from, to: to)
        return diff.changes.count + diff.unchanged
      }
    case .compare:
      var parties: [String] = []
      while parties.count < 3 {
        let party = random.pick(Self.states)
        if !parties.contains(party) { parties.append(party) }
      }
      let domain = random.pick(Self.domains)
      let asOf = day()
      let chosen = parties
      return QuerySample(
        kind: kind,
        arguments: ["compare"] + chosen + ["--issue", domain, "--as-of", asOf.description]
      ) { store in
        let ids = try chosen.map { try store.resolveParty($0).id }
        let comparison = try store.compare(
          parties: ids, issues: try store.resolveIssues(domain), asOf: asOf)
        return comparison.rows.reduce(0) { $0 + $1.cells.reduce(0) { $0 + $1.positions.count } }
      }
    case .textFilter:
      let stance = random.pick(StanceKind.allCases)
      let word = random.pick(SyntheticCorpus.vocabulary)
      let asOf = day()
      return QuerySample(
        kind: kind, arguments: ["who", stance.verb, "--as-of", asOf.description, "(text: \(word))"]
      ) { store in
        var filter = PositionFilter(kinds: [stance], asOf: asOf)
        filter.text = word
        return try store.positionList(filter, question: "who \(stance.verb) matching \(word)")
          .positions.count
      }
    }
  }
}

/// Collects the SQL a store's connection executes while tracing is on.
final class SQLRecorder: @unchecked Sendable {
  private let lock = NSLock()
  private var statements: [String] = []
  var isOn = false

  func record(_ event: Database.TraceEvent) {
    guard isOn, case .statement(let statement) = event else { return }
    let sql = statement.expandedSQL
    guard !sql.hasPrefix("--") else { return }
    lock.lock()
    statements.append(sql)
    lock.unlock()
  }

  /// Runs `body` and returns the statements it executed.
  func capture(_ body: () throws -> Void) rethrows -> [String] {
    lock.lock()
    statements = []
    lock.unlock()
    isOn = true
    defer { isOn = false }
    try body()
    lock.lock()
    defer { lock.unlock() }
    return statements
  }
}

extension ParleyStore {
  /// Opens a store file for the benchmark, with its SQL traced into `recorder` when it is on.
  static func openTraced(path: String, recorder: SQLRecorder) throws -> ParleyStore {
    // Tracing first, so that Parley's own connection set-up is recorded too.
    var base = Configuration()
    base.prepareDatabase { db in
      db.trace { recorder.record($0) }
    }
    return try ParleyStore(
      DatabaseQueue(path: path, configuration: ParleyStore.makeConfiguration(base)))
  }
}
