import ArgumentParser
import Foundation
import ParleyKit

/// Writes a line to standard error.
func printError(_ message: String) {
  FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Writes command output to standard output without an extra newline.
func emit(_ text: String) {
  FileHandle.standardOutput.write(Data(text.utf8))
}

/// Runs a command body, turning Parley's errors into messages and exit codes:
/// 65 (EX_DATAERR) for rejected input data, 64 (EX_USAGE) for arguments that name nothing.
func reportingErrors(_ body: () throws -> Void) throws {
  do {
    try body()
  } catch let error as LoadError {
    printError(error.description)
    throw ExitCode(65)
  } catch let error as QueryError {
    printError("Error: \(error.description)")
    throw ExitCode(64)
  }
}
