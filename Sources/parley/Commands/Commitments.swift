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
        var question = Question()
        question.add("party", party)
        question.add("issue", issue)
        question.time(time)
        question.flag("include-machine", machine.includeMachine)
        emit(try question.ask(.commitments, in: store).render(output.renderer))
      }
    }
  }
}
