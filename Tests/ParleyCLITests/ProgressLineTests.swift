import Foundation
import ParleyKit
import ParleyTestSupport
import Testing

@testable import parley

/// The CLI's decision about progress lines: on a terminal only, never into a pipe or a file.
struct ProgressLineTests {
  @Test func progressIsShownOnATerminalAndNeverOtherwise() {
    #expect(progressMeter(unit: "statements", totalBytes: 1 << 30, isTerminal: false) == nil)
    #expect(progressMeter(unit: "statements", totalBytes: 1 << 30, isTerminal: true) != nil)
  }
}
