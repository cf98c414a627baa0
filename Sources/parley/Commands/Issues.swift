import ArgumentParser
import ParleyKit

extension Parley {
  /// `parley issues`: the issue taxonomy.
  struct Issues: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "issues",
      abstract: "List the issue taxonomy with the number of positions held on each issue.")

    @OptionGroup var time: CatalogTimeOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var store: StoreOptions

    func validate() throws {
      try time.refusePublishedBy(in: "issues")
    }

    func run() throws {
      try reportingErrors {
        let store = try store.open()
        var question = Question()
        question.add("as-of", time.axes.asOf)
        question.add("known-at", time.axes.knownAt)
        emit(try question.ask(.issues, in: store).render(output.renderer))
      }
    }
  }
}
