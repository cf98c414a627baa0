import Foundation
import Testing

/// Expected outputs kept as files beside a test target (`Golden/`), compared as text.
///
/// `PARLEY_RECORD=1` rewrites a file with the output instead, and the test then fails, as
/// swift-snapshot-testing does in record mode: a recording run is never green, so recording
/// cannot pass for checking. Review the rewritten files with `git diff`, then run again.
public struct GoldenFiles: Sendable {
  /// The folder of the golden files.
  public let folder: URL

  /// The golden files in `Golden/` beside the calling test file.
  public init(besideTestFile filePath: String = #filePath) {
    folder = URL(fileURLWithPath: filePath).deletingLastPathComponent()
      .appendingPathComponent("Golden")
  }

  /// Whether this run rewrites golden files (`PARLEY_RECORD=1`).
  public static var isRecording: Bool {
    ProcessInfo.processInfo.environment["PARLEY_RECORD"] == "1"
  }

  /// Expects `output` to equal the golden file `name` (with its extension, such as
  /// `report.html` or `who-demands.txt`); in record mode, rewrites the file and fails.
  public func expect(
    _ output: String, matches name: String, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let file = folder.appendingPathComponent(name)
    if Self.isRecording {
      try output.write(to: file, atomically: true, encoding: .utf8)
      Issue.record(
        "Recorded Golden/\(name) (PARLEY_RECORD=1): check it with git diff, then run the tests again without PARLEY_RECORD",
        sourceLocation: sourceLocation)
      return
    }
    guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
      Issue.record(
        "No golden file Golden/\(name) (run with PARLEY_RECORD=1 to record it)",
        sourceLocation: sourceLocation)
      return
    }
    #expect(
      output == expected, "\(name) differs from its golden file", sourceLocation: sourceLocation)
  }
}
