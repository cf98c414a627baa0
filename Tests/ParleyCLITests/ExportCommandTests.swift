import Foundation
import GRDB
import ParleyKit
import ParleyTestSupport
import Testing

/// `parley export`: JSON Lines that load back into an identical store, CSV with provenance,
/// schema.org Claims and W3C Web Annotation anchors.
struct ExportCommandTests {
  static let examples = Fixtures.projectRoot.appendingPathComponent("Tests/ParleyKitTests/Examples")

  /// A store file with the seed corpus, the README's examples (texts, a term, a period in
  /// force, supersessions) and a document added with its text; `body` gets its path and folder.
  func withRichStore(_ body: (String, URL) throws -> Void) throws {
    try Fixtures.withSeededStoreFile { store in
      let folder = URL(fileURLWithPath: store).deletingLastPathComponent()
      // A joint position on two slots, and a statement another outlet reprints.
      let joint = folder.appendingPathComponent("joint.yaml").path
      try Fixtures.jointPositions.write(toFile: joint, atomically: true, encoding: .utf8)
      let load = runParley([
        "load", Self.examples.appendingPathComponent("energy-pause.yaml").path,
        Self.examples.appendingPathComponent("later-weeks.yaml").path, joint, "--db", store,
      ])
      #expect(load.exitCode == 0, "\(load.errors)")
      let text = folder.appendingPathComponent("added.txt").path
      try
        "Illustrative text, not real reporting. Ukraine rejected the Russian demand to withdraw from the four regions.\n"
        .write(toFile: text, atomically: true, encoding: .utf8)
      let id = runParley(["add", text, "--published", "2025-03-20", "--db", store]).output
        .trimmingCharacters(in: .whitespacesAndNewlines)
      let draft = folder.appendingPathComponent("draft.yaml").path
      #expect(runParley(["extract", id, "-o", draft, "--db", store]).exitCode == 0)
      let loaded = runParley(["load", draft, "--db", store])
      #expect(loaded.exitCode == 0, "\(loaded.errors)")
      // A reprint: a statement whose words another document reports too.
      let reprint = folder.appendingPathComponent("reprint.yaml").path
      try Self.reprint.write(toFile: reprint, atomically: true, encoding: .utf8)
      let reprinted = runParley(["load", reprint, "--db", store])
      #expect(reprinted.exitCode == 0, "\(reprinted.errors)")
      try body(store, folder)
    }
  }

  static let reprint = """
    documents:
      - id: example-reprint
        title: Energy pause, as reprinted (illustrative)
        outlet: Example Daily
        published: 2025-03-19
        statements:
          - id: st-example-reprint-01
            speaker: null
            on_behalf_of: russia
            said: 2025-03-18
            attribution: reported
            quote: "Russia would stop striking Ukraine's energy infrastructure for 30 days"
            also_reported_in: [example-2025-03-18-energy-pause]
            supports:
              - ru-energy-strike-pause-2025-03
    """

  /// Every table's rows as known now (not retired), without record time and surrogate ids.
  static func contents(_ path: String) throws -> [String: [String]] {
    try ParleyStore.open(path: path).reader.read { db in
      var result: [String: [String]] = [:]
      let tables = try String.fetchAll(
        db,
        sql: """
          SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
            AND name NOT LIKE 'searchIndex%' AND name NOT IN ('grdb_migrations', 'revision')
          ORDER BY name
          """)
      for table in tables {
        let columns = try Row.fetchAll(
          db, sql: "SELECT name, pk FROM pragma_table_info(?)", arguments: [table])
        let names = columns.map { $0["name"] as String }
        let kept = columns.filter { column in
          let name: String = column["name"]
          let surrogate =
            name == "id" && ["positionVersion", "affiliation", "positionOutcome"].contains(table)
          return name != "recordedIn" && name != "retiredIn" && !surrogate
        }.map { "\"\($0["name"] as String)\"" }
        let visible = names.contains("retiredIn") ? " WHERE retiredIn IS NULL" : ""
        let rows = try Row.fetchAll(
          db, sql: "SELECT \(kept.joined(separator: ", ")) FROM \"\(table)\"\(visible)")
        result[table] = rows.map(\.description).sorted()
      }
      return result
    }
  }

  @Test func jsonLinesLoadBackIntoAnIdenticalStore() throws {
    try withRichStore { store, folder in
      let out = folder.appendingPathComponent("export.jsonl").path
      let exported = runParley(["export", "--format", "jsonl", "-o", out, "--db", store])
      #expect(exported.exitCode == 0, "\(exported.errors)")
      #expect(exported.errors.contains("document text(s) in export.texts/"))
      let lines = try String(contentsOfFile: out, encoding: .utf8)
      #expect(lines.contains("\"held_with\":[\"epsilon\"]"))
      #expect(lines.contains("\"also_on\":[\"borderland/south\"]"))
      let copy = folder.appendingPathComponent("copy.sqlite").path
      _ = try ParleyStore.openCreatingWithSeed(path: copy, seed: false)
      let loaded = runParley(["load", out, "--db", copy])
      #expect(loaded.exitCode == 0, "\(loaded.errors)")
      let original = try Self.contents(store)
      let restored = try Self.contents(copy)
      #expect(original.keys.sorted() == restored.keys.sorted())
      for table in original.keys.sorted() {
        #expect(original[table] == restored[table], "table \(table) differs")
        #expect(
          !(original[table] ?? []).isEmpty || ["machineCoded", "importedEvent"].contains(table),
          "\(table) is empty")
      }
      // Loading the export again changes nothing.
      #expect(runParley(["load", out, "--db", copy]).output.contains("Nothing new"))
    }
  }

  @Test func aJointPositionIsInTheExportOfEachOfItsHolders() throws {
    try withRichStore { store, _ in
      for holder in ["delta", "epsilon"] {
        let exported = runParley(["export", "--format", "jsonl", "--holder", holder, "--db", store])
        #expect(exported.exitCode == 0, "\(exported.errors)")
        #expect(exported.output.contains("\"id\":\"de-line-talks\""), "\(holder)")
      }
      let zeta = runParley(["export", "--format", "jsonl", "--holder", "zeta", "--db", store])
      #expect(!zeta.output.contains("de-line-talks"))
    }
  }

  /// Imports two GDELT 2.0 events (one with a party the store does not know) into a store.
  static func importEvents(store: String, folder: URL) throws {
    let events = folder.appendingPathComponent("events.tsv").path
    let rows = [
      Fixtures.gdeltRow(
        id: "7", actor1: "UKR", name1: "UKRAINE", country1: "UKR", actor2: "", name2: "",
        country2: "", code: "120", url: "https://example.org/e7"),
      Fixtures.gdeltRow(
        id: "8", actor1: "UKR", name1: "UKRAINE", country1: "UKR", actor2: "ATL",
        name2: "ATLANTIS", country2: "ATL", code: "130", url: "https://example.org/e8"),
    ]
    try (rows.joined(separator: "\n") + "\n").write(
      toFile: events, atomically: true, encoding: .utf8)
    let imported = runParley(["import", "gdelt", events, "--db", store])
    #expect(imported.exitCode == 0, "\(imported.errors)")
  }

  /// The GDELT samples of `../shared/data/gdelt` (both versions) and the real 2.0 export.
  static var gdeltFiles: [String] {
    ["events-v1.tsv", "events-v2-english.tsv", "gdelt2_20191024143000.export.CSV"].map {
      ImportGdeltTests.sharedGdelt.appendingPathComponent($0).path
    }
  }

  @Test(ImportGdeltTests.shared.trait)
  func machineCodedRecordsLoadBackAsMachineCodedIntoAnIdenticalStore() throws {
    try ImportGdeltTests.shared.require()
    try withRichStore { store, folder in
      let imported = runParley(["import", "gdelt"] + Self.gdeltFiles + ["--db", store])
      #expect(imported.exitCode == 0, "\(imported.errors)")
      // Importing the same files again adds nothing.
      let again = runParley(["import", "gdelt"] + Self.gdeltFiles + ["--db", store])
      #expect(again.output.contains("Nothing new"), "\(again.output)")
      let out = folder.appendingPathComponent("all.jsonl").path
      let exported = runParley([
        "export", "--format", "jsonl", "--include-machine", "-o", out, "--db", store,
      ])
      #expect(exported.exitCode == 0, "\(exported.errors)")
      let copy = folder.appendingPathComponent("copy.sqlite").path
      _ = try ParleyStore.openCreatingWithSeed(path: copy, seed: false)
      let loaded = runParley(["load", out, "--db", copy])
      #expect(loaded.exitCode == 0, "\(loaded.errors.prefix(2000))")
      #expect(loaded.output.contains("imported events"), "\(loaded.output)")
      let original = try Self.contents(store)
      let restored = try Self.contents(copy)
      #expect(original.keys.sorted() == restored.keys.sorted())
      for table in original.keys.sorted() {
        #expect(!(original[table] ?? []).isEmpty, "\(table) is empty")
        #expect(original[table] == restored[table], "table \(table) differs")
      }
      // The statements an importer named with '.' came back, marked as machine-coded.
      #expect(restored["machineCoded"]?.contains { $0.contains("gdelt-2.0-") } == true)
      // Loading the export again, or importing the events into the copy, adds nothing.
      #expect(runParley(["load", out, "--db", copy]).output.contains("Nothing new"))
      let reimported = runParley(["import", "gdelt"] + Self.gdeltFiles + ["--db", copy])
      #expect(reimported.output.contains("Nothing new"), "\(reimported.output)")
      // Machine-coded positions are still left out of answers unless asked for.
      let curated = runParley(["who", "threatens", "--as-of", "2019-10-24", "--db", copy])
      #expect(curated.exitCode == 0, "\(curated.errors)")
      #expect(!curated.output.contains("machine-coded"))
      let all = runParley([
        "who", "threatens", "--as-of", "2019-10-24", "--include-machine", "--db", copy,
      ])
      #expect(all.output.contains("[machine-coded]"))
    }
  }

  @Test func claimsAndAnnotationsFollowTheWebsConventions() throws {
    try withRichStore { store, _ in
      let claims = runParley(["export", "--format", "claims", "--db", store])
      #expect(claims.exitCode == 0, "\(claims.errors)")
      let graph = try #require(
        (try JSONSerialization.jsonObject(with: Data(claims.output.utf8)) as? [String: Any])?[
          "@graph"]
          as? [[String: Any]])
      let easter = try #require(graph.first { $0["identifier"] as? String == "st-example-0419-01" })
      #expect(easter["@type"] as? String == "Claim")
      #expect(
        easter["text"] as? String == "declared an Easter truce lasting until the end of 20 April")
      #expect((easter["author"] as? [String: Any])?["name"] as? String == "Russia")
      #expect(easter["dateCreated"] as? String == "2025-04-19")
      #expect(
        ((easter["appearance"] as? [String: Any])?["publisher"] as? [String: Any])?["name"]
          as? String == "Example Wire")

      // A statement another document reports too appears in both.
      let reprint = try #require(
        graph.first { $0["identifier"] as? String == "st-example-reprint-01" })
      let appearances = try #require(reprint["appearance"] as? [[String: Any]])
      #expect(
        appearances.map { $0["@id"] as? String } == [
          "urn:parley:document:example-reprint",
          "urn:parley:document:example-2025-03-18-energy-pause",
        ])

      let annotations = runParley(["export", "--format", "annotations", "--db", store])
      let items = try #require(
        try JSONSerialization.jsonObject(with: Data(annotations.output.utf8)) as? [[String: Any]])
      #expect(annotations.errors.contains("have no stored document text"))
      let text = try String(
        contentsOf: Self.examples.appendingPathComponent("later-weeks.txt"), encoding: .utf8)
      let truce = try #require(
        items.first { $0["id"] as? String == "urn:parley:statement:st-example-0419-01" })
      let selectors = try #require(
        (truce["target"] as? [String: Any])?["selector"] as? [[String: Any]])
      let quote = try #require(selectors.first { $0["type"] as? String == "TextQuoteSelector" })
      let exact = try #require(quote["exact"] as? String)
      let prefix = try #require(quote["prefix"] as? String)
      let suffix = try #require(quote["suffix"] as? String)
      #expect(exact == "declared an Easter truce lasting until the end of 20 April")
      #expect(text.contains(prefix + exact + suffix))
      #expect(prefix.unicodeScalars.count == 32)
    }
  }

  @Test func csvHasProvenanceAndHonoursTheSelection() throws {
    try withRichStore { store, folder in
      let csv = runParley([
        "export", "--format", "csv", "--holder", "kyiv", "--since", "2025-03-01", "--db", store,
      ])
      #expect(csv.exitCode == 0, "\(csv.errors)")
      let lines = csv.output.split(separator: "\r\n")
      #expect(lines.first?.hasPrefix("record,position,holder,issue,kind,proposition") == true)
      #expect(lines.count > 1)
      for line in lines.dropFirst() where line.hasPrefix("evidence,") {
        #expect(line.split(separator: ",")[2] == "ukraine")
      }
      // Further sources of a statement: the last column.
      let russia = runParley(["export", "--format", "csv", "--holder", "russia", "--db", store])
      #expect(
        russia.output.split(separator: "\r\n").first?.hasSuffix(",also_reported_in,machine_coded")
          == true)
      let reprint = try #require(
        russia.output.split(separator: "\r\n").first { $0.contains("st-example-reprint-01") })
      #expect(reprint.hasSuffix(",example-2025-03-18-energy-pause,"))
      // Machine-coded records are left out unless asked for.
      try Self.importEvents(store: store, folder: folder)
      let curated = runParley(["export", "--format", "csv", "--holder", "ukraine", "--db", store])
      #expect(!curated.output.contains("gdelt-"))
      let all = runParley([
        "export", "--format", "csv", "--holder", "ukraine", "--include-machine", "--db", store,
      ])
      #expect(all.output.contains("Machine-coded (GDELT 2.0)"))
      // The machine-coded marker: the last column of machine-coded evidence.
      let machineRows = all.output.split(separator: "\r\n").filter { $0.contains("gdelt-2.0-7") }
      #expect(!machineRows.isEmpty && machineRows.allSatisfy { $0.hasSuffix(",gdelt-2.0") })
    }
  }

  @Test func badOptionsAreUsageErrors() throws {
    try Fixtures.withSeededStoreFile { store in
      #expect(runParley(["export", "--since", "2025-13-01", "--db", store]).exitCode == 64)
      #expect(runParley(["export", "--holder", "atlantis", "--db", store]).exitCode == 64)
      #expect(runParley(["export", "--format", "xml", "--db", store]).exitCode == 64)
    }
  }
}
