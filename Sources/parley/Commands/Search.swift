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
        let point = try knownAt.map { try store.knownAt(parsing: $0) } ?? .latest
        let results = try store.search(
          words.joined(separator: " "), limit: limit, knownAt: point,
          includeMachineCoded: machine.includeMachine, publishedBy: publication.date)
        emit(try output.renderer.render(results))
      }
    }
  }
}
