import ArgumentParser
import ParleyKit

extension Parley {
  /// `parley diff russia --from 2025-03-11 --to 2025-03-14`: what changed in a party's positions.
  struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "diff",
      abstract:
        "Show what changed in a party's positions between two dates, or since a point in the store's history.",
      discussion: """
        With --from/--to it answers "what changed in the world" (valid time), following the \
        path inside the window: each chain of supersessions with one dated step per link and \
        its net change (reversed, hardened, softened, scope widened or narrowed, changed), \
        positions added or dropped, and those that came and went inside the window whatever \
        ended them (superseded, withdrawn, expired, fulfilled). Related positions (contradicts, \
        responds to, conditional on) are named; restatements inside the window are listed, \
        dated, one line each. With --known-since it answers "what did the store learn since \
        then" (record time): positions recorded, ends learned ("withdrawn on …"), new relations, \
        roles and outcomes. The output always says which question it answers.
        """)

    @Argument(help: "The party: an id, alias or name.")
    var party: String

    @Option(
      help: ArgumentHelp(
        "The start date (valid time): YYYY-MM-DD, YYYY-MM or YYYY.", valueName: "date"))
    var from: String?

    @Option(help: ArgumentHelp("The end date (valid time; default today).", valueName: "date"))
    var to: String?

    @Option(
      name: .customLong("known-since"),
      help: ArgumentHelp(
        "Instead: what the store learned after this revision (r3), or since this date (its start) or UTC time.",
        valueName: "when")
    )
    var knownSince: String?

    @Option(
      name: .customLong("known-at"),
      help: ArgumentHelp(
        "For a valid-time diff: answer as the store knew it then.", valueName: "when"))
    var knownAt: String?

    @Option(help: "Only this issue: an id, a prefix or a word.")
    var issue: String?

    @Flag(help: "List the restating statements instead of only counting them.")
    var showRestatements = false

    @OptionGroup var publication: PublicationOptions
    @OptionGroup var machine: MachineOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var store: StoreOptions

    func validate() throws {
      if knownSince != nil {
        if from != nil || to != nil || knownAt != nil || publication.publishedBy != nil {
          throw ValidationError(
            "'--known-since' answers a record-time question; it cannot be combined with '--from', '--to', '--known-at' or '--published-by'."
          )
        }
        return
      }
      guard let from else {
        throw ValidationError(
          "Give '--from DATE' (and optionally '--to DATE'), or '--known-since WHEN'.")
      }
      let start = try parseDate(from, option: "--from")
      if let to, try parseDate(to, option: "--to").lastDay < start.firstDay {
        throw ValidationError("'--to \(to)' is before '--from \(from)'.")
      }
    }

    func run() throws {
      try reportingErrors {
        let store = try store.open()
        var question = Question()
        question.add("party", party)
        question.add("from", from)
        question.add("to", to)
        question.add("known-since", knownSince)
        question.add("known-at", knownAt)
        question.add("issue", issue)
        question.flag("show-restatements", showRestatements)
        question.add("published-by", publication.publishedBy)
        question.flag("include-machine", machine.includeMachine)
        emit(try question.ask(.diff, in: store).render(output.renderer))
      }
    }
  }
}

/// Parses a date option, or throws a usage error that quotes it.
func parseDate(_ text: String, option: String) throws -> PartialDate {
  if text == "today" { return PartialDate.today() }
  do {
    return try PartialDate(parsing: text)
  } catch {
    throw ValidationError("'\(option) \(text)': \(error.description).")
  }
}
