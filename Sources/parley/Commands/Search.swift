import ArgumentParser
import ParleyKit

extension Parley {
  /// `parley search crimea recognition`: positions, statements and documents by their words.
  struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "search",
      abstract: "Find positions, statements and documents by their words, best match first.",
      discussion: """
        Looks in propositions and their keys, statement quotes, document titles and stored texts. Every word \
        must appear; case and accents do not matter. Words are only ever words: quotes, '*', \
        OR or NEAR are searched for as text.
        """)

    @Argument(
      help: ArgumentHelp("The words to find; several arguments are joined.", valueName: "text"))
    var words: [String]

    @Option(help: "At most this many hits.")
    var limit = 20

    @Option(
      name: .customLong("known-at"),
      help: ArgumentHelp(
        "Search what the store knew then: a revision (r3), a date or a UTC time.",
        valueName: "when"))
    var knownAt: String?

    @OptionGroup var publication: PublicationOptions
    @OptionGroup var machine: MachineOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var store: StoreOptions

    func validate() throws {
      guard limit >= 1 else {
        throw ValidationError("'--limit \(limit)' must be at least 1.")
      }
      guard words.contains(where: { !$0.allSatisfy(\.isWhitespace) }) else {
        throw ValidationError("Give the words to search for, e.g. 'parley search crimea'.")
      }
    }

    func run() throws {
      try reportingErrors {
        let store = try store.open()
        var question = Question()
        question.add("words", words.joined(separator: " "))
        question.add("limit", String(limit))
        question.add("known-at", knownAt)
        question.add("published-by", publication.publishedBy)
        question.flag("include-machine", machine.includeMachine)
        emit(try question.ask(.search, in: store).render(output.renderer))
      }
    }
  }
}
