import ArgumentParser
import ParleyKit

extension Parley {
  /// `parley positions russia`: what a party holds on a date.
  struct Positions: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "positions",
      abstract: "List the positions a party holds (today, or on --as-of).")

    @Argument(help: "The party: an id, alias or name (russia, Kremlin, Kyiv).")
    var party: String

    @Option(help: "Only on this issue: an id, a prefix or a word (nato, territory).")
    var issue: String?

    @Flag(help: "Every position the party ever held, not only those held on the as-of day.")
    var all = false

    @Flag(help: "Also show records deprecated as mistakes.")
    var includeDeprecated = false

    @OptionGroup var time: TimeOptions
    @OptionGroup var machine: MachineOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var store: StoreOptions

    func validate() throws {
      if all && time.asOf != nil {
        throw ValidationError("'--all' and '--as-of' cannot be combined: '--all' ignores the date.")
      }
    }

    func run() throws {
      try reportingErrors {
        let store = try store.open()
        var question = Question()
        question.add("party", party)
        question.add("issue", issue)
        question.flag("all", all)
        question.flag("include-deprecated", includeDeprecated)
        question.time(time)
        question.flag("include-machine", machine.includeMachine)
        emit(try question.ask(.positions, in: store).render(output.renderer))
      }
    }
  }
}
