import ArgumentParser
import Foundation
import ParleyKit
import ParleyServer
import ParleyTestSupport
import Synchronization
import Testing

@testable import parley

/// Runs `parley ARGS…` in process and captures what it prints and its exit code.
func runParley(_ arguments: [String]) -> (output: String, errors: String, exitCode: Int32) {
  let output = Mutex("")
  let errors = Mutex("")
  var exitCode: Int32 = 0
  Console.$output.withValue({ text in output.withLock { $0 += text } }) {
    Console.$errors.withValue({ line in errors.withLock { $0 += line + "\n" } }) {
      do {
        var command = try Parley.parseAsRoot(arguments)
        try command.run()
      } catch {
        exitCode = Parley.exitCode(for: error).rawValue
        let message = Parley.message(for: error)
        if !message.isEmpty { errors.withLock { $0 += message + "\n" } }
      }
    }
  }
  return (output.withLock { $0 }, errors.withLock { $0 }, exitCode)
}

/// A store file seeded with the embedded corpus at a fixed record time, in its own temporary
/// folder, removed afterwards.
func withSeededStore<T>(_ body: (String) async throws -> T) async throws -> T {
  try await Fixtures.withTemporaryDirectory { folder in
    let path = folder.appendingPathComponent("store.sqlite").path
    _ = try ParleyStore.openCreatingWithSeed(
      path: path, clock: { Date(timeIntervalSince1970: 1_742_860_800) })
    return try await body(path)
  }
}

/// Lines written to the access log, for tests that read it.
final class LineCapture: Sendable {
  private let lines = Mutex<[String]>([])
  var sink: @Sendable (String) -> Void {
    { [self] line in self.lines.withLock { $0.append(line) } }
  }
  var captured: [String] { lines.withLock { $0 } }
}

/// Server settings for a test: the store, a captured access log, two connections.
func testSettings(_ path: String, log: LineCapture = LineCapture()) -> ServerSettings {
  var settings = ServerSettings(storePath: path)
  settings.connections = 2
  settings.accessLog = log.sink
  return settings
}

/// JSON text as a value that compares by content.
func parsedJSON(_ text: String) throws -> NSDictionary {
  try #require(
    JSONSerialization.jsonObject(with: Data(text.utf8)) as? NSDictionary)
}
