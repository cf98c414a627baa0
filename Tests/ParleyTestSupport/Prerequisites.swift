import Foundation
import Testing

/// Something a test needs from outside the package: a tool, or a folder beside the project.
///
/// Where it is missing the test is skipped, except under `CI=true`: there every prerequisite
/// is installed (`.ci/run`) or present (`../shared/`), so a missing one is a broken machine and
/// the test runs and fails rather than skipping silently. Use both halves:
///
/// ```swift
/// @Test(Prerequisite.jsonschema.trait)
/// func validates() throws {
///   try Prerequisite.jsonschema.require()
///   …
/// }
/// ```
public struct Prerequisite: Sendable {
  /// What is needed, for messages ("python3 with jsonschema").
  public let name: String
  public let isAvailable: Bool

  public init(_ name: String, isAvailable: Bool) {
    self.name = name
    self.isAvailable = isAvailable
  }

  /// Whether the tests run under CI (`CI=true`), where nothing may be skipped.
  public static var isCI: Bool {
    ["true", "1", "yes"].contains(ProcessInfo.processInfo.environment["CI"]?.lowercased() ?? "")
  }

  /// Runs the test when the prerequisite is available, and always under CI.
  public var trait: ConditionTrait {
    .enabled(
      if: isAvailable || Self.isCI,
      "\(name) is not available (under CI=true the test fails instead)")
  }

  /// Fails the test when the prerequisite is missing (only reached under CI).
  public func require(sourceLocation: SourceLocation = #_sourceLocation) throws {
    try #require(
      isAvailable, "\(name) is required under CI=true but is missing",
      sourceLocation: sourceLocation)
  }

  // MARK: - The prerequisites

  /// Python 3 with the `jsonschema` package, for validating JSON against the published schemas.
  public static let jsonschema = Prerequisite(
    "python3 with jsonschema", isAvailable: (try? python(["-c", "import jsonschema"]).status) == 0)

  /// `../shared/seeds` beside the project: the source articles the seed corpus quotes (kept out
  /// of the repository, which holds facts and short quotes only).
  public static let sharedSeeds = Prerequisite(
    "../shared/seeds",
    isAvailable: FileManager.default.fileExists(atPath: sharedSeedsFolder.path))

  /// Where ``sharedSeeds`` lives.
  public static var sharedSeedsFolder: URL {
    Fixtures.projectRoot.deletingLastPathComponent().appendingPathComponent("shared")
      .appendingPathComponent("seeds")
  }
}

/// Runs `python3 ARGUMENTS…`, returning its exit status and everything it printed.
public func python(_ arguments: [String]) throws -> (status: Int32, output: String) {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  process.arguments = ["python3"] + arguments
  let pipe = Pipe()
  process.standardOutput = pipe
  process.standardError = pipe
  try process.run()
  let data = pipe.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}
