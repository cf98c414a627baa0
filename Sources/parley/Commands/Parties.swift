import ArgumentParser
import ParleyKit

extension Parley {
  /// `parley parties`: the parties, their aliases and who speaks for them.
  struct Parties: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "parties",
      abstract: "List the parties with their aliases, affiliations and positions held today.")

    @OptionGroup var time: TimeOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var store: StoreOptions

    func run() throws {
      try reportingErrors {
        let store = try store.open()
        let list = try store.partyList(knownAt: try time.knownAt(in: store), asOf: time.asOfDate)
        emit(try output.renderer.render(list))
      }
    }
  }
}
