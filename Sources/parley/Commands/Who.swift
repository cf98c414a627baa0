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
        let kind = StanceKind(userInput: stance)!
        var filter = PositionFilter(
          kinds: [kind], asOf: time.asOfDate, knownAt: try time.knownAt(in: store),
          publishedBy: time.publishedBy)
        filter.includeMachineCoded = machine.includeMachine
        var question = "who \(kind.verb)"
        if let issue {
          filter.issues = try store.resolveIssues(issue)
          question += " on \(issue)"
        }
        if let target {
          let party = try store.resolveParty(target)
          filter.targets = [party.id]
          question += ", aimed at \(party.id)"
        }
        if let holder {
          let party = try resolveHolder(holder, in: store, on: time.asOfDate)
          filter.holders = [party.id]
          question += ", held by \(party.id)"
        }
        emit(try output.renderer.render(try store.positionList(filter, question: question)))
      }
    }
  }
}
