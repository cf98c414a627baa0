import Foundation
import GRDB
import ParleyKit
import ParleyTestSupport
import Testing

/// `parley extract`: a draft for review that `parley load` accepts, and stores nothing itself.
struct ExtractCommandTests {
  static let article = """
    Illustrative text written for Parley's tests, not real reporting.
    Kyiv, 20 March 2025. Ukraine rejected the Russian demand to withdraw from the four regions on Wednesday.
    Dmitry Peskov said Moscow is weighing up the US proposal for a 30-day ceasefire.
    Donald Trump threatened to impose sanctions on Russia if the Kremlin does not back a deal.
    A new proposal was mentioned in passing.

    """

  static var sharedData: Prerequisite {
    Prerequisite(
      "../shared/data and ../shared/seeds",
      isAvailable: FileManager.default.fileExists(
        atPath: Prerequisite.sharedSeedsFolder.deletingLastPathComponent()
          .appendingPathComponent("data/petrarch2/PETR.UnitTest.records.xml").path))
  }

  func revisions(_ path: String) throws -> Int {
    try ParleyStore.open(path: path).revisions().count
  }

  @Test func addExtractReviewLoad() throws {
    try Fixtures.withSeededStoreFile { store in
      let folder = URL(fileURLWithPath: store).deletingLastPathComponent()
      let file = folder.appendingPathComponent("article.txt").path
      try Self.article.write(toFile: file, atomically: true, encoding: .utf8)
      let id = runParley(["add", file, "--published", "2025-03-20", "--db", store]).output
        .trimmingCharacters(in: .whitespacesAndNewlines)
      let before = try revisions(store)
      let draft = runParley(["extract", id, "--db", store])
      #expect(draft.exitCode == 0, "\(draft.errors)")
      #expect(draft.errors.contains("Nothing was stored."))
      let after = try revisions(store)
      #expect(after == before)
      let yaml = draft.output
      // Each proposal with its span, confidence, codes and date basis.
      #expect(yaml.contains("cue “rejected” → rejection · CAMEO 120 (Reject) · PLOVER REJECT"))
      #expect(yaml.contains("said: 2025-03-19"))
      #expect(
        yaml.contains("on Wednesday\\\": the Wednesday before the publication day, 2025-03-20"))
      #expect(
        yaml.contains(
          "quote: \"Ukraine rejected the Russian demand to withdraw from the four regions on Wednesday\""
        ))
      #expect(yaml.contains("quote_start: "))
      #expect(yaml.contains("confidence 0."))
      // Restatement and replacement candidates from the seed corpus, with a score and why.
      #expect(yaml.contains("- ru-weighs-30-day-ceasefire-2025-03   # restates: score"))
      #expect(yaml.contains("same issue ceasefire/general"))
      // A conditional threat with its condition (here a restatement: the new position is the
      // alternative, commented).
      #expect(yaml.contains("- \"the Kremlin does not back a deal\""))
      #expect(yaml.contains("- us-economic-pressure-threat-2025-03   # restates: score"))
      // A low-confidence proposal (no holder) is commented out.
      #expect(yaml.contains("commented out: confidence below 0.5; no holder found"))
      // After review (here: as drafted), the draft loads.
      let path = folder.appendingPathComponent("draft.yaml").path
      try yaml.write(toFile: path, atomically: true, encoding: .utf8)
      let loaded = runParley(["load", path, "--db", store])
      #expect(loaded.exitCode == 0, "\(loaded.errors)\n\(yaml)")
      #expect(loaded.output.contains("Recorded revision"))
      let again = runParley(["load", path, "--db", store])
      #expect(again.output.contains("Nothing new"))
    }
  }

  @Test func aDocumentWithoutItsTextOrUnknownIsRefused() throws {
    try Fixtures.withSeededStoreFile { store in
      let unknown = runParley(["extract", "no-such-document", "--db", store])
      #expect(unknown.exitCode == 64)
      let noText = runParley([
        "extract", "article-2025-03-13-kursk-advance-ceasefire-demands", "--db", store,
      ])
      #expect(noText.exitCode == 65)
      #expect(noText.errors.contains("stored with only its text's SHA-256"))
      let folder = URL(fileURLWithPath: store).deletingLastPathComponent()
      let wrong = folder.appendingPathComponent("wrong.txt").path
      try "Another text.".write(toFile: wrong, atomically: true, encoding: .utf8)
      let mismatch = runParley([
        "extract", "article-2025-03-13-kursk-advance-ceasefire-demands", "--text", wrong, "--db",
        store,
      ])
      #expect(mismatch.exitCode == 65)
      #expect(mismatch.errors.contains("expected the same text"))
    }
  }

  /// The seed article (kept outside the repository): the draft finds the restatements the
  /// hand coding made, and loads.
  @Test(sharedData.trait)
  func theSeedArticleDraftsRestatementsAndLoads() throws {
    try Self.sharedData.require()
    let text = Prerequisite.sharedSeedsFolder.appendingPathComponent("000_2b6ed7cff65e3f19.txt")
      .path
    try Fixtures.withSeededStoreFile { store in
      let draft = runParley([
        "extract", "article-2025-03-13-kursk-advance-ceasefire-demands", "--text", text, "--db",
        store,
      ])
      #expect(draft.exitCode == 0, "\(draft.errors)")
      for restated in [
        "ru-weighs-30-day-ceasefire-2025-03", "ru-ceasefire-preconditions-2025-03",
        "us-economic-pressure-threat-2025-03", "ua-accepts-30-day-ceasefire-2025-03",
      ] {
        #expect(draft.output.contains("- \(restated)   # restates: score"), "\(restated)")
      }
      let path = URL(fileURLWithPath: store).deletingLastPathComponent()
        .appendingPathComponent("draft.yaml").path
      try draft.output.write(toFile: path, atomically: true, encoding: .utf8)
      let loaded = runParley(["load", path, "--db", store])
      #expect(loaded.exitCode == 0, "\(loaded.errors)")
    }
  }

  /// The figures BENCHMARKS.md reports, as a floor: precision on the held-out half of the
  /// CAMEO codebook's examples.
  @Test(sharedData.trait)
  func heldOutPrecisionStaysAtTheReportedLevel() throws {
    try Self.sharedData.require()
    let csv = Prerequisite.sharedSeedsFolder.deletingLastPathComponent()
      .appendingPathComponent("data/cameo/CAMEO_codes_with_descriptions.csv")
    let records = ExtractBenchmark.cameoExamples(csv: try Data(contentsOf: csv))
    #expect(records.count == 277)
    let score = ExtractBenchmark.scorePetrarch(records, name: "held-out") { $0 % 2 == 1 }
    for kind in ["demand", "threat", "rejection", "acceptance"] {
      let precision = try #require(score.kinds[kind]?.precision)
      #expect(precision >= 0.8, "\(kind): \(precision)")
    }
  }
}
