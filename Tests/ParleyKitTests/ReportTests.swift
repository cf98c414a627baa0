import Foundation
import ParleyTestSupport
import Testing

@testable import ParleyKit

/// The comparison report and the briefing feed: golden files, schemas, escaping.
struct ReportTests {
  static let golden = GoldenFiles()
  static let schemas = Fixtures.projectRoot.appendingPathComponent("Schema")

  static func report(_ store: ParleyStore) throws -> PositionReport {
    try store.report(
      parties: ["russia", "ukraine", "united-states"],
      issues: try ["ceasefire", "nato", "foreign-troops", "territory/crimea", "sanctions"].flatMap {
        try store.resolveIssues($0)
      }, asOf: try PartialDate(parsing: "2025-03-14"),
      since: try PartialDate(parsing: "2025-03-11"),
      generator: "parley (test)")
  }

  static func briefing(_ store: ParleyStore, focus: BriefFocus = .focused) throws -> Briefing {
    try store.briefing(
      asOf: try PartialDate(parsing: "2025-03-14"), since: try PartialDate(parsing: "2025-03-11"),
      knownSince: 0, parties: ["russia", "ukraine", "united-states"], focus: focus,
      generator: "parley (test)")
  }

  @Test(arguments: [OutputFormat.md, .html, .json, .text])
  func theReportMatchesItsGoldenFile(format: OutputFormat) throws {
    let store = try Fixtures.seededStore()
    try Self.golden.expect(
      try format.renderer.render(try Self.report(store)), matches: "report.\(format.rawValue)")
  }

  @Test(arguments: [OutputFormat.md, .html, .json])
  func theBriefingMatchesItsGoldenFile(format: OutputFormat) throws {
    let store = try Fixtures.seededStore()
    try Self.golden.expect(
      try format.renderer.render(try Self.briefing(store)), matches: "brief.\(format.rawValue)")
  }

  @Test func theBriefListsTheMarchChangesApartFromWhatWasLearned() throws {
    let store = try Fixtures.seededStore()
    let briefing = try Self.briefing(store, focus: .full)
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

  /// The JSON, with or without machine-coded records, validates against its published schema.
  ///
  /// Validates with Python's jsonschema (Draft 2020-12): skipped where it is not installed,
  /// failed under CI=true. Machine-coded records, when included, are marked.
  @Test(
    Prerequisite.jsonschema.trait,
    arguments: ["briefing", "report"], [false, true])
  func theJSONValidatesAgainstItsPublishedSchema(name: String, includeMachine: Bool) throws {
    try Prerequisite.jsonschema.require()
    let store = try Fixtures.seededStore()
    try Fixtures.importMachineCoded(into: store)
    let asOf = try PartialDate(parsing: "2025-03-14")
    let since = try PartialDate(parsing: "2025-03-10")
    let json =
      name == "briefing"
      ? try JSONRenderer().render(
        try store.briefing(
          asOf: asOf, since: since, knownSince: 0, parties: ["russia", "ukraine"],
          includeMachineCoded: includeMachine, focus: .full, generator: "parley (test)"))
      : try JSONRenderer().render(
        try store.report(
          parties: ["russia", "ukraine"], asOf: asOf, since: since,
          includeMachineCoded: includeMachine, generator: "parley (test)"))
    #expect(json.contains("\"machine_coded\" : true") == includeMachine)
    try Fixtures.withTemporaryDirectory { folder in
      let document = folder.appendingPathComponent("document.json")
      try json.write(to: document, atomically: true, encoding: .utf8)
      let (status, output) = try python([
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

  @Test func theMarkdownBriefEscapesEveryValue() throws {
    let store = try Fixtures.emptyStore()
    let hostile = Fixtures.base
      .replacingOccurrences(
        of: "name: Alpha,", with: "name: \"Alpha <script>alert(1)</script> **bold** [x](y)\","
      )
      .replacingOccurrences(
        of: "Beta must stay out of the alliance.", with: "Beta | *out* _now_ `code` <b>x</b>."
      )
      .replacingOccurrences(
        of: "    title: Alpha sets terms",
        with: "    title: \"Terms <i>x</i> | # y\"\n    url: \"https://example.org/a b><script>\"")
    try store.load([Fixtures.input(hostile)])
    let markdown = try MarkdownRenderer().render(
      try store.briefing(
        asOf: try PartialDate(parsing: "2025-03-14"), parties: ["alpha", "beta"],
        generator: "parley (test)"))
    #expect(!markdown.contains("<script") && !markdown.contains("<b>") && !markdown.contains("<i>"))
    #expect(
      markdown.contains(
        "### Alpha &lt;script&gt;alert(1)&lt;/script&gt; \\*\\*bold\\*\\* \\[x\\](y)"))
    #expect(markdown.contains("Beta \\| \\*out\\* \\_now\\_ \\`code\\` &lt;b&gt;x&lt;/b&gt;."))
    #expect(markdown.contains("Terms &lt;i&gt;x&lt;/i&gt; \\| # y"))
    #expect(markdown.contains("<https://example.org/a%20b%3E%3Cscript%3E>"))
    // The verbatim quote is still there, only escaped.
    #expect(markdown.contains("“Beta must never join the alliance”"))
  }

  @Test func aUsersOwnTemplateRendersTheFeed() throws {
    let store = try Fixtures.seededStore()
    let template = "{{#parties}}{{id}}={{#positions}}{{kind}};{{/positions}}\n{{/parties}}"
    let output = try MarkdownRenderer(briefTemplate: template).render(
      try Self.briefing(store, focus: .full))
    #expect(output.hasPrefix("russia="))
    #expect(output.contains("ukraine=") && output.contains("acceptance;"))
  }
}
