import Foundation
import GRDB
import Yams

/// Precision and recall of the extractor per stance kind, against gold sets: the seed corpus's
/// hand coding of the two seed articles, and the PETRARCH unit-test records (fictional
/// sentences with their expected CAMEO codes, some of which must yield nothing).
public enum ExtractBenchmark {
  /// Counts for one class.
  public struct Counts: Sendable, Equatable, Codable {
    public var truePositives = 0
    public var falsePositives = 0
    public var falseNegatives = 0

    public var precision: Double? {
      truePositives + falsePositives == 0
        ? nil : Double(truePositives) / Double(truePositives + falsePositives)
    }
    public var recall: Double? {
      truePositives + falseNegatives == 0
        ? nil : Double(truePositives) / Double(truePositives + falseNegatives)
    }
  }

  /// One gold set's result.
  public struct Score: Sendable, Codable {
    public var name: String
    /// Per stance kind.
    public var kinds: [String: Counts] = [:]
    /// Units (sentences or statements) scored.
    public var units = 0
    /// Sentences that must yield nothing, and how many of them got a proposal anyway.
    public var mustYieldNothing = 0
    public var yieldedAnyway = 0
    /// Gold units missed, and proposals that matched nothing: `kind: text`, for reading.
    public var misses: [String] = []
    public var falseAlarms: [String] = []

    mutating func add(_ kind: String, tp: Int = 0, fp: Int = 0, fn: Int = 0) {
      kinds[kind, default: Counts()].truePositives += tp
      kinds[kind, default: Counts()].falsePositives += fp
      kinds[kind, default: Counts()].falseNegatives += fn
    }

    public var total: Counts {
      kinds.values.reduce(into: Counts()) {
        $0.truePositives += $1.truePositives
        $0.falsePositives += $1.falsePositives
        $0.falseNegatives += $1.falseNegatives
      }
    }
  }

  /// Whether a proposal counts as made: its confidence, leaving aside the penalty for a missing
  /// issue slot (the gold sets score the stance, not the slot; the fictional sentences have none).
  static func isMade(_ proposal: ExtractedProposal) -> Bool {
    proposal.confidence + (proposal.issue == nil ? 0.1 : 0) >= Extractor.threshold
  }

  /// What the extractor makes of one text with no store behind it, one line per proposal.
  public static func explain(_ text: String) -> [String] {
    let extractor = Extractor(
      gazetteer: ActorGazetteer(actors: [], aliases: [], affiliations: []),
      issues: IssueLexicon(issues: []),
      dates: DateResolver(published: 20_250_313, fallback: 20_250_313))
    let spans = TextSpans(text)
    var lines: [String] = []
    for sentence in spans.sentences {
      let mentions = extractor.gazetteer.mentions(in: sentence.tokens)
      lines.append(
        "sentence \(sentence.index + 1): mentions "
          + mentions.map { mention in
            TextSpans.joined(Array(sentence.tokens[mention.first...mention.last]))
              + (mention.isPronoun
                ? " (pronoun)"
                : mention.isKnown ? "" : " (new \(mention.newKind?.rawValue ?? "?"))")
          }.joined(separator: "; "))
    }
    for proposal in extractor.extract(spans) {
      lines.append(
        "\(proposal.kind.rawValue) \(proposal.cameoCode) conf \(proposal.confidence) cue “\(proposal.cue)” holder \(proposal.holder.map { extractor.describe($0) } ?? "none") made \(isMade(proposal)) · \(proposal.signals.joined(separator: "; ")) · “\(proposal.quote)”"
      )
    }
    return lines
  }

  // MARK: - PETRARCH

  public struct PetrarchRecord: Sendable {
    public var id: String
    public var category: String
    public var date: Int
    public var text: String
    /// Expected CAMEO codes; empty when the sentence must yield nothing.
    public var codes: [String]
    public var mustYieldNothing: Bool
  }

  /// Reads `PETR.UnitTest.records.xml`: each `<Sentence>` with its `<EventCoding>`s and `<Text>`.
  public static func petrarchRecords(xml: String) -> [PetrarchRecord] {
    var records: [PetrarchRecord] = []
    let sentence = try! NSRegularExpression(pattern: "<Sentence ([^>]*)>([\\s\\S]*?)</Sentence>")
    let attribute = try! NSRegularExpression(pattern: "(\\w+)\\s*=\\s*\"([^\"]*)\"")
    let coding = try! NSRegularExpression(pattern: "<EventCoding ([^>]*)>")
    let textPattern = try! NSRegularExpression(pattern: "<Text>([\\s\\S]*?)</Text>")
    let ns = xml as NSString
    func attributes(_ text: String) -> [String: String] {
      let ns = text as NSString
      var result: [String: String] = [:]
      for match in attribute.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
        result[ns.substring(with: match.range(at: 1))] = ns.substring(with: match.range(at: 2))
      }
      return result
    }
    for match in sentence.matches(in: xml, range: NSRange(location: 0, length: ns.length)) {
      let head = attributes(ns.substring(with: match.range(at: 1)))
      let body = ns.substring(with: match.range(at: 2))
      let bodyNS = body as NSString
      var codes: [String] = []
      var nothing = false
      for event in coding.matches(in: body, range: NSRange(location: 0, length: bodyNS.length)) {
        let fields = attributes(bodyNS.substring(with: event.range(at: 1)))
        if let code = fields["eventcode"] { codes.append(code) } else { nothing = true }
      }
      guard
        let textMatch = textPattern.firstMatch(
          in: body, range: NSRange(location: 0, length: bodyNS.length))
      else { continue }
      let text = bodyNS.substring(with: textMatch.range(at: 1))
        .split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        .filter { !$0.isEmpty }.joined(separator: " ")
      records.append(
        PetrarchRecord(
          id: head["id"] ?? "?", category: head["category"] ?? "?",
          date: Int(head["date"] ?? "") ?? 20_000_101, text: text, codes: codes,
          mustYieldNothing: nothing && codes.isEmpty))
    }
    return records
  }

  /// Scores the extractor on PETRARCH records, one sentence at a time.
  ///
  /// Per sentence, the stance kinds of the expected CAMEO codes
  /// (``CameoCodebook/stance(forCode:)``) are compared with those of the codes the extractor
  /// records for its proposals. `filter` picks the records (all, or a half).
  public static func scorePetrarch(
    _ records: [PetrarchRecord], name: String, filter: (Int) -> Bool = { _ in true }
  ) -> Score {
    var score = Score(name: name)
    let gazetteer = ActorGazetteer(actors: [], aliases: [], affiliations: [])
    for (index, record) in records.enumerated() where filter(index) {
      score.units += 1
      let extractor = Extractor(
        gazetteer: gazetteer, issues: IssueLexicon(issues: []),
        dates: DateResolver(published: record.date, fallback: record.date))
      let made = extractor.extract(TextSpans(record.text)).filter(isMade)
      let gold = Set(record.codes.compactMap(CameoCodebook.stance(forCode:)))
      let predicted = Set(made.compactMap { CameoCodebook.stance(forCode: $0.cameoCode) })
      if record.mustYieldNothing {
        score.mustYieldNothing += 1
        if !made.isEmpty { score.yieldedAnyway += 1 }
      }
      for kind in gold.union(predicted) {
        let inGold = gold.contains(kind)
        let inPredicted = predicted.contains(kind)
        score.add(
          kind.rawValue, tp: inGold && inPredicted ? 1 : 0, fp: !inGold && inPredicted ? 1 : 0,
          fn: inGold && !inPredicted ? 1 : 0)
        if inGold && !inPredicted {
          score.misses.append(
            "\(kind.rawValue) \(record.id) [\(record.codes.joined(separator: ","))]: \(record.text)"
          )
        }
        if !inGold && inPredicted {
          let cue = made.first { CameoCodebook.stance(forCode: $0.cameoCode) == kind }?.cue ?? ""
          score.falseAlarms.append(
            "\(kind.rawValue) \(record.id) (cue “\(cue)”) [\(record.codes.joined(separator: ","))]: \(record.text)"
          )
        }
      }
    }
    return score
  }

  // MARK: - CAMEO codebook examples

  /// The example sentences of the CAMEO codebook (`CAMEO_codes_with_descriptions.csv`, cp1252),
  /// each with its code: one record per code that has an example.
  ///
  /// Codes that are not stances (consult, fight, …) give sentences that must yield no stance.
  public static func cameoExamples(csv data: Data) -> [PetrarchRecord] {
    guard
      let text = String(data: data, encoding: .windowsCP1252) ?? String(data: data, encoding: .utf8)
    else { return [] }
    let rows = CSVReader.rows(text)
    guard let header = rows.first, let code = header.firstIndex(of: "code"),
      let example = header.firstIndex(of: "example")
    else { return [] }
    var records: [PetrarchRecord] = []
    for row in rows.dropFirst() where row.count > max(code, example) {
      // The file's text was garbled once (UTF-8 read as Mac Roman): mend its quotes.
      var sentence = row[example].trimmingCharacters(in: .whitespacesAndNewlines)
      for (garbled, mended) in [
        ("‚Äô", "’"), ("‚Äú", "“"), ("‚Äù", "”"), ("‚Äò", "‘"), ("‚Äì", "–"), ("‚Äî", "—"),
      ] {
        sentence = sentence.replacingOccurrences(of: garbled, with: mended)
      }
      guard sentence != "NA", !sentence.isEmpty else { continue }
      let isStance = CameoCodebook.stance(forCode: row[code]) != nil
      records.append(
        PetrarchRecord(
          id: "CAMEO-" + row[code], category: String(row[code].prefix(2)), date: 20_000_101,
          text: sentence, codes: [row[code]], mustYieldNothing: !isStance))
    }
    return records
  }

  // MARK: - Seed articles

  /// A seed article and its hand coding: statements with their quote spans and the kinds of
  /// the positions they state or restate.
  public struct GoldStatement: Sendable {
    public var id: String
    public var start: Int
    public var end: Int
    public var kinds: Set<StanceKind>
    public var quote: String
  }

  /// The gold statements of a seed file for the article `text` (found by its SHA-256).
  ///
  /// Only `supports` count (corroborations and silences are not the speaker's stance); a
  /// restatement takes the kind of the position it cites, found in `positionKinds`.
  public static func goldStatements(
    yaml: String, text: String, textFile: String? = nil, positionKinds: [String: StanceKind]
  ) throws -> [GoldStatement] {
    guard let root = try Yams.load(yaml: yaml) as? [String: Any],
      let documents = root["documents"] as? [[String: Any]]
    else { return [] }
    let digest = SHA256.hexDigest(of: Data(text.utf8))
    var result: [GoldStatement] = []
    for document in documents
    where (document["text_sha256"] as? String) == digest
      || (textFile != nil && (document["text_file"] as? String) == textFile)
    {
      for statement in document["statements"] as? [[String: Any]] ?? [] {
        guard let quote = statement["quote"] as? String else { continue }
        var kinds = Set<StanceKind>()
        for support in statement["supports"] as? [Any] ?? [] {
          if let id = support as? String, let kind = positionKinds[id] { kinds.insert(kind) }
          if let position = support as? [String: Any], position["role"] == nil,
            let raw = position["kind"] as? String, let kind = StanceKind(rawValue: raw)
          {
            kinds.insert(kind)
          }
        }
        guard !kinds.isEmpty else { continue }
        let start = (statement["quote_start"] as? Int) ?? text.scalarOffsets(of: quote).first ?? -1
        guard start >= 0 else { continue }
        result.append(
          GoldStatement(
            id: statement["id"] as? String ?? "?", start: start,
            end: start + quote.unicodeScalars.count, kinds: kinds, quote: quote))
      }
    }
    return result
  }

  /// The kind of every position defined in curated YAML texts.
  public static func positionKinds(_ yamls: [String]) throws -> [String: StanceKind] {
    var kinds: [String: StanceKind] = [:]
    for yaml in yamls {
      guard let root = try Yams.load(yaml: yaml) as? [String: Any] else { continue }
      for document in root["documents"] as? [[String: Any]] ?? [] {
        for statement in document["statements"] as? [[String: Any]] ?? [] {
          for support in statement["supports"] as? [Any] ?? [] {
            if let position = support as? [String: Any], let id = position["id"] as? String,
              let raw = position["kind"] as? String, let kind = StanceKind(rawValue: raw)
            {
              kinds[id] = kind
            }
          }
        }
      }
    }
    return kinds
  }

  /// Scores the extractor on seed articles against their hand coding.
  ///
  /// A proposal matches a gold statement of the same kind whose quote overlaps its quote.
  ///
  /// Only the store's parties, aliases, affiliations and issues are used (the kinds do not
  /// depend on its positions), so the seed corpus itself may be loaded.
  public static func scoreArticles(
    _ articles: [(text: String, published: PartialDate, gold: [GoldStatement])],
    store: ParleyStore, name: String
  ) throws -> Score {
    var score = Score(name: name)
    let context = try store.reader.read { db in try ExtractionContext.read(db) }
    for article in articles {
      let extractor = Extractor(
        gazetteer: context.gazetteer, issues: context.issues,
        dates: DateResolver(
          published: article.published.firstDay, fallback: article.published.firstDay))
      let made = extractor.extract(TextSpans(article.text)).filter(isMade)
      score.units += article.gold.count
      var matchedGold = Set<String>()
      for proposal in made {
        let kind = proposal.kind
        if let gold = article.gold.first(where: {
          $0.kinds.contains(kind) && !matchedGold.contains("\($0.id)/\(kind.rawValue)")
            && $0.start < proposal.quoteEnd && proposal.quoteStart < $0.end
        }) {
          matchedGold.insert("\(gold.id)/\(kind.rawValue)")
          score.add(kind.rawValue, tp: 1)
        } else {
          score.add(kind.rawValue, fp: 1)
          score.falseAlarms.append("\(kind.rawValue) (cue “\(proposal.cue)”): \(proposal.quote)")
        }
      }
      for gold in article.gold {
        for kind in gold.kinds where !matchedGold.contains("\(gold.id)/\(kind.rawValue)") {
          score.add(kind.rawValue, fn: 1)
          score.misses.append("\(kind.rawValue) \(gold.id): \(gold.quote)")
        }
      }
    }
    return score
  }
}

/// A small RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks.
enum CSVReader {
  static func rows(_ text: String) -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var quoted = false
    var iterator = text.unicodeScalars.makeIterator()
    var pending: Unicode.Scalar? = nil
    while let scalar = pending ?? iterator.next() {
      pending = nil
      if quoted {
        if scalar == "\"" {
          if let next = iterator.next() {
            if next == "\"" {
              field.unicodeScalars.append("\"")
            } else {
              quoted = false
              pending = next
            }
          } else {
            quoted = false
          }
        } else {
          field.unicodeScalars.append(scalar)
        }
        continue
      }
      switch scalar {
      case "\"": quoted = true
      case ",":
        row.append(field)
        field = ""
      case "\n":
        row.append(field)
        rows.append(row)
        row = []
        field = ""
      case "\r": continue
      default: field.unicodeScalars.append(scalar)
      }
    }
    if !field.isEmpty || !row.isEmpty {
      row.append(field)
      rows.append(row)
    }
    return rows
  }
}
