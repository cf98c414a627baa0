import Foundation
import GRDB
import ParleyKit
import ParleyTestSupport
import Testing

/// The views of Schema/0006 read as a person exploring the store in Datasette would read them.
struct DatasetteViewTests {
  @Test func currentPositionsAreWhatWhoAnswersTodayWithISODatesAndNames() throws {
    let store = try Fixtures.seededStore()
    let held = try store.positions(PositionFilter(asOf: PartialDate.today())).map(\.id)
    let rows = try store.reader.read { db in
      try Row.fetchAll(db, sql: "SELECT * FROM current_positions ORDER BY id")
    }
    #expect(Set(rows.map { $0["id"] as String }) == Set(held))
    let nato = try #require(rows.first { $0["id"] == "ru-nato-bar-ukraine-2021-12" })
    #expect(nato["holder_name"] == "Russia")
    #expect(nato["issue_label"] == "Ukraine's NATO membership")
    #expect((nato["valid_from"] as String).wholeMatch(of: /\d{4}-\d{2}-\d{2}/) != nil)
  }

  @Test func evidenceAndHistoryCarryQuotesSourcesAndRecordTime() throws {
    let store = try Fixtures.seededStore()
    let detail = try store.positionDetail(id: "ru-nato-bar-ukraine-2021-12")
    let (evidence, history) = try store.reader.read { db in
      (
        try Row.fetchAll(
          db, sql: "SELECT * FROM position_evidence WHERE position_id = ? ORDER BY said_on",
          arguments: ["ru-nato-bar-ukraine-2021-12"]),
        try Row.fetchAll(
          db, sql: "SELECT * FROM position_history WHERE position_id = ?",
          arguments: ["ru-nato-bar-ukraine-2021-12"])
      )
    }
    #expect(
      Set(evidence.map { $0["statement_id"] as String })
        == Set(detail.position.evidence.map(\.statement)))
    #expect(
      Set(evidence.compactMap { $0["quote"] as String? })
        == Set(detail.position.evidence.compactMap(\.quote)))
    #expect(history.count == detail.history.count)
    #expect((history[0]["recorded_at"] as String).hasSuffix("Z"))
  }
}
