import ArgumentParser
import Foundation
import ParleyKit

extension Parley {
  /// `parley extract-score`: the extractor's precision and recall per stance kind on gold sets.
  struct ExtractScore: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "extract-score",
      abstract: "Score 'parley extract' per stance kind against gold sets (see BENCHMARKS.md).",
      discussion: """
        Gold sets: the seed corpus's hand coding of the two seed articles (their texts are read \
        from --seed-texts, matched by SHA-256; the extractor uses the store's parties, aliases, \
        affiliations and issues, not its positions), and the PETRARCH unit-test records (per \
        sentence, the stance kinds of the expected CAMEO codes against those of the codes the \
        extractor records; 'held-out' is the odd-numbered half, never looked at while the \
        lexicon was tuned).
        """)

    @Option(help: ArgumentHelp("PETRARCH unit-test records (XML).", valueName: "file"))
    var petrarch = "../shared/data/petrarch2/PETR.UnitTest.records.xml"

    @Option(
      help: ArgumentHelp("The CAMEO codebook with example sentences (CSV).", valueName: "file"))
    var cameo = "../shared/data/cameo/CAMEO_codes_with_descriptions.csv"

    @Option(help: ArgumentHelp("Folder holding the seed articles' texts.", valueName: "folder"))
    var seedTexts = "../shared/seeds"

    @Option(
      help: ArgumentHelp(
        "Folder of hand-coded examples: NAME.yaml coding NAME.txt (the README's).",
        valueName: "folder"))
    var examples = "Tests/ParleyKitTests/Examples"

    @Flag(help: "List the gold units missed and the proposals that matched nothing.")
    var misses = false

    @Flag(help: "Print JSON instead of tables.")
    var json = false

    @Option(
      help: ArgumentHelp(
        "Instead of scoring, show what the extractor makes of one sentence (no store parties).",
        valueName: "text"))
    var sentence: String?

    func run() throws {
      if let sentence {
        for line in ExtractBenchmark.explain(sentence) { emit(line + "\n") }
        return
      }
      try reportingErrors {
        var scores: [ExtractBenchmark.Score] = []
        // Seed articles.
        let corpus = ParleyStore.seedCorpus
        let articles = corpus.filter { $0.path.contains("/2") }
        // The scoring reads only the store's parties and issues, never its positions.
        let store = try ParleyStore.inMemory()
        try store.loadSeedCorpus()
        let kinds = try ExtractBenchmark.positionKinds(corpus.map(\.text))
        var sets: [(text: String, published: PartialDate, gold: [ExtractBenchmark.GoldStatement])] =
          []
        let names = (try? FileManager.default.contentsOfDirectory(atPath: seedTexts)) ?? []
        for name in names.sorted() where name.hasSuffix(".txt") {
          guard let data = FileManager.default.contents(atPath: seedTexts + "/" + name),
            let text = String(data: data, encoding: .utf8)
          else { continue }
          for article in articles {
            let gold = try ExtractBenchmark.goldStatements(
              yaml: article.text, text: text, positionKinds: kinds)
            if gold.isEmpty { continue }
            let published = try Self.published(article.text)
            sets.append((text, published, gold))
          }
        }
        if sets.isEmpty {
          printError(
            "warning: no seed article texts found in \(seedTexts); the seed gold set is skipped.")
        } else {
          scores.append(
            try ExtractBenchmark.scoreArticles(sets, store: store, name: "seed articles"))
        }
        // The README's illustrative articles, coded by hand (never used to tune the lexicon).
        var exampleSets:
          [(text: String, published: PartialDate, gold: [ExtractBenchmark.GoldStatement])] = []
        let exampleNames = (try? FileManager.default.contentsOfDirectory(atPath: examples)) ?? []
        for name in exampleNames.sorted() where name.hasSuffix(".yaml") {
          let base = String(name.dropLast(5))
          guard
            let yaml = FileManager.default.contents(atPath: examples + "/" + name).flatMap({
              String(data: $0, encoding: .utf8)
            }),
            let text = FileManager.default.contents(atPath: examples + "/" + base + ".txt").flatMap(
              { String(data: $0, encoding: .utf8) })
          else { continue }
          let exampleKinds = try ExtractBenchmark.positionKinds(corpus.map(\.text) + [yaml])
          let gold = try ExtractBenchmark.goldStatements(
            yaml: yaml, text: text, textFile: base + ".txt", positionKinds: exampleKinds)
          if !gold.isEmpty { exampleSets.append((text, try Self.published(yaml), gold)) }
        }
        if !exampleSets.isEmpty {
          scores.append(
            try ExtractBenchmark.scoreArticles(exampleSets, store: store, name: "README examples"))
        }
        // CAMEO codebook examples.
        if let data = FileManager.default.contents(atPath: cameo) {
          let records = ExtractBenchmark.cameoExamples(csv: data)
          scores.append(ExtractBenchmark.scorePetrarch(records, name: "CAMEO examples all"))
          scores.append(
            ExtractBenchmark.scorePetrarch(records, name: "CAMEO examples held-out (odd)") {
              $0 % 2 == 1
            })
          scores.append(
            ExtractBenchmark.scorePetrarch(records, name: "CAMEO examples tuning (even)") {
              $0 % 2 == 0
            })
        } else {
          printError("warning: \(cameo) cannot be read; the CAMEO examples are skipped.")
        }
        // PETRARCH.
        if let data = FileManager.default.contents(atPath: petrarch),
          let xml = String(data: data, encoding: .utf8)
        {
          let records = ExtractBenchmark.petrarchRecords(xml: xml)
          scores.append(ExtractBenchmark.scorePetrarch(records, name: "PETRARCH all"))
          scores.append(
            ExtractBenchmark.scorePetrarch(records, name: "PETRARCH held-out (odd)") { $0 % 2 == 1 }
          )
          scores.append(
            ExtractBenchmark.scorePetrarch(records, name: "PETRARCH tuning (even)") { $0 % 2 == 0 })
        } else {
          printError("warning: \(petrarch) cannot be read; the PETRARCH gold set is skipped.")
        }
        if json {
          let encoder = JSONEncoder()
          encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
          emit(String(decoding: try encoder.encode(scores), as: UTF8.self) + "\n")
          return
        }
        for score in scores { emit(render(score)) }
      }
    }

    static func published(_ yaml: String) throws -> PartialDate {
      for line in yaml.split(separator: "\n") {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("published:") {
          return try PartialDate(
            parsing: trimmed.dropFirst("published:".count).trimmingCharacters(in: .whitespaces))
        }
      }
      return PartialDate.today()
    }

    func render(_ score: ExtractBenchmark.Score) -> String {
      func percent(_ value: Double?) -> String { value.map { String(format: "%.2f", $0) } ?? "–" }
      var lines = ["\(score.name) (\(score.units) units)"]
      lines.append("  KIND            GOLD  MADE  TP  PRECISION  RECALL")
      let order = StanceKind.allCases.map(\.rawValue)
      for kind in order {
        guard let counts = score.kinds[kind] else { continue }
        let gold = counts.truePositives + counts.falseNegatives
        let made = counts.truePositives + counts.falsePositives
        lines.append(
          "  " + kind.padding(toLength: 14, withPad: " ", startingAt: 0)
            + String(format: "%6d%6d%4d", gold, made, counts.truePositives)
            + "  " + percent(counts.precision).padding(toLength: 9, withPad: " ", startingAt: 0)
            + "  " + percent(counts.recall))
      }
      let total = score.total
      lines.append(
        "  all           "
          + String(
            format: "%6d%6d%4d", total.truePositives + total.falseNegatives,
            total.truePositives + total.falsePositives, total.truePositives)
          + "  " + percent(total.precision).padding(toLength: 9, withPad: " ", startingAt: 0) + "  "
          + percent(total.recall))
      if score.mustYieldNothing > 0 {
        lines.append(
          "  sentences that must yield nothing: \(score.mustYieldNothing), given a proposal anyway: \(score.yieldedAnyway)"
        )
      }
      if misses {
        for miss in score.misses { lines.append("  missed: \(miss)") }
        for alarm in score.falseAlarms { lines.append("  false alarm: \(alarm)") }
      }
      return lines.joined(separator: "\n") + "\n\n"
    }
  }
}
