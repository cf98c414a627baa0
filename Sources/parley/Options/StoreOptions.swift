import ArgumentParser
import Foundation
import ParleyKit

/// Where the store is: shared by every command.
struct StoreOptions: ParsableArguments {
  /// The store file.
  @Option(
    name: .customLong("db"),
    help: ArgumentHelp(
      "The store file (default: $PARLEY_DB, else ~/.local/share/parley/parley.sqlite).",
      valueName: "path"))
  var path: String?

  /// How long a write waits for another process's load to finish.
  @Option(
    name: .customLong("wait"),
    help: ArgumentHelp(
      "How long to wait, in seconds, for another load of the same store to finish before giving up (default: 60).",
      valueName: "seconds"))
  var wait: Double = ParleyStore.defaultBusyTimeout

  func validate() throws {
    if let path, path.allSatisfy(\.isWhitespace) {
      throw ValidationError(
        "'--db' needs the path of a store file; '\(path)' names none (leave '--db' out to use $PARLEY_DB or the default store)."
      )
    }
    guard wait.isFinite, wait >= 0, wait <= 86_400 else {
      throw ValidationError("'--wait \(wait)' must be a number of seconds from 0 to 86400.")
    }
  }

  var location: StoreLocation { StoreLocation.resolve(option: path) }

  /// Opens the store, creating it with the embedded seed corpus when it does not exist yet.
  func open() throws -> ParleyStore {
    let location = location
    let existed = FileManager.default.fileExists(atPath: location.path)
    let store = try ParleyStore.openCreatingWithSeed(path: location.path, busyTimeout: wait)
    if !existed {
      printError("Created a new store at \(location.path) with the built-in seed corpus.")
    }
    return store
  }
}
