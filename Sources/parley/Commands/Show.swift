import ArgumentParser
import ParleyKit

extension Parley {
  /// `parley show POSITION`: one position with its evidence, relations and history.
  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "show",
      abstract: "Show one position: its evidence, its relations and its history.")

    @Argument(help: "The position id (as listed by 'who' and 'positions').")
    var position: String

    @Option(
      name: .customLong("known-at"),
      help: ArgumentHelp(
        "Show it as the store knew it then: a revision (r3), a date or a UTC time.",
        valueName: "when"))
    var knownAt: String?

    @OptionGroup var publication: PublicationOptions
    @OptionGroup var machine: MachineOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var store: StoreOptions

    func run() throws {
      try reportingErrors {
        let store = try store.open()
        let point = try knownAt.map { try store.knownAt(parsing: $0) } ?? .latest
        emit(
          try output.renderer.render(
            try store.positionDetail(
              id: position, knownAt: point, publishedBy: publication.date,
              includeMachineCoded: machine.includeMachine)))
      }
    }
  }
}
