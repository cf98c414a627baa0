import ArgumentParser
import ParleyKit

extension Parley {
  /// `parley contested`: claims another party contradicts or disputes, or nobody confirms.
  struct Contested: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "contested",
      abstract:
        "List claims that are contradicted, disputed or unconfirmed, and positions of any kind that another party contradicts or disputes.",
      discussion:
        "Nothing is resolved automatically: each claim is flagged and shown with its evidence.")

    @Option(help: "Only claims held by this party.")
    var party: String?

    @Option(help: "Only this issue: an id, a prefix or a word.")
    var issue: String?

    @Option(
      name: .customLong("as-of"),
      help: ArgumentHelp("Positions held on this day (default: today).", valueName: "date"))
    var asOf: String?

    @Flag(help: "Every position, held or not: superseded and withdrawn ones too.")
    var all = false

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
      if let asOf { _ = try parseDate(asOf, option: "--as-of") }
      if all && asOf != nil { throw ValidationError("Give either --as-of or --all, not both.") }
    }

    func run() throws {
      try reportingErrors {
        let store = try store.open()
        var question = Question()
        question.add("party", party)
        question.add("issue", issue)
        question.flag("all", all)
        question.add("as-of", asOf)
        question.add("known-at", knownAt)
        question.add("published-by", publication.publishedBy)
        question.flag("include-machine", machine.includeMachine)
        emit(try question.ask(.contested, in: store).render(output.renderer))
      }
    }
  }
}
