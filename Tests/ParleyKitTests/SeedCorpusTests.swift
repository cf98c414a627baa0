import Foundation
import GRDB
import ParleyTestSupport
import Testing

@testable import ParleyKit

@Suite struct SeedCorpusTests {
  @Test func russiasDemandsCoverNatoTroopsCrimeaAndTheAnnexedRegions() throws {
    let store = try Fixtures.seededStore()
    let asOf = try PartialDate(parsing: "2025-03-14")
    let demands = try store.positions(
      PositionFilter(kinds: [.demand], holders: ["russia"], asOf: asOf))
    let issues = Set(demands.map(\.issue))
    for issue in [
      "security/nato-membership", "security/foreign-troops", "territory/crimea",
      "territory/annexed-regions",
    ] {
      #expect(issues.contains(issue), "no Russian demand on \(issue)")
    }
    for demand in demands {
      #expect(!demand.evidence.isEmpty, "\(demand.id) has no evidence")
      for item in demand.evidence {
        // A quote, or a reported statement without one, or a support none of whose words
        // bear on the demand (`no_quote: true`: its own quote is withheld).
        #expect(
          item.quote?.isEmpty == false || item.attribution == .reported
            || (item.quoteIsOwn && item.quote == nil))
        #expect(!item.document.isEmpty)
      }
    }
  }

  @Test(arguments: [("2025-03-10", false), ("2025-03-11", true), ("2025-03-12", true)])
  func ukraineAcceptsTheCeasefireFromTheEleventh(day: String, held: Bool) throws {
    let store = try Fixtures.seededStore()
    let filter = PositionFilter(
      kinds: [.acceptance], issues: try store.resolveIssues("ceasefire"),
      asOf: try PartialDate(parsing: day))
    let holders = try store.positions(filter).map(\.holder)
    #expect(holders.contains("ukraine") == held)
  }

  @Test func everyPositionHasSupportingEvidenceAndQuotesAreShort() throws {
    let store = try Fixtures.seededStore()
    let all = try store.positions(PositionFilter(includeDeprecated: true))
    #expect(all.count >= 20)
    for position in all {
      #expect(
        position.evidence.contains { $0.role == .supports },
        "\(position.id) has no supporting statement")
      for item in position.evidence {
        #expect((item.quote ?? "").split(whereSeparator: \.isWhitespace).count <= 25)
      }
    }
  }

  @Test func theKurskClaimsCarryThirdPartyReactions() throws {
    let store = try Fixtures.seededStore()
    let claims = try store.positions(
      PositionFilter(kinds: [.claim], holders: ["russia"], issues: ["territory/kursk"]))
    let roles = Set(claims.flatMap { $0.evidence.map(\.role) })
    #expect(roles.contains(.corroborates))
    #expect(roles.contains(.noComment))
  }

  @Test func loadingTheSeedCorpusTwiceChangesNothing() throws {
    let store = try Fixtures.seededStore()
    let before = try Fixtures.rowCounts(store)
    let report = try store.loadSeedCorpus()
    #expect(report.changedNothing)
    #expect(try Fixtures.rowCounts(store) == before)
  }

  /// Every quote occurs verbatim in its article, at its recorded offset (needs ../shared/seeds:
  /// skipped where it is absent, failed under CI=true).
  @Test(Prerequisite.sharedSeeds.trait)
  func everyQuoteOccursVerbatimInItsArticle() throws {
    try Prerequisite.sharedSeeds.require()
    let articlesBySHA = try Self.articlesBySHA()
    let store = try Fixtures.seededStore()
    let rows = try store.reader.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT s.id, s.quote, s.quoteStart, s.quoteEnd, d.id AS document, d.textSHA256
          FROM statement s JOIN document d ON d.id = s.documentId
          WHERE d.textSHA256 IS NOT NULL
          """)
    }
    let articleDocuments = Set(rows.map { $0["document"] as String })
    #expect(articleDocuments.count >= 2, "the two source articles are not in the seed corpus")
    for row in rows {
      let sha: String = row["textSHA256"]
      let id: String = row["id"]
      let text = try #require(
        articlesBySHA[sha],
        "no article in ../shared/seeds has the SHA-256 of \(row["document"] as String)")
      let quote: String = row["quote"]
      let offsets = text.scalarOffsets(of: quote)
      #expect(!offsets.isEmpty, "quote of \(id) is not verbatim in its article: \(quote)")
      if let start = row["quoteStart"] as Int? {
        #expect(
          offsets.contains(start), "quote_start of \(id) is \(start), the quote is at \(offsets)")
        #expect(row["quoteEnd"] as Int? == start + quote.unicodeScalars.count)
      }
    }
  }

  /// Every position the two seed articles introduce shows a quote of its own.
  ///
  /// Where a statement is evidence for several of those positions, no two of them show the
  /// same quote (a per-support quote, `EvidenceItem.quoteIsOwn`, or the statement's quote for
  /// at most one of them); neither do any two positions an article statement bears on (a
  /// demand of 2021 restated by an article among them). Every per-support quote is at most 25
  /// words however words are counted, and where the source text is not at hand (the context
  /// file) it is part of the statement's own verbatim quote.
  @Test func everyPositionOfTheSeedArticlesShowsAQuoteOfItsOwn() throws {
    let articles = try Self.articleCoding()
    #expect(articles.documents.count >= 2, "the two source articles are not in the seed corpus")
    let store = try Fixtures.seededStore()
    let all = try store.positions(PositionFilter(includeDeprecated: true))
    var links: [String: [(position: String, item: EvidenceItem)]] = [:]
    for position in all {
      for item in position.evidence {
        links[item.statement, default: []].append((position.id, item))
      }
    }
    let introduced = all.filter { articles.positions.contains($0.id) }
    #expect(introduced.count == articles.positions.count)
    #expect(introduced.count >= 20)
    for position in introduced {
      #expect(
        position.evidence.contains { articles.documents.contains($0.document) },
        "\(position.id) has no evidence from the article that introduces it")
      for item in position.evidence {
        #expect(item.quote?.isEmpty == false, "\(position.id) shows no quote for \(item.statement)")
        for other in links[item.statement, default: []] where other.position != position.id {
          guard articles.positions.contains(other.position) else { continue }
          #expect(
            other.item.quote != item.quote,
            """
            \(position.id) and \(other.position) show the same quote for \(item.statement): \
            \(item.quote ?? "(none)")
            """)
        }
      }
    }
    // Statements of the articles: every position they bear on shows different words.
    for (statement, bearing) in links
    where bearing.count > 1 && articles.documents.contains(bearing[0].item.document) {
      let quotes = bearing.map { $0.item.quote ?? "" }
      #expect(Set(quotes).count == quotes.count, "\(statement) shows one quote twice: \(quotes)")
    }
    var ownQuotes = 0
    for position in all {
      for item in position.evidence where item.quoteIsOwn && item.quote != nil {
        ownQuotes += 1
        let quote = item.quote ?? ""
        for count in Self.wordCounts(quote) {
          #expect(
            (1...25).contains(count),
            "the quote of \(item.statement) for \(position.id) has \(count) words: \(quote)")
        }
        if !articles.documents.contains(item.document) {
          #expect(
            item.statementQuote?.contains(quote) == true,
            "the quote of \(item.statement) for \(position.id) is not part of its verbatim quote")
        }
      }
    }
    #expect(ownQuotes >= 15)
  }

  /// Every per-support quote of the two seed articles occurs verbatim in its article (needs
  /// ../shared/seeds: skipped where it is absent, failed under CI=true).
  @Test(Prerequisite.sharedSeeds.trait)
  func everyPerSupportQuoteOccursVerbatimInItsArticle() throws {
    try Prerequisite.sharedSeeds.require()
    let articlesBySHA = try Self.articlesBySHA()
    let store = try Fixtures.seededStore()
    let rows = try store.reader.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT eq.positionId, eq.statementId, eq.quote, d.id AS document, d.textSHA256
          FROM evidenceQuote eq
          JOIN statement s ON s.id = eq.statementId
          JOIN document d ON d.id = s.documentId
          WHERE eq.retiredIn IS NULL AND d.textSHA256 IS NOT NULL
          """)
    }
    #expect(rows.count >= 15)
    for row in rows {
      let sha: String = row["textSHA256"]
      let text = try #require(
        articlesBySHA[sha],
        "no article in ../shared/seeds has the SHA-256 of \(row["document"] as String)")
      let quote: String = row["quote"]
      #expect(
        !text.scalarOffsets(of: quote).isEmpty,
        """
        the quote of \(row["statementId"] as String) for \(row["positionId"] as String) is not \
        verbatim in its article: \(quote)
        """)
    }
  }

  /// The texts of ../shared/seeds by the SHA-256 of their bytes.
  private static func articlesBySHA() throws -> [String: String] {
    let seedsFolder = Prerequisite.sharedSeedsFolder
    var articlesBySHA: [String: String] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: seedsFolder.path) {
      let data = try Data(contentsOf: seedsFolder.appendingPathComponent(name))
      articlesBySHA[SHA256.hexDigest(of: data)] = String(decoding: data, as: UTF8.self)
    }
    return articlesBySHA
  }

  /// The seed articles (documents that record the SHA-256 of their text) and the positions
  /// their statements introduce, read from the embedded seed files.
  private static func articleCoding() throws -> (documents: Set<String>, positions: Set<String>) {
    var documents: Set<String> = []
    var positions: Set<String> = []
    for input in ParleyStore.seedCorpus {
      let file = try CuratedParser.parse(text: input.text, path: input.path, baseDirectory: nil)
      for document in file.documents where document.textSHA256 != nil {
        documents.insert(document.id.value)
        for statement in document.statements {
          for case .new(let position) in statement.supports {
            positions.insert(position.id.value)
          }
        }
      }
    }
    return (documents, positions)
  }

  /// The words of a quote counted two ways: runs between spaces (a dash is a word), and runs
  /// of letters and digits (a hyphen or apostrophe inside a word keeps it one word).
  private static func wordCounts(_ quote: String) -> [Int] {
    var words = 0
    var inWord = false
    for character in quote {
      let partOfWord =
        character.isLetter || character.isNumber
        || (inWord && ["-", "'", "’"].contains(character))
      if partOfWord && !inWord { words += 1 }
      inWord = partOfWord
    }
    return [quote.split(whereSeparator: \.isWhitespace).count, words]
  }
}

/// A statement's quote about one position is never shown as the evidence of another it also
/// supports (`no_quote: true` in the context coding).
struct SeedQuoteBearingTests {
  @Test(arguments: [
    ("ru-no-nato-troops-2025-02", "some kind of respite is absolutely unacceptable"),
    ("ru-renounce-nato-bid-2024-06", "cease fire and begin talks"),
    ("ru-nato-bar-ukraine-2021-12", "military activity on the territory of Ukraine"),
  ])
  func aQuoteAboutSomethingElseIsNotShownAsEvidence(position: String, words: String) throws {
    let store = try Fixtures.seededStore()
    let detail = try store.positionDetail(id: position)
    let shown = detail.position.evidence.compactMap(\.quote)
    #expect(!shown.contains { $0.contains(words) }, "\(position) shows \(shown)")
    // The statement stays as evidence, with its source; only the quote is not shown.
    let withheld = detail.position.evidence.filter { $0.quoteIsOwn && $0.quote == nil }
    #expect(!withheld.isEmpty)
    let text = try TextRenderer().render(detail)
    #expect(text.contains("none of this statement's words bear on this position"))
  }
}
