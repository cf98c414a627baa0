import ArgumentParser
import Foundation
import ParleyKit

/// Where commands write: standard output and error, or a test's capture.
enum Console {
  /// Receives command output; tests bind it with `Console.$output.withValue(…)`.
  @TaskLocal static var output: @Sendable (String) -> Void = { text in
    FileHandle.standardOutput.write(Data(text.utf8))
  }
  /// Receives diagnostics (one line at a time, without the newline).
  @TaskLocal static var errors: @Sendable (String) -> Void = { line in
    FileHandle.standardError.write(Data((line + "\n").utf8))
  }
}

/// A progress line on standard error for long work, or nil when standard error is not a
/// terminal: a pipe or a log file gets no progress lines.
func progressMeter(
  unit: String, totalBytes: Int?, isTerminal: Bool = isatty(STDERR_FILENO) == 1
) -> ProgressMeter? {
  guard isTerminal else { return nil }
  return ProgressMeter(unit: unit, totalBytes: totalBytes) { text in
    FileHandle.standardError.write(Data(text.utf8))
  }
}

/// Writes a line to standard error.
func printError(_ message: String) {
  Console.errors(message)
}

/// Writes command output to standard output as it is.
func emit(_ text: String) {
  Console.output(text)
}

/// Runs a command body, turning Parley's errors into messages and exit codes:
/// 65 (EX_DATAERR) for rejected input data, 64 (EX_USAGE) for arguments that name nothing and
/// query expressions that cannot be read.
func reportingErrors(_ body: () throws -> Void) throws {
  do {
    try body()
  } catch let error as LoadError {
    printError(error.description)
    throw ExitCode(65)
  } catch let error as QueryError {
    printError("Error: \(error.description)")
    throw ExitCode(64)
  } catch let error as QuestionError {
    printError("Error: \(error.description)")
    throw ExitCode(64)
  } catch let error as QuerySyntaxError {
    // The expression and a caret under the column: no prefix, so that the caret lines up.
    printError(error.description)
    throw ExitCode(64)
  } catch let error as StoreError {
    printError("Error: \(error.description)")
    throw ExitCode.failure
  } catch {
    // Never "SQLite error 14": what it means for the store.
    guard let storeError = StoreError(translating: error, path: nil) else { throw error }
    printError("Error: \(storeError.description)")
    throw ExitCode.failure
  }
}

/// Refuses more parties or issues on the command line than a command accepts (exit 64).
func checkCount(_ count: Int, _ what: String, limit: Int) throws {
  guard count > limit else { return }
  throw ValidationError(
    QueryError.tooMany(
      what, given: count, limit: limit,
      advice: "Name fewer, or leave the option out to include every one that holds positions."
    ).description)
}
