import ArgumentParser
import ParleyKit

extension Parley {
  /// `parley parties`: the parties, their aliases and who speaks for them.
  struct Parties: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "parties",
      abstract: "List the parties with their aliases, affiliations and positions held today.")

    @OptionGroup var time: CatalogTimeOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var store: StoreOptions

    func validate() throws {
      try time.refusePublishedBy(in: "parties")
    }

    func run() throws {
      try reportingErrors {
        let store = try store.open()
        var question = Question()
        question.add("as-of", time.axes.asOf)
        question.add("known-at", time.axes.knownAt)
        emit(try question.ask(.parties, in: store).render(output.renderer))
      }
    }
  }
}
