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
        var question = Question()
        question.add("position", position)
        question.add("known-at", knownAt)
        question.add("published-by", publication.publishedBy)
        question.flag("include-machine", machine.includeMachine)
        emit(try question.ask(.show, in: store).render(output.renderer))
      }
    }
  }
}
