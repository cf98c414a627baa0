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
        let list = try store.issueList(
          knownAt: try time.axes.knownAt(in: store), asOf: time.axes.asOfDate)
        emit(try output.renderer.render(list))
      }
    }
  }
}
