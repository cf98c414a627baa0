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
        let holder = try resolveHolder(party, in: store, on: time.asOfDate)
        var filter = PositionFilter(
          holders: [holder.id], asOf: all ? nil : time.asOfDate,
          knownAt: try time.knownAt(in: store), includeDeprecated: includeDeprecated)
        filter.publishedBy = time.publishedBy
        filter.includeMachineCoded = machine.includeMachine
        var question = "positions of \(holder.id)"
        if let issue {
          filter.issues = try store.resolveIssues(issue)
          question += " on \(issue)"
        }
        emit(try output.renderer.render(try store.positionList(filter, question: question)))
      }
    }
  }
}
