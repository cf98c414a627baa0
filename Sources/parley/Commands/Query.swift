import ArgumentParser
import ParleyKit

extension Parley {
  /// `parley query 'holder:russia kind:demand issue:territory/*'`: positions by a filter expression.
  struct Query: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "query",
      abstract:
        "List the positions a filter expression selects, e.g. 'parley query holder:russia kind:demand'.",
      discussion: """
        An expression is field:value terms separated by spaces; all terms must hold. A value with \
        spaces is double-quoted ("…", with \\" for a quote). Repeating a field, or a comma list \
        (holder:russia,ukraine), matches any of its values.

        Fields: holder, target (a party id, alias or name), kind (a stance: demand, offers, …), \
        issue (an id, prefix or word; territory/* for everything under territory), status \
        (active, superseded, withdrawn, deprecated), modality (firm, conditional, hedged), \
        attribution (direct, reported, claimed, analyst: of some evidence), speaker (a person \
        or party who said some evidence), document (a document id), as-of (a date; without it, \
        every position ever held), known-at (a revision r3, a date or a UTC time), text (words \
        in the proposition, its key, its evidence quotes or their documents' titles).

        Example: parley query 'holder:kremlin kind:demand issue:territory/* as-of:2025-03-14'
        """)

    @Argument(
      help: ArgumentHelp(
        "The filter expression; several arguments are joined with spaces.", valueName: "expression"
      ))
    var expression: [String] = []

    @OptionGroup var publication: PublicationOptions
    @OptionGroup var machine: MachineOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var store: StoreOptions

    func run() throws {
      try reportingErrors {
        let store = try store.open()
        var question = Question()
        question.add("expression", expression.joined(separator: " "))
        question.add("published-by", publication.publishedBy)
        question.flag("include-machine", machine.includeMachine)
        emit(try question.ask(.query, in: store).render(output.renderer))
      }
    }
  }
}
