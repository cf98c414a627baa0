import Foundation
import GRDB
import ParleyKit
import ParleyTestSupport
import Testing

/// `parley import gdelt`: every row imported or counted by reason, marked machine-coded, left
/// out of answers unless asked for, and imported once.
struct ImportGdeltTests {
  static var sharedGdelt: URL {
    Prerequisite.sharedSeedsFolder.deletingLastPathComponent().appendingPathComponent("data/gdelt")
  }
  static let shared = Prerequisite(
    "../shared/data/gdelt",
    isAvailable: FileManager.default.fileExists(atPath: sharedGdelt.path))

  /// The number at the end of the report line starting with `label`.
  static func count(_ label: String, in output: String) -> Int? {
    output.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix(label) }
      .flatMap { $0.split(separator: " ").last }.flatMap { Int($0) }
  }

  func withStore(_ body: (String, URL) throws -> Void) throws {
    try Fixtures.withSeededStoreFile { store in
      try body(store, URL(fileURLWithPath: store).deletingLastPathComponent())
    }
  }

  @Test func everyRowIsImportedOrCountedByReasonAndCodesStayText() throws {
    try withStore { store, folder in
      let lines = [
        Fixtures.gdeltRow(id: "1", code: "1312"),  // threat, sanctions
        Fixtures.gdeltRow(id: "2", actor1: "", name1: "", country1: "", code: "100"),  // no Actor1
        Fixtures.gdeltRow(id: "3", code: "043"),  // consult: not a stance
        Fixtures.gdeltRow(
          id: "4", actor1: "CHNGOV", name1: "BEIJING", country1: "CHN", code: "0871"),
        Fixtures.gdeltRow(id: "5", date: "20240101", code: "120"),  // before --since
        Fixtures.gdeltRow(
          id: "6", actor1: "BRA", name1: "BRAZIL", country1: "BRA", actor2: "ARG",
          name2: "ARGENTINA", country2: "ARG", code: "100"),
        "1\t2\t3",  // malformed
        Fixtures.gdeltRow(
          id: "7", actor2: "", name2: "", country2: "", code: "120", url: "https://example.org/b"),
      ]
      let file = folder.appendingPathComponent("events.tsv").path
      try (lines.joined(separator: "\n") + "\n").write(
        toFile: file, atomically: true, encoding: .utf8)
      let result = runParley([
        "import", "gdelt", file, "--since", "2025-01-01", "--actors", "RUS,UKR,CHN", "--db", store,
      ])
      #expect(result.exitCode == 0, "\(result.errors)")
      let out = result.output
      #expect(out.contains("Recorded revision r2: 8 rows read"))
      for expected in [
        "imported as machine-coded statements", "skipped: no Actor1 (the stance's holder)",
        "skipped: CAMEO 04 (consult) is not a stance", "skipped: before --since",
        "skipped: no actor among --actors", "skipped: malformed: 3 columns (expected 57, 58 or 61)",
        "without a target (no Actor2)",
      ] {
        #expect(out.contains(expected), "\(expected)\n\(out)")
      }
      #expect(Self.count("total (imported + skipped)", in: out) == 8, "\(out)")
      #expect(
        Self.count(
          "imported as machine-coded statements",
          in: out.replacingOccurrences(of: #"   \(.*"#, with: "", options: .regularExpression)) == 3
      )
      let opened = try ParleyStore.open(path: store)
      let codes = try opened.reader.read { db in
        try String.fetchAll(db, sql: "SELECT eventCode FROM importedEvent ORDER BY eventId")
      }
      #expect(codes == ["1312", "0871", "120"])
      let china = try opened.reader.read { db in
        try Row.fetchOne(
          db,
          sql:
            "SELECT p.id, p.kind, m.source FROM party p JOIN machineCoded m ON m.recordKind = 'party' AND m.recordId = p.id WHERE p.id = 'gdelt-chn'"
        )
      }
      #expect(china?["kind"] == "state")
      #expect(china?["source"] == "gdelt-2.0")
      // The statement keeps SQLDATE as its date and DATEADDED in its date basis.
      let statement = try opened.reader.read { db in
        try Row.fetchOne(
          db, sql: "SELECT saidOn, dateBasis, documentId FROM statement WHERE id = 'gdelt-2.0-1'")
      }
      #expect(statement?["saidOn"] == 20_250_313)
      #expect((statement?["dateBasis"] as String?)?.contains("DATEADDED 20250313143000") == true)
    }
  }

  @Test func machineCodedPositionsAreLeftOutUnlessAskedFor() throws {
    try withStore { store, folder in
      let file = folder.appendingPathComponent("events.tsv").path
      try (Fixtures.gdeltRow(id: "1", code: "138") + "\n").write(
        toFile: file, atomically: true, encoding: .utf8)
      #expect(runParley(["import", "gdelt", file, "--db", store]).exitCode == 0)
      let curated = runParley(["who", "threatens", "--as-of", "2025-03-14", "--db", store])
      #expect(!curated.output.contains("Machine-coded"))
      let all = runParley([
        "who", "threatens", "--as-of", "2025-03-14", "--include-machine", "--db", store,
      ])
      #expect(
        all.output.contains(
          "Machine-coded (GDELT 2.0), not curated: Russia (RUS) → Ukraine (UKR): CAMEO 138 Threaten with military force."
        ), "\(all.output)")
      let positions = runParley([
        "positions", "russia", "--as-of", "2025-03-14", "--include-machine", "--db", store,
      ])
      #expect(positions.output.contains("gdelt-20250313-138-russia-ukraine"))
      let refused = runParley(["show", "gdelt-20250313-138-russia-ukraine", "--db", store])
      #expect(refused.exitCode == 64)
      let show = runParley([
        "show", "gdelt-20250313-138-russia-ukraine", "--include-machine", "--db", store,
      ])
      #expect(show.exitCode == 0)
    }
  }

  @Test func aHandWrittenMachineCodedRecordLoadsAsMachineCoded() throws {
    try withStore { store, folder in
      let file = folder.appendingPathComponent("machine.yaml").path
      try (BadInput.reference + BadInput.machineCodedDocument()).write(
        toFile: file, atomically: true, encoding: .utf8)
      let loaded = runParley(["load", file, "--db", store])
      #expect(loaded.exitCode == 0, "\(loaded.errors)")
      #expect(loaded.output.contains("3 machine-coded marks, 1 imported event"), "\(loaded.output)")
      let id = "gdelt-20250312-120-alpha-beta"
      let curated = runParley(["who", "rejects", "--as-of", "2025-03-13", "--db", store])
      #expect(curated.exitCode == 0 && !curated.output.contains(id))
      let all = runParley([
        "who", "rejects", "--as-of", "2025-03-13", "--include-machine", "--db", store,
      ])
      #expect(all.output.contains("rejection [machine-coded]") && all.output.contains(id))
      #expect(runParley(["load", file, "--db", store]).output.contains("Nothing new"))
    }
  }

  @Test(shared.trait)
  func theRealExportImportsWithEveryRowAccountedForAndOnlyOnce() throws {
    try Self.shared.require()
    let export = Self.sharedGdelt.appendingPathComponent("gdelt2_20191024143000.export.CSV").path
    try withStore { store, _ in
      let first = runParley(["import", "gdelt", export, "--db", store])
      #expect(first.exitCode == 0, "\(first.errors)")
      #expect(first.output.contains("Recorded revision r2: 2111 rows read"))
      let report = first.output.replacingOccurrences(
        of: #"   \(.*"#, with: "", options: .regularExpression)
      #expect(Self.count("total (imported + skipped)", in: report) == 2111, "\(first.output)")
      #expect(Self.count("imported as machine-coded statements", in: report) == 539)
      #expect(Self.count("skipped: no Actor1 (the stance's holder)", in: report) == 174)
      let second = runParley(["import", "gdelt", export, "--db", store])
      #expect(second.output.contains("Nothing new: 2111 rows read"))
      #expect(Self.count("skipped: already imported", in: second.output) == 539)
      let revisions = try ParleyStore.open(path: store).revisions().count
      #expect(revisions == 2)
    }
  }

  @Test(shared.trait)
  func gdelt1ExportsOf57And58ColumnsImport() throws {
    try Self.shared.require()
    let export = Self.sharedGdelt.appendingPathComponent("events-v1.tsv").path
    try withStore { store, _ in
      let result = runParley(["import", "gdelt", export, "--db", store])
      #expect(result.exitCode == 0, "\(result.errors)")
      #expect(result.output.contains("100 rows read"))
      #expect(!result.output.contains("malformed"))
      let sources = try ParleyStore.open(path: store).reader.read { db in
        try Row.fetchAll(
          db,
          sql:
            "SELECT source, count(*) AS n, count(sourceUrl) AS urls FROM importedEvent GROUP BY source"
        )
      }
      #expect(sources.map { $0["source"] as String } == ["gdelt-1.0"])
      // Rows of 57 columns have no SOURCEURL: their events share a document per day.
      let urls: Int = sources.first?["urls"] ?? 0
      let count: Int = sources.first?["n"] ?? 0
      #expect(urls < count)
    }
  }
}
