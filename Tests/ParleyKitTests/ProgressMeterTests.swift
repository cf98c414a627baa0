import Foundation
import ParleyKit
import ParleyTestSupport
import Synchronization
import Testing

/// The progress line of long loads and imports: shown for large inputs, at most four times a
/// second, never for small ones; the sink and the clock are injected, so no test waits.
struct ProgressMeterTests {
  /// A clock that moves only when told, and a sink that keeps what it is given.
  final class Recorder: Sendable {
    let now = Mutex(Date(timeIntervalSince1970: 0))
    let written = Mutex<[String]>([])

    func meter(totalBytes: Int?) -> ProgressMeter {
      ProgressMeter(
        unit: "statements", totalBytes: totalBytes, clock: { self.now.withLock { $0 } },
        sink: { text in self.written.withLock { $0.append(text) } })
    }

    func tick(_ seconds: TimeInterval) { now.withLock { $0 += seconds } }
  }

  @Test func aLargeInputGetsThrottledUpdatesWithLinesRateAndTimeLeft() {
    let recorder = Recorder()
    let meter = recorder.meter(totalBytes: 100_000)
    // 1,000 lines of 100 bytes, 10 ms apart: ten seconds in all.
    for line in 1...1_000 {
      recorder.tick(0.01)
      meter.advance(lines: line, records: line * 2, bytes: line * 100)
    }
    meter.finish()
    let written = recorder.written.withLock { $0 }
    let updates = written.filter { $0.hasPrefix("\r") }
    // Nothing in the first second, then at most four a second (and the final figures).
    #expect(updates.count >= 30 && updates.count <= 38, "\(updates.count) updates")
    #expect(written.last == "\n")
    let halfway = updates[updates.count / 2]
    #expect(halfway.contains(" lines read, 200 statements/s, 0:0"))
    #expect(halfway.contains(" left"))
    #expect(updates.last?.hasPrefix("\r1,000 lines read, 200 statements/s, 0:00 left") == true)
  }

  @Test func aShortLineErasesALongerOne() {
    let recorder = Recorder()
    let meter = recorder.meter(totalBytes: nil)
    recorder.tick(2)
    meter.advance(lines: 1_000_000, records: 2_000_000, bytes: 0)
    recorder.tick(2)
    meter.advance(lines: 1_000_001, records: 0, bytes: 0)
    let written = recorder.written.withLock { $0 }
    #expect(written.count == 2)
    #expect(!written[0].contains("left"))
    #expect(written[1].count >= written[0].count)
    #expect(written[1].hasSuffix(" "))
  }

  @Test func aSmallInputShowsNothing() {
    let recorder = Recorder()
    let meter = recorder.meter(totalBytes: 1_000)
    for line in 1...10 {
      recorder.tick(0.01)
      meter.advance(lines: line, records: line, bytes: line * 100)
    }
    meter.finish()
    #expect(recorder.written.withLock { $0 }.isEmpty)
  }

  @Test func aLargeStreamLoadReportsItsLinesAsItGoes() throws {
    try Fixtures.withTemporaryDirectory { folder in
      let path = folder.appendingPathComponent("parties.jsonl").path
      let lines = (1...600).map { index in
        #"{"parties": [{"id": "party-\#(index)", "name": "Party \#(index)", "kind": "state"}]}"#
      }
      try (lines.joined(separator: "\n") + "\n").write(
        toFile: path, atomically: true, encoding: .utf8)
      let size = try #require(
        try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber
      ).intValue
      let recorder = Recorder()
      let meter = ProgressMeter(
        unit: "statements", totalBytes: size,
        clock: {
          recorder.now.withLock {
            $0 += 1; return $0
          }
        },
        sink: { text in recorder.written.withLock { $0.append(text) } })
      let store = try ParleyStore.inMemory()
      try store.load([], streams: [path], progress: meter)
      let written = recorder.written.withLock { $0 }
      #expect(written.contains { $0.hasPrefix("\r256 lines read") })
      #expect(
        written.dropLast().last?.hasPrefix("\r600 lines read, 0 statements/s, 0:00 left") == true)
      #expect(written.last == "\n")
    }
  }
}
