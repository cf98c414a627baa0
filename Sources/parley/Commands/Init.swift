import ArgumentParser
import Foundation
import ParleyKit

extension Parley {
  /// `parley init`: create a store explicitly.
  struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "init",
      abstract: "Create a store with the built-in seed corpus, or an empty one with '--empty'.")

    @Flag(help: "Create the store with its schema only, without the seed corpus.")
    var empty = false

    @OptionGroup var store: StoreOptions

    func run() throws {
      let location = store.location
      guard !FileManager.default.fileExists(atPath: location.path) else {
        throw ValidationError("A store already exists at '\(location.path)'; nothing was changed.")
      }
      try reportingErrors {
        _ = try ParleyStore.openCreatingWithSeed(
          path: location.path, seed: !empty, busyTimeout: store.wait)
        emit(
          "Created \(empty ? "an empty store" : "a store with the seed corpus") at \(location.path).\n"
        )
      }
    }
  }
}
