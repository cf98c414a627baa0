import ArgumentParser
import Foundation
import ParleyKit
import ParleySynthetic

/// `parley-bench`: Parley against raw SQLite, in one run, on synthetic corpora of several sizes.
@main
struct ParleyBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "parley-bench",
    abstract: "Measure Parley's load and queries against SQLite itself on synthetic corpora.",
    discussion: """
      For each size: generate the corpus (cached), load it with 'parley load' (time, peak RSS), \
      load the same rows with the sqlite3 shell (INSERTs, and .import of CSV), run each query \
      in process with random parties, issues and dates, and the same SQL through SQLite's C API, \
      and time whole 'parley who' processes against the sqlite3 shell running the same SQL. \
      It installs nothing; what is missing is named and skipped. See BENCHMARKS.md.
      """)

  @Option(help: "Corpus sizes in statements, comma-separated.")
  var sizes = "10000,100000,1000000"

  @Option(help: "Random queries per query kind and size (in process).")
  var samples = 200

  @Option(help: "Query kinds to measure, comma-separated (default: all).")
  var queries: String?

  @Option(help: "Whole-process 'parley who' runs (and as many sqlite3 shell runs) per size.")
  var processRuns = 30

  @Option(help: "Seed for the corpus and the queries.")
  var seed: UInt64 = 1

  @Option(help: "Working folder for corpora and stores.")
  var work = ".build/parley-bench"

  @Option(help: "The parley binary to time (default: the one beside this program).")
  var parley: String?

  @Flag(help: "Reuse a store already loaded by an earlier run (skips the load measurements).")
  var reuseStores = false

  @Flag(help: "Print JSON instead of tables.")
  var json = false

  @Option(help: ArgumentHelp("Also write the JSON report to this file.", valueName: "path"))
  var saveJSON: String?

  @Flag(help: "Print the SQL (and query plan) of one query of each kind, instead of measuring.")
  var showSQL = false

  func run() throws {
    let sizeList = sizes.split(separator: ",").compactMap {
      Int($0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: ""))
    }
    guard !sizeList.isEmpty else { throw ValidationError("'--sizes' names no size.") }
    let ownFolder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let parleyPath = parley ?? ownFolder.appendingPathComponent("parley").path
    var missing: [String] = []
    guard FileManager.default.isExecutableFile(atPath: parleyPath) else {
      throw ValidationError(
        "No parley binary at \(parleyPath). Build it first: swift build -c release --product parley (or pass --parley PATH)."
      )
    }
    let sqlite3 = which("sqlite3")
    if sqlite3 == nil {
      missing.append(
        "sqlite3 shell (Debian: apt-get install sqlite3): the shell load and whole-process baselines are skipped"
      )
    }
    if gnuTime == nil {
      missing.append(
        "GNU time (Debian: apt-get install time): no peak RSS is measured (the kernel's figure for a child started here includes this program's own size)"
      )
    }
    for line in missing { log("missing: \(line)") }

    var report = BenchReport(
      seed: seed, samples: samples, processRuns: processRuns,
      machine: MachineInfo.current(), missing: missing, sizes: [])
    for size in sizeList {
      let folder = "\(work)/\(size)"
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
      var figures = SizeFigures(statements: size)
      if showSQL {
        try printSQL(folder: folder)
        continue
      }
      try measureLoad(
        size: size, folder: folder, parley: parleyPath, sqlite3: sqlite3, into: &figures)
      try measureQueries(folder: folder, into: &figures)
      if let sqlite3 {
        try measureProcesses(folder: folder, parley: parleyPath, sqlite3: sqlite3, into: &figures)
      }
      report.sizes.append(figures)
      if !json { print(report.table(for: figures)) }
    }
    if json {
      print(try report.jsonText())
    } else {
      print(report.summaryTable())
    }
    if let saveJSON {
      try (try report.jsonText() + "\n").write(toFile: saveJSON, atomically: true, encoding: .utf8)
    }
  }

  // MARK: - Load

  func measureLoad(
    size: Int, folder: String, parley: String, sqlite3: String?, into figures: inout SizeFigures
  ) throws {
    let corpus = "\(folder)/corpus.jsonl"
    let stampPath = "\(folder)/corpus.stamp"
    let stamp = "seed \(seed), \(size) statements, generator \(ParleyStore.toolVersion)\n"
    if (try? String(contentsOfFile: stampPath, encoding: .utf8)) != stamp
      || !FileManager.default.fileExists(atPath: corpus)
    {
      log("generating \(size) statements → \(corpus)")
      let (summary, seconds) = try timed {
        try SyntheticCorpus(statements: size, seed: seed).write(toFile: corpus)
      }
      try stamp.write(toFile: stampPath, atomically: true, encoding: .utf8)
      figures.corpus = CorpusFigures(summary: summary, generateSeconds: seconds)
    } else {
      let bytes = (try? FileManager.default.attributesOfItem(atPath: corpus)[.size] as? Int) ?? 0
      var summary = SyntheticCorpus.Summary()
      summary.bytes = bytes
      figures.corpus = CorpusFigures(summary: summary, generateSeconds: nil)
    }

    let store = "\(folder)/parley.sqlite"
    if reuseStores && FileManager.default.fileExists(atPath: store) {
      log("reusing \(store)")
      return
    }
    for suffix in ["", "-wal", "-shm"] {
      try? FileManager.default.removeItem(atPath: store + suffix)
    }
    try mustRun(parley, ["init", "--empty", "--db", store])
    warmPageCache(corpus)
    log("loading \(size) statements with parley load")
    let load = try mustRun(parley, ["load", corpus, "--db", store], measureRSS: true)
    figures.load = LoadFigures(run: load, statements: size)
    figures.storeMiB =
      Double(
        (try? FileManager.default.attributesOfItem(atPath: store)[.size] as? Int) ?? 0) / 1_048_576

    guard let sqlite3 else { return }
    let baseline = ShellLoadBaseline(sqlite3: sqlite3, parley: parley, folder: folder)
    log("exporting the loaded rows for the sqlite3 shell")
    try baseline.export(from: store)
    for method in ["inserts", "csv"] {
      log("loading the same rows with the sqlite3 shell (\(method))")
      figures.baselines["sqlite3-\(method)"] = LoadFigures(
        run: try baseline.load(method), statements: size)
    }
    baseline.removeDump()
  }

  // MARK: - Queries in process

  func measureQueries(folder: String, into figures: inout SizeFigures) throws {
    let path = "\(folder)/parley.sqlite"
    warmPageCache(path)
    let recorder = SQLRecorder()
    let store = try ParleyStore.openTraced(path: path, recorder: recorder)
    let raw = try RawSQLite(path: path)
    var workload = Workload(seed: seed)
    let kinds =
      queries.map { list in
        QueryKind.allCases.filter {
          list.split(separator: ",").map(String.init).contains($0.rawValue)
        }
      } ?? QueryKind.allCases
    for kind in kinds {
      log("\(kind.rawValue): \(samples) random queries")
      var parleyTimes: [Double] = []
      var rawTimes: [Double] = []
      var ratios: [Double] = []
      var results = 0
      var statementCount = 0
      var plan: [String] = []
      for index in 0..<min(samples, kind.sampleLimit ?? samples) {
        let sample = workload.sample(kind)
        // Warm up, then record the SQL this query executes when warm (GRDB reads its schema
        // information once per connection), then time it, and the same SQL through the C API.
        _ = try sample.run(store)
        let sql = try recorder.capture { _ = try sample.run(store) }
        raw.forget()
        _ = try raw.run(sql)
        let (count, parleySeconds) = try timed { try sample.run(store) }
        let (_, rawSeconds) = try timed { try raw.run(sql) }
        parleyTimes.append(parleySeconds)
        rawTimes.append(rawSeconds)
        ratios.append(parleySeconds / rawSeconds)
        results += count
        statementCount += sql.count
        if index == 0 {
          for statement in sql
          where statement.uppercased().hasPrefix("SELECT")
            || statement.uppercased().hasPrefix("WITH")
          {
            plan += try raw.queryPlan(statement).map { "\($0)" }
          }
          plan = Array(Set(plan)).sorted()
        }
      }
      figures.queries.append(
        QueryFigures(
          kind: kind, shape: kind.shape, samples: parleyTimes.count,
          parley: Distribution(parleyTimes), cAPI: Distribution(rawTimes),
          medianRatio: percentile(ratios, 0.5),
          meanAnswerSize: Double(results) / Double(max(parleyTimes.count, 1)),
          statementsPerQuery: Double(statementCount) / Double(max(parleyTimes.count, 1)),
          planSteps: plan))
    }
  }

  func printSQL(folder: String) throws {
    let path = "\(folder)/parley.sqlite"
    let recorder = SQLRecorder()
    let store = try ParleyStore.openTraced(path: path, recorder: recorder)
    let raw = try RawSQLite(path: path)
    var workload = Workload(seed: seed)
    for kind in QueryKind.allCases {
      let sample = workload.sample(kind)
      print("== \(kind.rawValue): parley \(sample.arguments.joined(separator: " "))")
      for sql in try recorder.capture({ _ = try sample.run(store) }) {
        print(sql)
        if sql.uppercased().hasPrefix("SELECT") || sql.uppercased().hasPrefix("WITH") {
          for step in try raw.queryPlan(sql) { print("    plan: \(step)") }
        }
      }
    }
  }

  // MARK: - Whole processes

  func measureProcesses(
    folder: String, parley: String, sqlite3: String, into figures: inout SizeFigures
  )
    throws
  {
    let path = "\(folder)/parley.sqlite"
    var workload = Workload(seed: seed &+ 7)
    var parleyTimes: [Double] = []
    var shellTimes: [Double] = []
    var peak: Int?
    log("who: \(processRuns) whole processes, parley and sqlite3")
    for index in 0..<processRuns {
      let sample = workload.sample(.who)
      // The SQL the whole command executes, from opening the store to the answer.
      let recorder = SQLRecorder()
      let sql = try recorder.capture {
        let store = try ParleyStore.openTraced(path: path, recorder: recorder)
        _ = try sample.run(store)
      }
      let sqlPath = "\(folder)/who-\(index).sql"
      try (sql.map { $0.hasSuffix(";") ? $0 : $0 + ";" }.joined(separator: "\n") + "\n")
        .write(toFile: sqlPath, atomically: true, encoding: .utf8)
      let parleyRun = try mustRun(parley, sample.arguments + ["--db", path])
      let shellRun = try mustRun(sqlite3, ["-batch", path], stdin: sqlPath)
      if index == 0 { continue }  // the first pair warms the page cache (its SQL is kept)
      try? FileManager.default.removeItem(atPath: sqlPath)
      parleyTimes.append(parleyRun.seconds)
      shellTimes.append(shellRun.seconds)
      // The peak RSS from a run of its own under GNU time, which the timed run is not.
      let measured = try mustRun(parley, sample.arguments + ["--db", path], measureRSS: true)
      peak = larger(peak, measured.maxRSSKiB)
    }
    // Whole 'parley brief' processes (one party, one month, JSON): time, peak RSS, output size.
    var briefWorkload = Workload(seed: seed &+ 11)
    var briefTimes: [Double] = []
    var briefPeak: Int?
    var briefBytes = 0
    let briefRuns = max(1, min(processRuns, 5))
    log("brief: \(briefRuns) whole processes")
    for _ in 0..<briefRuns {
      let sample = briefWorkload.sample(.brief)
      let output = "\(folder)/brief.json"
      let run = try mustRun(parley, sample.arguments + ["--db", path], stdout: output)
      briefTimes.append(run.seconds)
      let measured = try mustRun(
        parley, sample.arguments + ["--db", path], stdout: output, measureRSS: true)
      briefPeak = larger(briefPeak, measured.maxRSSKiB)
      briefBytes = max(
        briefBytes, (try? FileManager.default.attributesOfItem(atPath: output)[.size] as? Int) ?? 0)
      try? FileManager.default.removeItem(atPath: output)
    }
    figures.briefProcess = BriefProcessFigures(
      runs: briefRuns, parley: Distribution(briefTimes),
      maxRSSMiB: briefPeak.map { Double($0) / 1024 },
      maxOutputMB: Double(briefBytes) / 1_000_000)
    figures.process = ProcessFigures(
      runs: parleyTimes.count, parley: Distribution(parleyTimes), sqlite3: Distribution(shellTimes),
      parleyMaxRSSMiB: peak.map { Double($0) / 1024 })
  }
}

/// Reads a file once, so that measurements start from the operating system's page cache rather
/// than from the disk (for Parley and its baselines alike).
func warmPageCache(_ path: String) {
  guard let file = fopen(path, "rb") else { return }
  defer { fclose(file) }
  let buffer = UnsafeMutableRawPointer.allocate(byteCount: 1 << 20, alignment: 16)
  defer { buffer.deallocate() }
  while fread(buffer, 1, 1 << 20, file) > 0 {}
}

func log(_ message: String) {
  FileHandle.standardError.write(Data("[bench] \(message)\n".utf8))
}
