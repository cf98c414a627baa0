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
        let holders = try party.map { [try store.resolveParty($0).id] } ?? []
        let issues = try issue.map { try store.resolveIssues($0) } ?? []
        let result = try store.contested(
          holders: holders, issues: issues,
          asOf: try asOf.map { try parseDate($0, option: "--as-of") },
          knownAt: try knownAt.map { try store.knownAt(parsing: $0) } ?? .latest, all: all,
          publishedBy: publication.date, includeMachineCoded: machine.includeMachine)
        emit(try output.renderer.render(result))
      }
    }
  }
}
