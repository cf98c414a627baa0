import Foundation
import ParleyTestSupport
import Testing

/// Runs the built `parley` binary as a separate process, for what in-process runs cannot show:
/// concurrent processes, kills, file permissions.
enum ParleyProcess {
  /// The binary beside the test bundle (`.build/<triple>/debug/parley`).
  static var binary: URL {
    Bundle.main.bundleURL.appendingPathComponent("parley")
  }

  /// Starts `parley ARGS…`; `user` runs it as another user (needs root, through setpriv).
  static func start(
    _ arguments: [String], user: Int? = nil, environment: [String: String] = [:]
  ) throws -> (process: Process, output: Pipe, errors: Pipe) {
    let process = Process()
    if let user {
      process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
      process.arguments =
        ["--reuid=\(user)", "--regid=\(user)", "--clear-groups", binary.path] + arguments
    } else {
      process.executableURL = binary
      process.arguments = arguments
    }
    var env = ProcessInfo.processInfo.environment
    env.merge(environment) { $1 }
    process.environment = env
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    return (process, output, errors)
  }

  /// Runs `parley ARGS…` to the end.
  static func run(_ arguments: [String], user: Int? = nil) throws -> (
    output: String, errors: String, exitCode: Int32
  ) {
    let (process, output, errors) = try start(arguments, user: user)
    let out = output.fileHandleForReading.readDataToEndOfFile()
    let err = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (
      String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self),
      process.terminationStatus
    )
  }

  /// Whether this process may run others as another user (root, with setpriv at hand).
  static var canSwitchUser: Bool {
    geteuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")
  }
}

/// A fresh temporary folder, world-readable, removed after `body`.
func withTemporaryFolder<T>(_ body: (URL) throws -> T) throws -> T {
  try Fixtures.withTemporaryDirectory(body)
}

/// Every file in `folder` with its bytes.
func folderSnapshot(_ folder: URL) throws -> [String: Data] {
  var files: [String: Data] = [:]
  for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
    let url = folder.appendingPathComponent(name)
    var isFolder: ObjCBool = false
    FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder)
    files[name] = isFolder.boolValue ? Data() : try Data(contentsOf: url)
  }
  return files
}
