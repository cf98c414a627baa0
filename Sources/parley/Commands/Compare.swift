import ArgumentParser
import ParleyKit

extension Parley {
  /// `parley compare russia ukraine united-states --issue ceasefire`: stances side by side.
  struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "compare",
      abstract: "Compare parties' stances per issue, side by side, with a classification per row.",
      discussion: """
        Each row is classified: one-side-silent (fewer than two hold a position), opposed \
        (a contradiction, a rejection answering another party's demand, proposal, commitment, \
        acceptance or condition, or opposite polarity on one proposition), conditional (someone sets \
        conditions), aligned (an acceptance answers a proposal or demand, or the same \
        proposition is held alike), or divergent (each holds something, nothing links them).
        """)

    @Argument(help: "Two or more parties: ids, aliases or names.")
    var parties: [String]

    @Option(help: "Only this issue: an id, a prefix or a word.")
    var issue: String?

    @OptionGroup var time: TimeOptions
    @OptionGroup var machine: MachineOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var store: StoreOptions

    func validate() throws {
      if parties.count < 2 {
        throw ValidationError("Give at least two parties to compare; got \(parties.count).")
      }
      if parties.count > InputLimits.namedParties {
        throw ValidationError(
          QueryError.tooMany(
            "parties", given: parties.count, limit: InputLimits.namedParties,
            advice:
              "A table of more parties side by side cannot be read; compare fewer, or use 'parley report'."
          ).description)
      }
    }

    func run() throws {
      try reportingErrors {
        let store = try store.open()
        var question = Question()
        question.add("parties", parties)
        question.add("issue", issue)
        question.time(time)
        question.flag("include-machine", machine.includeMachine)
        emit(try question.ask(.compare, in: store).render(output.renderer))
      }
    }
  }
}
