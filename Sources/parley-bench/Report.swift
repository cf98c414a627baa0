import Foundation
import ParleyKit
import ParleySynthetic

struct MachineInfo: Encodable {
  var cores: Int
  var memoryGiB: Double
  var sqliteVersion: String
  var date: String

  static func current() -> MachineInfo {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withFullDate]
    return MachineInfo(
      cores: ProcessInfo.processInfo.activeProcessorCount,
      memoryGiB: (Double(ProcessInfo.processInfo.physicalMemory) / 1_073_741_824 * 10).rounded()
        / 10,
      sqliteVersion: sqliteLibraryVersion(), date: formatter.string(from: Date()))
  }
}

/// Percentiles of a set of durations, in milliseconds.
struct Distribution: Encodable {
  var p50: Double
  var p99: Double
  var mean: Double

  init(_ seconds: [Double]) {
    p50 = percentile(seconds, 0.5) * 1000
    p99 = percentile(seconds, 0.99) * 1000
    mean = seconds.isEmpty ? .nan : seconds.reduce(0, +) / Double(seconds.count) * 1000
  }
}

struct CorpusFigures: Encodable {
  var summary: SyntheticCorpus.Summary
  var generateSeconds: Double?
}

struct LoadFigures: Encodable {
  var seconds: Double
  var statementsPerSecond: Double
  /// Nil when GNU time is missing.
  var maxRSSMiB: Double?

  init(run: ProcessRun, statements: Int) {
    seconds = run.seconds
    statementsPerSecond = Double(statements) / run.seconds
    maxRSSMiB = run.maxRSSKiB.map { Double($0) / 1024 }
  }
}

struct QueryFigures: Encodable {
  var kind: QueryKind
  var shape: String
  var samples: Int
  /// Parley, in process (ms).
  var parley: Distribution
  /// The same SQL through SQLite's C API (ms).
  var cAPI: Distribution
  /// The median over samples of Parley's time over the C API's for the same query.
  var medianRatio: Double
  var meanAnswerSize: Double
  var statementsPerQuery: Double
  /// EXPLAIN QUERY PLAN steps of the first sample's statements.
  var planSteps: [String]

  var ratioOfMedians: Double { parley.p50 / cAPI.p50 }
}

struct ProcessFigures: Encodable {
  var runs: Int
  var parley: Distribution
  var sqlite3: Distribution
  var parleyMaxRSSMiB: Double?
}

/// Whole `parley brief` processes: one party, one month's window, JSON.
struct BriefProcessFigures: Encodable {
  var runs: Int
  var parley: Distribution
  var maxRSSMiB: Double?
  var maxOutputMB: Double
}

struct SizeFigures: Encodable {
  var statements: Int
  var corpus: CorpusFigures?
  var load: LoadFigures?
  var storeMiB: Double?
  var baselines: [String: LoadFigures] = [:]
  var queries: [QueryFigures] = []
  var process: ProcessFigures?
  var briefProcess: BriefProcessFigures?

  init(statements: Int) { self.statements = statements }

  func query(_ kind: QueryKind) -> QueryFigures? { queries.first { $0.kind == kind } }
}

struct BenchReport: Encodable {
  var seed: UInt64
  var samples: Int
  var processRuns: Int
  var machine: MachineInfo
  var missing: [String]
  var sizes: [SizeFigures]
  var targets: [Target] = []

  func jsonText() throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    var copy = self
    copy.targets = evaluateTargets()
    return String(decoding: try encoder.encode(copy), as: UTF8.self)
  }

  func table(for size: SizeFigures) -> String {
    var lines: [String] = []
    let corpus = size.corpus.map { corpus in
      let megabytes = String(format: "%.1f MB", Double(corpus.summary.bytes) / 1_000_000)
      return corpus.generateSeconds.map { "\(megabytes), generated in \(format($0)) s" }
        ?? megabytes
    }
    lines.append("")
    lines.append("== \(grouped(size.statements)) statements (corpus \(corpus ?? "?"))")
    if let load = size.load {
      lines.append(
        "load     parley load      \(format(load.seconds)) s  \(grouped(Int(load.statementsPerSecond))) statements/s  peak RSS \(rss(load.maxRSSMiB))  store \(format(size.storeMiB ?? 0)) MiB"
      )
      for (name, baseline) in size.baselines.sorted(by: { $0.key < $1.key }) {
        lines.append(
          "         \(name.padding(toLength: 16, withPad: " ", startingAt: 0)) \(format(baseline.seconds)) s  peak RSS \(rss(baseline.maxRSSMiB))  → parley is \(format(load.seconds / baseline.seconds))×"
        )
      }
    }
    lines.append(
      "query          parley p50    p99   C API p50    p99   ratio (p50s, median)   answer  SQL stmts"
    )
    for query in size.queries {
      lines.append(
        "\(query.kind.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0)) \(pad(format(query.parley.p50), 10)) \(pad(format(query.parley.p99), 6)) \(pad(format(query.cAPI.p50), 11)) \(pad(format(query.cAPI.p99), 6))   \(pad(format(query.ratioOfMedians) + "×", 8)) \(pad(format(query.medianRatio) + "×", 8))   \(pad(format(query.meanAnswerSize), 10)) \(pad(format(query.statementsPerQuery), 9))"
      )
    }
    if let process = size.process {
      lines.append(
        "process  parley who p50 \(format(process.parley.p50)) ms (p99 \(format(process.parley.p99)))  sqlite3 shell p50 \(format(process.sqlite3.p50)) ms (p99 \(format(process.sqlite3.p99)))  → \(format(process.parley.p50 / process.sqlite3.p50))×  peak RSS \(rss(process.parleyMaxRSSMiB))"
      )
    }
    if let brief = size.briefProcess {
      lines.append(
        "process  parley brief (one party, one month, JSON) p50 \(format(brief.parley.p50)) ms  peak RSS \(rss(brief.maxRSSMiB))  output up to \(format(brief.maxOutputMB)) MB (\(brief.runs) runs)"
      )
    }
    return lines.joined(separator: "\n")
  }

  func summaryTable() -> String {
    var lines = ["", "== growth with the corpus: p50 latency (ms), and positions in the answer"]
    let header =
      "query          " + sizes.map { pad(grouped($0.statements), 12) }.joined() + "   growth"
    lines.append(header)
    for kind in QueryKind.allCases {
      let values = sizes.map { $0.query(kind)?.parley.p50 ?? .nan }
      let growth =
        values.count > 1
        ? "\(format(values.last! / values.first!))× over \(format(Double(sizes.last!.statements) / Double(sizes.first!.statements)))× data"
        : ""
      lines.append(
        kind.rawValue.padding(toLength: 15, withPad: " ", startingAt: 0)
          + values.map { pad(format($0), 12) }.joined() + "   " + growth)
      let answers = sizes.map { $0.query(kind)?.meanAnswerSize ?? .nan }
      lines.append(
        "  answer".padding(toLength: 15, withPad: " ", startingAt: 0)
          + answers.map { pad(format($0), 12) }.joined()
          + (answers.count > 1 ? "   \(format(answers.last! / answers.first!))×" : ""))
    }
    lines.append("")
    lines.append(
      "== targets (at the largest size, \(grouped(sizes.last?.statements ?? 0)) statements)")
    for target in evaluateTargets() {
      lines.append("\(target.met ? "met   " : "MISSED") \(target.name): \(target.figure)")
    }
    return lines.joined(separator: "\n")
  }

  struct Target: Encodable {
    var name: String
    var met: Bool
    var figure: String
  }

  func evaluateTargets() -> [Target] {
    guard let size = sizes.last else { return [] }
    var result: [Target] = []
    if let load = size.load {
      for (name, baseline) in size.baselines.sorted(by: { $0.key < $1.key }) {
        let ratio = load.seconds / baseline.seconds
        result.append(
          Target(
            name: "load ≤ 1.5× \(name)", met: ratio <= 1.5,
            figure:
              "\(format(ratio))× (\(format(load.seconds)) s against \(format(baseline.seconds)) s)")
        )
      }
      if let peak = load.maxRSSMiB {
        result.append(
          Target(
            name: "load peak RSS ≤ 150 MB", met: peak * 1.048576 <= 150,
            figure: "\(format(peak * 1.048576)) MB"))
      }
    }
    for (kind, limit) in [
      (QueryKind.who, 5.0), (.positions, 5.0), (.diff, 20.0), (.compare, 100.0), (.brief, 200.0),
      (.briefAll, 1000.0),
    ] {
      if let query = size.query(kind) {
        result.append(
          Target(
            name: "\(kind.rawValue) p50 ≤ \(format(limit)) ms", met: query.parley.p50 <= limit,
            figure: "\(format(query.parley.p50)) ms"))
      }
    }
    for query in size.queries {
      result.append(
        Target(
          name: "\(query.kind.rawValue) ≤ 1.2× the same SQL through the C API",
          met: query.ratioOfMedians <= 1.2,
          figure:
            "\(format(query.ratioOfMedians))× of p50s (median of ratios \(format(query.medianRatio))×)"
        ))
    }
    if let process = size.process {
      let ratio = process.parley.p50 / process.sqlite3.p50
      result.append(
        Target(
          name: "whole-process who ≤ 2× the sqlite3 shell", met: ratio <= 2,
          figure:
            "\(format(ratio))× (\(format(process.parley.p50)) ms against \(format(process.sqlite3.p50)) ms)"
        ))
    }
    if let who = size.query(.who) {
      for kind in [QueryKind.whoPublishedBy, .whoKnownAt] {
        guard let variant = size.query(kind) else { continue }
        let ratio = variant.parley.p50 / who.parley.p50
        result.append(
          Target(
            name: "\(kind.rawValue) ≤ 1.2× plain who", met: ratio <= 1.2,
            figure: "\(format(ratio))× (\(format(variant.parley.p50)) ms)"))
      }
    }
    if let peak = size.briefProcess?.maxRSSMiB {
      result.append(
        Target(
          name: "brief process peak RSS ≤ 150 MB", met: peak * 1.048576 <= 150,
          figure: "\(format(peak * 1.048576)) MB"))
    }
    return result
  }
}

/// A peak RSS, or why there is none.
func rss(_ mebibytes: Double?) -> String {
  mebibytes.map { "\(format($0)) MiB" } ?? "not measured (GNU time is missing)"
}

func format(_ value: Double) -> String {
  guard value.isFinite else { return "–" }
  if value >= 100 { return String(format: "%.0f", value) }
  if value >= 10 { return String(format: "%.1f", value) }
  return String(format: "%.2f", value)
}

func grouped(_ value: Int) -> String {
  let digits = String(value)
  var result = ""
  for (index, character) in digits.enumerated() {
    if index > 0 && (digits.count - index) % 3 == 0 { result += "," }
    result.append(character)
  }
  return result
}

func pad(_ text: String, _ width: Int) -> String {
  text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
}
