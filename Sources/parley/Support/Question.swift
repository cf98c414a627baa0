import ParleyKit

/// A read question as the CLI asks it: through ``ParleyStore/answer(_:_:)``, the one entry the
/// HTTP API, the web pages and the MCP tools use, so that the faces cannot answer differently.
///
/// Each command adds its options under the names the other faces use (the option's long name
/// without the dashes, positional arguments by the name `ReadCommand.parameters` gives them);
/// a value the library refuses is quoted back as the user typed it (`'--limit 0'`).
struct Question {
  private var arguments = QuestionArguments(quote: { name, value in "'--\(name) \(value)'" })

  /// Adds `value` under `name`, when it is given.
  mutating func add(_ name: String, _ value: String?) {
    if let value { arguments.add(name, value) }
  }

  /// Adds every one of `values` under `name`.
  mutating func add(_ name: String, _ values: [String]) {
    for value in values { arguments.add(name, value) }
  }

  /// Adds the flag `name` when it is set.
  mutating func flag(_ name: String, _ isSet: Bool) {
    if isSet { arguments.add(name, "true") }
  }

  /// Adds the three time questions as given.
  mutating func time(_ time: TimeOptions) {
    add("as-of", time.asOf)
    add("known-at", time.knownAt)
    add("published-by", time.publication.publishedBy)
  }

  /// Asks the question, writing its notes ("Zelensky speaks for ukraine; …") to standard error.
  func ask(_ command: ReadCommand, in store: ParleyStore) throws -> Answer {
    let answered = try store.answer(command, arguments)
    for note in answered.notes { printError(note) }
    return answered.answer
  }
}
