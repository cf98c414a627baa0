import ArgumentParser
import ParleyKit

extension Parley {
  /// `parley commitments [PARTY]`: commitments and threats, kept or broken, with evidence.
  struct Commitments: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "commitments",
      abstract: "List commitments and threats with what became of them, and the evidence.",
      discussion: """
        A commitment is kept, partly kept, broken or pending; a threat is carried out, not \
        carried out or pending. The outcome is the latest assessment up to --as-of (from the \
        curated `outcomes`), `kept` for a commitment ended as fulfilled, else pending; a \
        commitment whose term is over with no outcome recorded is flagged past-term-no-outcome.
        """)

    @Argument(help: "Only this party (an id, alias or name) and its parts.")
    var party: String?

    @Option(help: "Only this issue: an id, a prefix or a word.")
    var issue: String?

    @OptionGroup var time: TimeOptions
    @OptionGroup var machine: MachineOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var store: StoreOptions

    func run() throws {
      try reportingErrors {
        let store = try store.open()
        let holders = try party.map { [try store.resolveParty($0).id] } ?? []
        let issues = try issue.map { try store.resolveIssues($0) } ?? []
        let result = try store.commitments(
          holders: holders, issues: issues, asOf: time.asOf == nil ? nil : time.asOfDate,
          knownAt: try time.knownAt.map { try store.knownAt(parsing: $0) } ?? .latest,
          publishedBy: time.publishedBy, includeMachineCoded: machine.includeMachine)
        emit(try output.renderer.render(result))
      }
    }
  }
}
