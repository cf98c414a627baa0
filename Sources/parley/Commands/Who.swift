import ArgumentParser
import ParleyKit

extension Parley {
  /// `parley who demands --on nato`: who takes a given stance.
  struct Who: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "who",
      abstract: "List who takes a stance, e.g. 'parley who demands --on nato'.",
      discussion: """
        Stances, as verbs: \(StanceKind.allCases.map(\.verb).joined(separator: ", ")). \
        Nouns and synonyms work too (demand, offers, threat).
        """)

    @Argument(help: "The stance, as a verb: demands, accepts, threatens, proposes, rejects, …")
    var stance: String

    @Option(
      name: .customLong("on"),
      help: "Only on this issue: an id, a prefix or a word (nato, territory, ceasefire/general).")
    var issue: String?

    @Option(
      name: .customLong("of"),
      help: "Only positions addressed to or aimed at this party (an id or alias).")
    var target: String?

    @Option(name: .customLong("by"), help: "Only positions held by this party (an id or alias).")
    var holder: String?

    @OptionGroup var time: TimeOptions
    @OptionGroup var machine: MachineOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var store: StoreOptions

    func validate() throws {
      guard StanceKind(userInput: stance) != nil else {
        let verbs = StanceKind.allCases.map(\.verb).joined(separator: ", ")
        throw ValidationError("'\(stance)' is not a stance; expected one of: \(verbs).")
      }
    }

    func run() throws {
      try reportingErrors {
        let store = try store.open()
        var question = Question()
        question.add("stance", stance)
        question.add("on", issue)
        question.add("of", target)
        question.add("by", holder)
        question.time(time)
        question.flag("include-machine", machine.includeMachine)
        emit(try question.ask(.who, in: store).render(output.renderer))
      }
    }
  }
}
