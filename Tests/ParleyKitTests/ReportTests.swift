import Foundation
import Testing

@testable import ParleyKit

/// The comparison report and the briefing feed: golden files, schemas, escaping.
struct ReportTests {
  static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Golden")
  static let schemas = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Schema")

  static func report(_ store: ParleyStore) throws -> PositionReport {
    try store.report(
      parties: ["russia", "ukraine", "united-states"],
      issues: try ["ceasefire", "nato", "foreign-troops", "territory/crimea", "sanctions"].flatMap {
        try store.resolveIssues($0)
      }, asOf: try PartialDate(parsing: "2025-03-14"),
      since: try PartialDate(parsing: "2025-03-11"),
      generator: "parley (test)")
  }

  static func briefing(_ store: ParleyStore) throws -> Briefing {
    try store.briefing(
      asOf: try PartialDate(parsing: "2025-03-14"), since: try PartialDate(parsing: "2025-03-11"),
      knownSince: 0, parties: ["russia", "ukraine", "united-states"], generator: "parley (test)")
  }

  /// Compares with `Golden/NAME`, or rewrites it when PARLEY_RECORD=1.
  static func expectGolden(_ output: String, _ name: String) throws {
    let file = golden.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["PARLEY_RECORD"] == "1" {
      try output.write(to: file, atomically: true, encoding: .utf8)
    }
    #expect(
      output == (try String(contentsOf: file, encoding: .utf8)),
      "\(name) differs from its golden file")
  }

  @Test(arguments: [OutputFormat.md, .html, .json, .text])
  func theReportMatchesItsGoldenFile(format: OutputFormat) throws {
    let store = try Fixtures.seededStore()
    try Self.expectGolden(
      try format.renderer.render(try Self.report(store)), "report.\(format.rawValue)")
  }

  @Test(arguments: [OutputFormat.md, .html, .json])
  func theBriefingMatchesItsGoldenFile(format: OutputFormat) throws {
    let store = try Fixtures.seededStore()
    try Self.expectGolden(
      try format.renderer.render(try Self.briefing(store)), "brief.\(format.rawValue)")
  }

  @Test func theBriefListsTheMarchChangesApartFromWhatWasLearned() throws {
    let store = try Fixtures.seededStore()
    let briefing = try Self.briefing(store)
    let changed = Set(briefing.worldChanges.compactMap(\.after))
    #expect(changed.contains("ua-accepts-30-day-ceasefire-2025-03"))
    #expect(changed.contains("ru-ceasefire-preconditions-2025-03"))
    #expect(changed.contains("us-economic-pressure-threat-2025-03"))
    #expect(briefing.learned.allSatisfy { $0.change == .added })
    #expect(briefing.knownSince?.revision == 0)
    #expect(
      briefing.openConditions.contains {
        $0.position == "ru-ceasefire-preconditions-2025-03" && $0.waitsOn.contains("united-states")
      })
    let cited = Set(briefing.sources.flatMap(\.statements))
    for party in briefing.parties {
      for position in party.positions { #expect(cited.isSuperset(of: position.statements)) }
    }
  }

  /// Validates with Python's jsonschema (Draft 2020-12) when it is installed.
  @Test(
    .enabled(if: ReportTests.jsonschemaAvailable, "python3 with jsonschema is not installed"),
    arguments: ["briefing", "report"])
  func theJSONValidatesAgainstItsPublishedSchema(name: String) throws {
    let store = try Fixtures.seededStore()
    let json =
      name == "briefing"
      ? try JSONRenderer().render(try Self.briefing(store))
      : try JSONRenderer().render(try Self.report(store))
    try Fixtures.withTemporaryDirectory { folder in
      let document = folder.appendingPathComponent("document.json")
      try json.write(to: document, atomically: true, encoding: .utf8)
      let (status, output) = try Self.python([
        "-c",
        """
        import json, sys, jsonschema
        schema = json.load(open(sys.argv[1])); jsonschema.Draft202012Validator.check_schema(schema)
        errors = list(jsonschema.Draft202012Validator(schema).iter_errors(json.load(open(sys.argv[2]))))
        for e in errors[:5]: print(list(e.absolute_path), e.message[:300])
        sys.exit(1 if errors else 0)
        """,
        Self.schemas.appendingPathComponent("\(name).schema.json").path, document.path,
      ])
      #expect(status == 0, "\(name) does not validate: \(output)")
    }
  }

  @Test func theHTMLIsSelfContainedAndEscapesEveryValue() throws {
    let store = try Fixtures.emptyStore()
    let hostile = Fixtures.base
      .replacingOccurrences(of: "name: Alpha,", with: "name: \"Alpha <script>alert(1)</script>\",")
      .replacingOccurrences(
        of: "Beta must stay out of the alliance.", with: "Beta & \"friends\" <b>out</b>.")
    try store.load([Fixtures.input(hostile)])
    let html = try HTMLRenderer().render(
      try store.report(parties: ["alpha", "beta"], asOf: try PartialDate(parsing: "2025-03-14")))
    #expect(!html.contains("<script"))
    #expect(html.contains("Alpha &lt;script&gt;alert(1)&lt;/script&gt;"))
    #expect(html.contains("Beta &amp; &quot;friends&quot; &lt;b&gt;out&lt;/b&gt;."))
    #expect(!html.contains("src=") && !html.contains("<link") && !html.contains("@import"))
    #expect(html.contains("<svg class=\"matrix\"") && html.contains("<svg class=\"timeline\""))
    // Every matrix cell links to its row in the issue tables, which carries the evidence.
    #expect(
      html.contains("href=\"#cell-security-alliance-alpha\"")
        && html.contains("id=\"cell-security-alliance-alpha\""))
    #expect(html.contains("“Beta must never join the alliance”"))
  }

  @Test func aUsersOwnTemplateRendersTheFeed() throws {
    let store = try Fixtures.seededStore()
    let template = "{{#parties}}{{id}}={{#positions}}{{kind}};{{/positions}}\n{{/parties}}"
    let output = try MarkdownRenderer(briefTemplate: template).render(try Self.briefing(store))
    #expect(output.hasPrefix("russia="))
    #expect(output.contains("ukraine=") && output.contains("acceptance;"))
  }

  // MARK: - Support

  static let jsonschemaAvailable: Bool = (try? python(["-c", "import jsonschema"]).status) == 0

  static func python(_ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3"] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }
}
