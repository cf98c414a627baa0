import Foundation
import ParleyKit
import ParleyTestSupport
import Testing

/// Issue 14: machine-coded records never pass for curated ones.
///
/// Every read command leaves them out by default and, given `--include-machine`, shows them
/// marked in every format.
struct IncludeMachineTests {
  /// Each read command, asked about days when the curated corpus and the imported events both
  /// hold positions, and the format whose text must carry the mark.
  static let questions: [(arguments: [String], markedFormat: String)] = [
    (["who", "threatens", "--as-of", "2025-03-14"], "text"),
    (["positions", "russia", "--as-of", "2025-03-14"], "text"),
    (["diff", "russia", "--from", "2025-03-10", "--to", "2025-03-14"], "text"),
    (["diff", "russia", "--known-since", "r0"], "text"),
    (["compare", "russia", "ukraine", "--as-of", "2025-03-14"], "text"),
    (["timeline", "--party", "russia", "--from", "2025-03-10", "--to", "2025-03-14"], "md"),
    (["contested", "--as-of", "2025-03-14"], "text"),
    (["commitments", "russia", "--as-of", "2025-03-14"], "text"),
    (["query", "holder:russia as-of:2025-03-14"], "text"),
    (["search", "russia", "--limit", "500"], "text"),
    (["report", "--parties", "russia", "ukraine", "--as-of", "2025-03-14"], "md"),
    (["report", "--parties", "russia", "ukraine", "--as-of", "2025-03-14"], "html"),
    (
      [
        "brief", "--parties", "russia", "ukraine", "--since", "2025-03-10", "--as-of", "2025-03-14",
        "--full",
      ],
      "md"
    ),
    (
      [
        "brief", "--parties", "russia", "ukraine", "--since", "2025-03-10", "--as-of", "2025-03-14",
        "--full",
      ],
      "html"
    ),
  ]

  /// Whether `output` carries the mark (Markdown escapes the brackets of text cells).
  static func isMarked(_ output: String) -> Bool {
    output.contains("[machine-coded]") || output.contains("\\[machine-coded\\]")
  }

  static let machineField = "\"machine_coded\" : true"
  static let curatedField = "\"machine_coded\" : false"

  @Test(arguments: questions)
  func absentByDefaultPresentAndMarkedWithTheFlag(arguments: [String], markedFormat: String)
    throws
  {
    try Fixtures.withMachineCodedStoreFile { path in
      let plain = runParley(arguments + ["--format", "json", "--db", path])
      #expect(plain.exitCode == 0, "\(plain.errors)")
      #expect(!plain.output.contains(Self.machineField))
      #expect(!plain.output.contains("Machine-coded (GDELT"))
      #expect(plain.output.contains(Self.curatedField), "curated records are still answered")

      let included = runParley(arguments + ["--include-machine", "--format", "json", "--db", path])
      #expect(included.exitCode == 0, "\(included.errors)")
      #expect(included.output.contains(Self.machineField))
      #expect(included.output.contains(Self.curatedField))

      let marked = runParley(
        arguments + ["--include-machine", "--format", markedFormat, "--db", path])
      #expect(marked.exitCode == 0, "\(marked.errors)")
      #expect(Self.isMarked(marked.output))
      let unmarked = runParley(arguments + ["--format", markedFormat, "--db", path])
      #expect(!Self.isMarked(unmarked.output))
    }
  }

  /// `show` finds a machine-coded position only when asked to, and then marks it.
  @Test func showRefusesAMachineCodedPositionUnlessAsked() throws {
    try Fixtures.withMachineCodedStoreFile { path in
      let list = runParley([
        "who", "threatens", "--include-machine", "--as-of", "2025-03-14", "--format", "json",
        "--db", path,
      ])
      let positions = try #require(
        (try JSONSerialization.jsonObject(with: Data(list.output.utf8)) as? [String: Any])?[
          "positions"] as? [[String: Any]])
      let id = try #require(
        positions.first { $0["machine_coded"] as? Bool == true }?["id"] as? String)

      let refused = runParley(["show", id, "--db", path])
      #expect(refused.exitCode == 64)
      #expect(refused.errors.contains("'\(id)' is a machine-coded position"))
      #expect(refused.errors.contains("--include-machine"))

      let shown = runParley(["show", id, "--include-machine", "--db", path])
      #expect(shown.exitCode == 0, "\(shown.errors)")
      #expect(shown.output.contains("[machine-coded]"))
      let json = runParley(["show", id, "--include-machine", "--format", "json", "--db", path])
      #expect(json.output.contains(Self.machineField))

      let curated = runParley(["show", "ru-nato-bar-ukraine-2021-12", "--db", path])
      #expect(curated.exitCode == 0)
      #expect(!curated.output.contains("[machine-coded]"))
    }
  }
}
