import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One finished child process: how long it ran and its peak resident set size.
struct ProcessRun {
  var seconds: Double
  /// The program's own peak RSS, from GNU time; nil when it was not measured.
  var maxRSSKiB: Int?
  var exitStatus: Int32
}

/// GNU time (Debian: `time`), which reports a child's peak RSS from a small parent.
///
/// The kernel's figure for a child (`wait4`'s `ru_maxrss`) is at least its parent's resident
/// size when it was started: the child begins in a copy of the parent's memory (or in the memory
/// itself, with `posix_spawn`), and the peak carries over the `exec`. Measured from the bench,
/// which holds hundreds of megabytes at 1M statements, every child would report the bench's size.
let gnuTime = which("time")

/// Runs a program with its standard input from a file (or /dev/null), its output discarded
/// or written to a file.
///
/// The wall time is measured around the program itself; with
/// `measureRSS`, the program runs under GNU time instead (about a millisecond more) for its peak
/// RSS, which is nil when GNU time is missing.
func runProcess(
  _ executable: String, _ arguments: [String], stdin: String? = nil, stdout: String? = nil,
  measureRSS: Bool = false
) throws -> ProcessRun {
  guard measureRSS, let gnuTime else {
    return try spawnAndWait(executable, arguments, stdin: stdin, stdout: stdout)
  }
  let report = NSTemporaryDirectory() + "parley-bench-rss-\(getpid()).txt"
  defer { try? FileManager.default.removeItem(atPath: report) }
  var run = try spawnAndWait(
    gnuTime, ["-f", "%M", "-o", report, executable] + arguments, stdin: stdin, stdout: stdout)
  // The last line is the figure (a failed program's status comes on the line before it).
  let text = (try? String(contentsOfFile: report, encoding: .utf8)) ?? ""
  run.maxRSSKiB = text.split(separator: "\n").last.flatMap { Int($0) }
  return run
}

private func spawnAndWait(
  _ executable: String, _ arguments: [String], stdin: String?, stdout: String?
) throws -> ProcessRun {
  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  defer { posix_spawn_file_actions_destroy(&actions) }
  posix_spawn_file_actions_addopen(&actions, 0, stdin ?? "/dev/null", O_RDONLY, 0)
  posix_spawn_file_actions_addopen(
    &actions, 1, stdout ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
  let argv = ([executable] + arguments).map { strdup($0) } + [nil]
  defer { for pointer in argv { free(pointer) } }
  var pid = pid_t()
  let start = DispatchTime.now().uptimeNanoseconds
  let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
  guard spawned == 0 else {
    throw BenchError("cannot start \(executable): \(String(cString: strerror(spawned)))")
  }
  var status: Int32 = 0
  while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
  let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
  let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
  return ProcessRun(seconds: seconds, maxRSSKiB: nil, exitStatus: exitStatus)
}

/// Runs a program and fails unless it exits with 0.
@discardableResult
func mustRun(
  _ executable: String, _ arguments: [String], stdin: String? = nil, stdout: String? = nil,
  measureRSS: Bool = false
) throws -> ProcessRun {
  let run = try runProcess(
    executable, arguments, stdin: stdin, stdout: stdout, measureRSS: measureRSS)
  guard run.exitStatus == 0 else {
    throw BenchError(
      "\(([executable] + arguments).joined(separator: " ")) exited with \(run.exitStatus)")
  }
  return run
}

/// The larger of two peaks, either of which may be unmeasured.
func larger(_ first: Int?, _ second: Int?) -> Int? {
  switch (first, second) {
  case (let first?, let second?): max(first, second)
  default: first ?? second
  }
}

/// The full path of a program on $PATH, or nil.
func which(_ program: String) -> String? {
  let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
  for directory in path.split(separator: ":") {
    let candidate = "\(directory)/\(program)"
    if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
  }
  return nil
}

/// Seconds taken by `body`, on the monotonic clock.
func timed<T>(_ body: () throws -> T) rethrows -> (T, Double) {
  let start = DispatchTime.now().uptimeNanoseconds
  let result = try body()
  return (result, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
}

/// The value below which `fraction` of the samples fall (nearest rank).
func percentile(_ samples: [Double], _ fraction: Double) -> Double {
  guard !samples.isEmpty else { return .nan }
  let sorted = samples.sorted()
  let rank = Int((fraction * Double(sorted.count)).rounded(.up)) - 1
  return sorted[min(max(rank, 0), sorted.count - 1)]
}
