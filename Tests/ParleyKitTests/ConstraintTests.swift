import ParleyTestSupport
import Testing

@testable import ParleyKit

/// Every UNIQUE and CHECK constraint of the schema is checked by the loader first, so that none
/// is the first to notice: each violation is a located problem (exit 65), never a raw SQLite
/// error, and the store is left as it was (issue 16, items 4 and 8).
struct ConstraintTests {
  static func statement(_ extra: String) -> String {
    """
    documents:
      - id: doc-c
        title: Constraint
        published: 2025-04-01
        statements:
          - id: st-c
            speaker: ann-speaker
            said: 2025-04-01
            attribution: direct
    \(extra)
    """
  }

  static let violations: [(String, String, String)] = [
    (
      "affiliation: UNIQUE (personId, partyId, role, validFrom)",
      """
      parties:
        - id: bob
          name: Bob
          kind: person
          affiliations:
            - {party: alpha, role: Envoy, from: 2024-01-01}
            - {party: alpha, role: Envoy, from: 2024-01-01}
      """,
      "is given the role 'Envoy' for alpha from 2024-01-01 twice"
    ),
    (
      "party: a parent cycle",
      """
      parties:
        - {id: east, name: East, kind: government-body, parent: west}
        - {id: west, name: West, kind: government-body, parent: east}
      """,
      "would make 'east' its own ancestor: east → west → east"
    ),
    (
      "issue: CHECK at most three levels",
      "issues: [{id: security/alliance/x/y, label: Too deep}]",
      "security/alliance/x/y"
    ),
    (
      "statement: CHECK quoteEnd > quoteStart (an empty quote)",
      statement(
        """
                quote: ""
                supports: [alpha-no-alliance]
        """),
      "quote: is empty"
    ),
    (
      "statement: CHECK quote IS NOT NULL OR attribution = 'reported'",
      statement("        supports: [alpha-no-alliance]"),
      "quote"
    ),
    (
      "evidence: PRIMARY KEY (positionId, statementId)",
      statement(
        """
                quote: "again and again"
                supports: [alpha-no-alliance, alpha-no-alliance]
        """),
      "cites"
    ),
    (
      "positionRelation: CHECK fromPositionId <> toPositionId",
      "relations: [{from: alpha-no-alliance, kind: contradicts, to: alpha-no-alliance}]",
      "itself"
    ),
    (
      "positionVersion: CHECK validTo > validFrom (a period in force ending before the start)",
      statement(
        """
                quote: "a truce"
                supports:
                  - {id: alpha-truce, issue: security, key: truce, proposition: A truce., kind: commitment, in_force_until: 2025-03-01}
        """),
      "is before in_force_from 2025-04-01"
    ),
    (
      "positionTerm: CHECK termDays > 0",
      statement(
        """
                quote: "a truce"
                supports:
                  - {id: alpha-truce, issue: security, key: truce, proposition: A truce., kind: commitment, term_days: 0}
        """),
      "is not a term in days"
    ),
    (
      "party: PRIMARY KEY (id), defined twice",
      """
      parties:
        - {id: gamma, name: Gamma, kind: state}
        - {id: gamma, name: Gamma again, kind: state}
      """,
      "defined twice"
    ),
  ]

  @Test(arguments: violations)
  func aConstraintViolationIsALocatedProblemAndNothingIsWritten(
    constraint: String, yaml: String, expected: String
  ) throws {
    let store = try Fixtures.emptyStore()
    try store.load([Fixtures.input(Fixtures.base)])
    let before = try Fixtures.rowCounts(store)
    let error = try #require(throws: LoadError.self, "\(constraint)") {
      try store.load([Fixtures.input(yaml, path: "bad.yaml")])
    }
    #expect(error.description.contains(expected), "\(constraint): \(error.description)")
    #expect(error.description.hasPrefix("bad.yaml:"), "\(constraint): \(error.description)")
    #expect(try Fixtures.rowCounts(store) == before)
  }
}
