import Foundation
import ParleyTestSupport
import Testing

@testable import ParleyKit

/// Valid time, record time and the position lifecycle.
struct TimeTests {
  static let change = """
    documents:
      - id: doc-3
        title: Alpha softens
        published: 2025-04-01
        statements:
          - id: st-3
            speaker: ann-speaker
            said: 2025-04-01
            attribution: direct
            quote: "Beta may join once a treaty is signed"
            supports:
              - id: alpha-alliance-after-treaty
                issue: security/alliance
                key: beta-joins-after-treaty
                proposition: Beta may join the alliance once a treaty with Alpha is signed.
                kind: condition
                modality: conditional
                target: [beta]
                supersedes: alpha-no-alliance
    """

  private func heldIds(_ store: ParleyStore, on day: String, knownAt: KnownAt = .latest) throws
    -> [String]
  {
    try store.positions(PositionFilter(asOf: try PartialDate(parsing: day), knownAt: knownAt)).map(
      \.id)
  }

  @Test func aPositionIsHeldFromItsFirstDayAndNotOnItsEndDay() throws {
    let store = try Fixtures.emptyStore()
    try store.load([
      Fixtures.input(Fixtures.base), Fixtures.input(Self.change, path: "change.yaml"),
    ])
    #expect(try heldIds(store, on: "2025-03-11") == [])
    #expect(try heldIds(store, on: "2025-03-12") == ["alpha-no-alliance"])
    #expect(try heldIds(store, on: "2025-03-31") == ["alpha-no-alliance"])
    // The handover day: exactly one of the two is held.
    #expect(try heldIds(store, on: "2025-04-01") == ["alpha-alliance-after-treaty"])
  }

  @Test func supersessionClosesTheOldIntervalInTheSameWrite() throws {
    let store = try Fixtures.emptyStore()
    try store.load([Fixtures.input(Fixtures.base)])
    let report = try store.load([Fixtures.input(Self.change, path: "change.yaml")])
    #expect(report.positionsChanged == 1)
    let detail = try store.positionDetail(id: "alpha-no-alliance")
    #expect(detail.position.status == .superseded)
    #expect(detail.position.validTo?.description == "2025-04-01")
    #expect(detail.history.count == 2)
    #expect(detail.history[0].retiredIn == report.revision)
    #expect(detail.history[1].recordedIn == report.revision)
    #expect(detail.relations.contains { $0.kind == .supersedes && $0.direction == .incoming })
  }

  @Test func supersessionAcrossSlotsIsRejected() throws {
    let store = try Fixtures.emptyStore()
    try store.load([Fixtures.input(Fixtures.base)])
    let otherIssue = Self.change.replacingOccurrences(
      of: "issue: security/alliance", with: "issue: ceasefire/general")
    let error = #expect(throws: LoadError.self) { try store.load([Fixtures.input(otherIssue)]) }
    #expect(error?.description.contains("expected the same holder and issue") == true)
  }

  @Test func anAsKnownAtAnswerDoesNotChangeAfterLaterLoads() throws {
    let store = try Fixtures.emptyStore()
    try store.load([Fixtures.input(Fixtures.base)])
    let before = try store.positions(PositionFilter(knownAt: .revision(1)))
    try store.load([Fixtures.input(Self.change, path: "change.yaml")])
    try store.load([Fixtures.input(LoaderTests.restatement, path: "restate.yaml")])
    let after = try store.positions(PositionFilter(knownAt: .revision(1)))
    #expect(after == before)
    #expect(after.map(\.id) == ["alpha-no-alliance"])
    #expect(after[0].validTo == nil)
    #expect(after[0].evidence.count == 1)
    // Known now, the same question sees the supersession and the restatement.
    let now = try store.positions(PositionFilter(holders: ["alpha"]))
    #expect(now.first { $0.id == "alpha-no-alliance" }?.validTo?.description == "2025-04-01")
  }

  @Test func knownAtAcceptsRevisionsDatesAndInstants() throws {
    let store = try Fixtures.emptyStore()
    try store.load([Fixtures.input(Fixtures.base)])  // recorded 2025-03-25T00:00Z
    try store.load([Fixtures.input(Self.change)])  // recorded 2025-03-25T00:01Z
    #expect(try store.knownAt(parsing: "r1") == .revision(1))
    #expect(try store.knownAt(parsing: "2") == .revision(2))
    #expect(try store.knownAt(parsing: "2025-03-24") == .revision(0))
    #expect(try store.knownAt(parsing: "2025-03-25") == .revision(2))
    #expect(try store.knownAt(parsing: "2025-03-25T00:00:30Z") == .revision(1))
    #expect(throws: QueryError.self) { try store.knownAt(parsing: "yesterday") }
  }

  @Test func withdrawalEndsTheIntervalAndDeprecationHidesTheRecord() throws {
    let store = try Fixtures.emptyStore()
    try store.load([Fixtures.input(Fixtures.base)])
    try store.load([
      Fixtures.input("withdrawals:\n  - {position: alpha-no-alliance, on: 2025-05-01}")
    ])
    #expect(try heldIds(store, on: "2025-04-30") == ["alpha-no-alliance"])
    #expect(try heldIds(store, on: "2025-05-01") == [])
    #expect(try store.positionDetail(id: "alpha-no-alliance").position.status == .withdrawn)

    try store.load([
      Fixtures.input("deprecations:\n  - {position: alpha-no-alliance, reason: misattributed}")
    ])
    #expect(try heldIds(store, on: "2025-04-30") == [])
    let shown = try store.positions(
      PositionFilter(asOf: try PartialDate(parsing: "2025-04-30"), includeDeprecated: true))
    #expect(shown.first?.status == .deprecated)
    #expect(shown.first?.statusReason == "misattributed")
    // Record time still shows what was believed before the deprecation.
    #expect(try heldIds(store, on: "2025-04-30", knownAt: .revision(2)) == ["alpha-no-alliance"])
  }

  @Test func monthPrecisionStartsCompareWithDays() throws {
    let store = try Fixtures.emptyStore()
    let yaml = Fixtures.base.replacingOccurrences(
      of: "            target: [beta]",
      with: "            target: [beta]\n            valid_from: 2024-08")
    try store.load([Fixtures.input(yaml)])
    #expect(try heldIds(store, on: "2024-07-31") == [])
    #expect(try heldIds(store, on: "2024-08-01") == ["alpha-no-alliance"])
    #expect(try heldIds(store, on: "2024-08") == ["alpha-no-alliance"])
    let position = try #require(try store.positions(PositionFilter()).first)
    #expect(position.validFrom.description == "2024-08")
    #expect(position.validFrom.precision == .month)
  }
}

/// Supersession written as a relation, and same-slot positions that follow each other in time.
struct LifecycleTests {
  @Test func aSupersedesRelationClosesTheOldIntervalLikeTheInlineForm() throws {
    let store = try Fixtures.emptyStore()
    let change = TimeTests.change.split(separator: "\n", omittingEmptySubsequences: false)
      .filter { !$0.contains("supersedes: alpha-no-alliance") }.joined(separator: "\n")
    #expect(!change.contains("supersedes"))
    let relation =
      "relations:\n  - {from: alpha-alliance-after-treaty, kind: supersedes, to: alpha-no-alliance}"
    try store.load([
      Fixtures.input(Fixtures.base), Fixtures.input(change, path: "c.yaml"),
      Fixtures.input(relation, path: "r.yaml"),
    ])
    let old = try store.positionDetail(id: "alpha-no-alliance").position
    #expect(old.status == .superseded)
    #expect(old.validTo?.description == "2025-04-01")
    // Loading it all again changes nothing.
    let again = try store.load([
      Fixtures.input(Fixtures.base), Fixtures.input(change, path: "c.yaml"),
      Fixtures.input(relation, path: "r.yaml"),
    ])
    #expect(again.changedNothing)
  }

  @Test func sameSlotPositionsThatDoNotOverlapInTimeLoadTogether() throws {
    let store = try Fixtures.emptyStore()
    let ended = Fixtures.base.replacingOccurrences(
      of: "            target: [beta]",
      with: "            target: [beta]\n            valid_to: 2025-03-20")
    let again = LoaderTests.restatement.replacingOccurrences(
      of: "          - alpha-no-alliance",
      with: [
        "          - id: alpha-no-alliance-again", "            issue: security/alliance",
        "            key: beta-never-joins-alliance",
        "            proposition: Beta must stay out of the alliance.", "            kind: demand",
      ].joined(separator: "\n"))
    try store.load([Fixtures.input(ended), Fixtures.input(again, path: "again.yaml")])
    #expect(try store.positions(PositionFilter(holders: ["alpha"])).count == 2)
  }

  @Test func aPositionCannotBeSupersededTwiceAtDifferentDates() throws {
    let store = try Fixtures.emptyStore()
    try store.load([
      Fixtures.input(Fixtures.base), Fixtures.input(TimeTests.change, path: "c.yaml"),
    ])
    let second = TimeTests.change.replacingOccurrences(
      of: "alpha-alliance-after-treaty", with: "alpha-third"
    )
    .replacingOccurrences(of: "2025-04-01", with: "2025-05-01").replacingOccurrences(
      of: "doc-3", with: "doc-4"
    )
    .replacingOccurrences(of: "st-3", with: "st-4").replacingOccurrences(
      of: "beta-joins-after-treaty", with: "third")
    let error = #expect(throws: LoadError.self) { try store.load([Fixtures.input(second)]) }
    #expect(error?.description.contains("'alpha-no-alliance' is already superseded") == true)
  }

  /// Timeline events carry their stance, end and positions' roles as data (the renderers and
  /// JSON consumers need not parse `text` or `positions`).
  @Test func timelineEventsAreStructured() throws {
    let store = try Fixtures.seededStore()
    let events = try store.timeline().events
    let starts = events.filter { $0.kind == .positionStart }
    let ends = events.filter { $0.kind == .positionEnd }
    let statements = events.filter { $0.kind == .statement }
    #expect(!starts.isEmpty && !ends.isEmpty && !statements.isEmpty)
    for event in starts {
      let stance = try #require(event.stance)
      #expect(event.text.hasPrefix(stance.rawValue + ": "))
      #expect(event.positionReferences.count == 1 && event.positionReferences[0].role == nil)
    }
    for event in ends {
      let status = try #require(event.endStatus)
      #expect(event.text.hasPrefix(status.rawValue))
      // The reason's words follow the status once: "superseded (by x)", not "superseded
      // (superseded by x)".
      let words = status.rawValue.split(separator: "-").joined(separator: " ")
      #expect(event.text.components(separatedBy: words).count == 2, "\(event.text)")
      if let reason = event.endReason {
        let rest = reason.dropFirst(reason.hasPrefix(status.rawValue) ? status.rawValue.count : 0)
          .trimmingCharacters(in: .init(charactersIn: ", "))
        #expect(event.text.contains(rest), "\(event.text)")
      }
    }
    #expect(ends.contains { $0.endStatus == .superseded })
    for event in statements {
      #expect(event.positionReferences.allSatisfy { $0.role != nil })
      #expect(event.positions == event.positionReferences.map(\.label))
    }
    #expect(
      statements.contains { event in
        event.positionReferences.contains { $0.role != .supports }
          && event.positions.contains { $0.hasSuffix(")") }
      })
  }
}
