import Foundation
import ParleyTestSupport
import Testing

@testable import ParleyKit

/// The `parley query` language: reading expressions, resolving them, and what they select.
struct QueryLanguageTests {
  // MARK: - Reading

  /// An expression and the terms it reads as: each field with its values, in order.
  struct Good: Sendable, CustomTestStringConvertible {
    var expression: String
    var terms: [(QueryField, [String])]
    var testDescription: String { expression }
  }

  @Test(arguments: [
    Good(
      expression: #"holder:russia kind:demand issue:territory/* as-of:2025-03-13 text:"crimea""#,
      terms: [
        (.holder, ["russia"]), (.kind, ["demand"]), (.issue, ["territory/*"]),
        (.asOf, ["2025-03-13"]), (.text, ["crimea"]),
      ]),
    Good(expression: "holder:russia,ukraine", terms: [(.holder, ["russia", "ukraine"])]),
    Good(
      expression: "kind:demand kind:condition",
      terms: [(.kind, ["demand"]), (.kind, ["condition"])]),
    Good(
      expression: #"holder:"United States",kremlin"#,
      terms: [(.holder, ["United States", "kremlin"])]),
    Good(
      expression: #"text:"say \"no\" to \\ it""#, terms: [(.text, [#"say "no" to \ it"#])]),
    Good(
      expression: "  KIND:Threatens \t Known-At:2025-03-14T09:30:00Z  ",
      terms: [(.kind, ["Threatens"]), (.knownAt, ["2025-03-14T09:30:00Z"])]),
    Good(
      expression: "status:deprecated modality:hedged attribution:analyst speaker:isw",
      terms: [
        (.status, ["deprecated"]), (.modality, ["hedged"]), (.attribution, ["analyst"]),
        (.speaker, ["isw"]),
      ]),
    Good(
      expression: "document:doc-1 as-of:today", terms: [(.document, ["doc-1"]), (.asOf, ["today"])]),
    Good(expression: "", terms: []),
  ])
  func goodExpressionsReadAsTheirTerms(_ good: Good) throws {
    let expression = try QueryExpression(parsing: good.expression)
    #expect(expression.terms.map(\.field) == good.terms.map(\.0))
    #expect(expression.terms.map { $0.values.map(\.text) } == good.terms.map(\.1))
  }

  @Test func termsAndValuesKnowTheirColumns() throws {
    let expression = try QueryExpression(parsing: #"holder:russia kind:demand,"condition""#)
    #expect(expression.terms.map(\.column) == [1, 15])
    #expect(expression.values(of: .kind).map(\.column) == [20, 27])
    #expect(expression.values(of: .kind).map(\.text) == ["demand", "condition"])
  }

  @Test(arguments: [
    ("holder:russia knd:demand", 15, "unknown field 'knd' (expected one of: holder, target, kind"),
    ("holder russia", 7, "expected ':' after 'holder'"),
    ("crimea", 1, "expected field:value, found 'crimea' (to look for words, write text:crimea)"),
    (":russia", 1, "expected a field name"),
    ("holder:", 8, "expected a value after 'holder:'"),
    ("holder:russia kind:", 20, "expected a value after 'kind:'"),
    ("holder:russia,", 15, "expected a value after ','"),
    ("holder:,russia", 8, "expected a value after 'holder:'"),
    (#"holder:"""#, 8, "expected a value after 'holder:', found an empty one"),
    (#"kind:demand text:"crimea"#, 18, "unterminated quoted value (expected a closing '\"')"),
    (#"text:"crimea"x"#, 14, "expected a space or ',' after the quoted value"),
    (#"holder:rus"sia"#, 11, "unexpected '\"' inside a value"),
    ("as-of:2025-02-30", 7, "'2025-02-30' is not a date: 2025-02 has no day 30"),
    ("as-of:March", 7, "'March' is not a date (expected YYYY-MM-DD, YYYY-MM, YYYY or today)"),
    ("as-of:2025 as-of:2024", 12, "'as-of' can be given only once"),
    ("known-at:r1,r2", 13, "'known-at' takes one value"),
    ("kind:demand,demnd", 13, "'demnd' is not a stance (expected one of: demand, condition"),
    ("status:open", 8, "'open' is not a status (expected one of: active, superseded, withdrawn"),
    (
      "modality:maybe", 10, "'maybe' is not a modality (expected one of: firm, conditional, hedged)"
    ),
    ("attribution:rumour", 13, "'rumour' is not an attribution (expected one of: direct"),
  ])
  func badExpressionsPointAtTheirColumn(expression: String, column: Int, message: String) {
    let error = #expect(throws: QuerySyntaxError.self) {
      try QueryExpression(parsing: expression)
    }
    #expect(error?.column == column)
    #expect(error?.message.hasPrefix(message) == true, "\(error?.message ?? "no error")")
  }

  @Test func aSyntaxErrorShowsTheExpressionWithACaretUnderTheColumn() {
    let error = #expect(throws: QuerySyntaxError.self) {
      try QueryExpression(parsing: "holder:russia knd:demand")
    }
    let lines = error?.description.split(separator: "\n").map(String.init) ?? []
    #expect(lines.count == 2)
    #expect(lines.first == "holder:russia knd:demand")
    #expect(
      lines.last
        == "              ^ column 15: unknown field 'knd' (expected one of: holder, target, kind, issue, status, modality, attribution, speaker, document, as-of, known-at, text)"
    )
  }

  // MARK: - Resolving

  @Test func namesResolveAndRepeatedFieldsCombine() throws {
    let store = try Fixtures.seededStore()
    let filter = try store.positionFilter(
      for: QueryExpression(
        parsing:
          "holder:kremlin,ukraine holder:russia kind:demands kind:condition issue:territory/* target:kyiv"
      ))
    #expect(filter.holders == ["russia", "ukraine"])
    #expect(filter.kinds == [.demand, .condition])
    #expect(filter.issues == (try store.resolveIssues("territory")))
    #expect(filter.targets == ["ukraine"])
    #expect(filter.asOf == nil)
    #expect(filter.knownAt == .latest)
    #expect(!filter.includeDeprecated)
  }

  @Test func timeVocabularyAndTextBecomeTheFilter() throws {
    let store = try Fixtures.seededStore()
    let filter = try store.positionFilter(
      for: QueryExpression(
        parsing:
          #"as-of:2025-03 known-at:r1 status:Active,deprecated modality:firm attribution:direct speaker:putin document:article-2025-03-12-putin-kursk-ceasefire text:crimea text:"foreign troops""#
      ))
    let expected = PositionFilter(
      asOf: try PartialDate(parsing: "2025-03"), knownAt: .revision(1), includeDeprecated: true,
      statuses: [.active, .deprecated], modalities: [.firm], attributions: [.direct],
      speakers: ["vladimir-putin"], documents: ["article-2025-03-12-putin-kursk-ceasefire"],
      textMatches: ["crimea", "foreign troops"])
    #expect(filter == expected)
  }

  @Test func aBadKnownAtIsASyntaxErrorAtItsValue() throws {
    let store = try Fixtures.seededStore()
    let error = #expect(throws: QuerySyntaxError.self) {
      try store.positionList(query: "kind:demand known-at:yesterday")
    }
    #expect(error?.column == 22)
    #expect(error?.message.contains("is not a point in the store's history") == true)
  }

  @Test(arguments: ["holder:atlantis", "issue:bananas", "document:no-such-article"])
  func namesThatMatchNothingAreQueryErrors(expression: String) throws {
    let store = try Fixtures.seededStore()
    #expect(throws: QueryError.self) { try store.positionList(query: expression) }
  }

  // MARK: - Answers on the seed corpus

  @Test func russiasTerritorialDemandsAreCrimeaAndTheAnnexedRegions() throws {
    let store = try Fixtures.seededStore()
    let list = try store.positionList(query: "holder:russia kind:demand issue:territory/*")
    #expect(
      Set(list.positions.map(\.id)) == [
        "ru-recognise-crimea-2024-06", "ru-recognise-annexed-regions-2024-06",
        "ru-withdraw-four-regions-2024-06",
      ])
    #expect(list.question == "query holder:russia kind:demand issue:territory/*")
    #expect(list.asOf == nil)
  }

  @Test func textFindsTheCrimeaDemandThroughTheIndex() throws {
    let store = try Fixtures.seededStore()
    let ids = try store.positionList(query: "text:crimea").positions.map(\.id)
    #expect(ids.contains("ru-recognise-crimea-2024-06"))
    // Words match the start of words, without regard to case or accents.
    let prefixed = try store.positionList(query: #"text:"CRIMÉ""#).positions.map(\.id)
    #expect(prefixed.contains("ru-recognise-crimea-2024-06"))
    // Every word of one text must match; separate texts are alternatives.
    #expect(try store.positionList(query: #"text:"crimea nato""#).positions.isEmpty)
    let either = try store.positionList(query: "text:crimea,nato").positions.map(\.id)
    #expect(either.contains("ru-recognise-crimea-2024-06"))
    #expect(either.contains("ru-nato-bar-ukraine-2021-12"))
  }

  @Test func textMatchesEvidenceQuotesAndDocumentTitles() throws {
    let store = try Fixtures.emptyStore()
    try store.load([Fixtures.input(Fixtures.base)])
    // "never join" is only in the quote; "sets terms" only in the document's title.
    for expression in [#"text:"never join""#, #"text:"sets terms""#, "text:beta-never"] {
      let ids = try store.positionList(query: expression).positions.map(\.id)
      #expect(ids == ["alpha-no-alliance"], "\(expression)")
    }
  }

  @Test func holdersAreFoundByAliasWithTheirBodies() throws {
    let store = try Fixtures.seededStore()
    let byAlias = try store.positionList(query: "holder:kremlin").positions.map(\.id)
    let byId = try store.positionList(query: "holder:russia").positions.map(\.id)
    #expect(!byAlias.isEmpty)
    #expect(byAlias == byId)
  }

  @Test func withoutAsOfEveryPositionEverHeldMatches() throws {
    let store = try Fixtures.seededStore()
    let accepts = "holder:ukraine kind:accepts issue:ceasefire"
    #expect(!(try store.positionList(query: accepts).positions.isEmpty))
    #expect(try store.positionList(query: accepts + " as-of:2025-03-10").positions.isEmpty)
    #expect(!(try store.positionList(query: accepts + " as-of:2025-03-11").positions.isEmpty))
    #expect(try store.positionList(query: accepts + " known-at:r0").positions.isEmpty)
  }

  @Test func repeatedKindsAreAlternatives() throws {
    let store = try Fixtures.seededStore()
    let kinds = Set(
      try store.positionList(query: "holder:russia kind:demand kind:condition").positions.map(
        \.kind))
    #expect(kinds == [.demand, .condition])
  }

  @Test func evidenceFieldsLookAtTheStatements() throws {
    let store = try Fixtures.seededStore()
    let byTrump = try store.positionList(query: "speaker:trump").positions
    #expect(!byTrump.isEmpty)
    #expect(byTrump.allSatisfy { $0.evidence.contains { $0.speakerId == "donald-trump" } })

    let analysed = try store.positionList(query: "attribution:analyst").positions
    #expect(!analysed.isEmpty)
    #expect(analysed.allSatisfy { $0.evidence.contains { $0.attribution == .analyst } })

    let document = "article-2025-03-12-putin-kursk-ceasefire"
    let fromDocument = try store.positionList(query: "document:\(document)").positions
    #expect(!fromDocument.isEmpty)
    #expect(fromDocument.allSatisfy { $0.evidence.contains { $0.document == document } })

    let conditional = try store.positionList(query: "modality:conditional").positions
    #expect(!conditional.isEmpty)
    #expect(conditional.allSatisfy { $0.modality == .conditional })
  }

  @Test func askingForDeprecatedShowsDeprecatedRecords() throws {
    let store = try Fixtures.emptyStore()
    try store.load([Fixtures.input(Fixtures.base)])
    try store.load([
      Fixtures.input("deprecations:\n  - {position: alpha-no-alliance, reason: misattributed}")
    ])
    #expect(try store.positionList(query: "holder:alpha").positions.isEmpty)
    let deprecated = try store.positionList(query: "holder:alpha status:deprecated").positions
    #expect(deprecated.map(\.id) == ["alpha-no-alliance"])
    #expect(try store.positionList(query: "status:active").positions.isEmpty)
  }

  // MARK: - Injection

  static let hostileTexts = [
    "x' OR 1=1; DROP TABLE position;--",
    "'); DELETE FROM statement; --",
    #"crimea" OR "nato"#,
    "NEAR(crimea nato)",
    "NEAR(",
    "*",
    "crimea*",
    "^crimea",
    "text:crimea",
    "crimea AND NOT nato",
    "{text keywords}: crimea",
    "\"",
    "\u{0}crimea",
    "%_\\",
  ]

  @Test(arguments: hostileTexts)
  func hostileTextIsOnlySearchedFor(text: String) throws {
    let store = try Fixtures.seededStore()
    let before = try Fixtures.rowCounts(store)
    let indexed = try store.reader.read { db in
      try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM searchIndex")
    }
    let quoted = text.replacingOccurrences(of: "\\", with: "\\\\")
      .replacingOccurrences(of: "\"", with: "\\\"")
    _ = try store.positionList(query: "text:\"\(quoted)\"")
    _ = try store.positionList(query: "holder:russia text:\"\(quoted)\",crimea")
    _ = try store.search(text)
    #expect(try Fixtures.rowCounts(store) == before)
    #expect(
      try store.reader.read { db in
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM searchIndex")
      } == indexed)
  }

  @Test func injectedSQLMatchesNothingAndFTSOperatorsAreWords() throws {
    let store = try Fixtures.seededStore()
    #expect(
      try store.positionList(query: #"text:"x' OR 1=1; DROP TABLE position;--""#).positions.isEmpty)
    // As an operator, OR would find Crimea or NATO; as words, nothing has "crimea", "or" and "nato".
    #expect(try store.search(#"crimea OR nato"#).hits.isEmpty)
    #expect(try store.positionList(query: "text:*").positions.isEmpty)
    #expect(
      FullTextQuery.matchExpression(#"a"b NEAR( *"#, prefix: false) == #""a""b" "NEAR(""#)
    #expect(
      FullTextQuery.matchExpression(anyOf: ["crimea", "*", "foreign troops"], prefix: true)
        == #"("crimea" *) OR ("foreign" * "troops" *)"#)
  }
}
