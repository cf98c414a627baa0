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

  var location: StoreLocation { StoreLocation.resolve(option: path) }

  /// Opens the store, creating it with the embedded seed corpus when it does not exist yet.
  func open() throws -> ParleyStore {
    let location = location
    let existed = FileManager.default.fileExists(atPath: location.path)
    let store = try ParleyStore.openCreatingWithSeed(path: location.path)
    if !existed {
      printError("Created a new store at \(location.path) with the built-in seed corpus.")
    }
    return store
  }
}
