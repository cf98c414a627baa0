import ArgumentParser
import ParleyKit

extension Parley {
  /// `parley timeline russia` (or `--party russia`): statements and position changes in date
  /// order.
  struct Timeline: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "timeline",
      abstract: "Show the chronology of statements and position changes.")

    @Argument(help: "Only this party's positions and statements: an id, alias or name.")
    var partyArgument: String?

    @Option(help: "The same as the argument (either may be given, not both).")
    var party: String?

    @Option(help: "Only this issue: an id, a prefix or a word.")
    var issue: String?

    @Option(help: ArgumentHelp("From this date (inclusive).", valueName: "date"))
    var from: String?

    @Option(help: ArgumentHelp("Up to this date (inclusive).", valueName: "date"))
    var to: String?

    @Option(
      name: .customLong("known-at"),
      help: ArgumentHelp(
        "As the store knew it then: a revision, date or UTC time.", valueName: "when"))
    var knownAt: String?

    @OptionGroup var publication: PublicationOptions
    @OptionGroup var machine: MachineOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var store: StoreOptions

    func validate() throws {
      if partyArgument != nil && party != nil {
        throw ValidationError("Give the party once: as an argument or with --party, not both.")
      }
      if let from { _ = try parseDate(from, option: "--from") }
      if let to { _ = try parseDate(to, option: "--to") }
    }

    func run() throws {
      try reportingErrors {
        let store = try store.open()
        var question = Question()
        question.add("party", partyArgument ?? party)
        question.add("issue", issue)
        question.add("from", from)
        question.add("to", to)
        question.add("known-at", knownAt)
        question.add("published-by", publication.publishedBy)
        question.flag("include-machine", machine.includeMachine)
        emit(try question.ask(.timeline, in: store).render(output.renderer))
      }
    }
  }
}
