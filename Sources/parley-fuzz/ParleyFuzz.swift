import Foundation
import ParleyKit

// libFuzzer targets for Parley's input readers, one binary for all: PARLEY_FUZZ names the
// target (`query`, `curated` or `jsonl`). `.ci/fuzz` builds it with PARLEY_FUZZ_BUILD=1, which
// adds `-sanitize=fuzzer` and `PARLEY_FUZZ` (main then hands over to libFuzzer's driver); in an
// ordinary build it is a replayer:
// `parley-fuzz TARGET FILE…` runs files (such as a crash libFuzzer saved) through a target.

private func run(_ target: String, _ bytes: UnsafeRawBufferPointer) {
  switch target {
  case "query": FuzzTargets.query(bytes)
  case "curated": FuzzTargets.curated(bytes)
  case "jsonl": FuzzTargets.jsonLine(bytes)
  default:
    FileHandle.standardError.write(Data("PARLEY_FUZZ must be query, curated or jsonl\n".utf8))
    exit(2)
  }
}

#if PARLEY_FUZZ
  // libFuzzer's driver, for a program with a main of its own (SwiftPM gives every executable
  // one); it calls `fuzzOneInput` with each input.
  @_silgen_name("LLVMFuzzerRunDriver")
  private func runDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
  ) -> CInt

  nonisolated(unsafe) private var target = ""

  @main
  enum ParleyFuzz {
    static func main() {
      target = ProcessInfo.processInfo.environment["PARLEY_FUZZ"] ?? ""
      var argc = CommandLine.argc
      var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
      exit(
        runDriver(&argc, &argv) { start, count in
          run(target, UnsafeRawBufferPointer(start: start, count: count))
          return 0
        })
    }
  }
#else
  @main
  enum ParleyFuzz {
    static func main() {
      let arguments = CommandLine.arguments.dropFirst()
      guard let target = arguments.first else {
        print("usage: parley-fuzz query|curated|jsonl FILE…")
        exit(2)
      }
      for path in arguments.dropFirst() {
        guard let data = FileManager.default.contents(atPath: path) else { continue }
        data.withUnsafeBytes { run(target, $0) }
        print("\(path): ok")
      }
    }
  }
#endif
