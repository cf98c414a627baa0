import Foundation
import Logging
import MCP
import ParleyKit

/// Parley's MCP tools: the read commands a model writing briefings needs, each read-only, each
/// answering with the CLI's JSON contract (`structuredContent`) and a short text in which every
/// fact names its statement, speaker, date, quote and source, so that the model can cite.
public enum ParleyTools {
  /// The tools, in the order `tools/list` gives them.
  public static let commands: [ReadCommand] = [
    .who, .positions, .show, .diff, .compare, .timeline, .contested, .commitments, .query,
    .search, .report, .brief,
  ]

  /// The server: tools over `store`, on whatever transport `start` is given.
  public static func makeServer(store: ParleyStore) async -> Server {
    let server = Server(
      name: "parley", version: ParleyStore.toolVersion, title: "Parley",
      instructions: instructions,
      capabilities: .init(tools: .init(listChanged: false)))
    await server.withMethodHandler(ListTools.self) { _ in
      .init(tools: commands.map(tool(for:)))
    }
    await server.withMethodHandler(CallTool.self) { params in
      call(params.name, arguments: params.arguments ?? [:], store: store)
    }
    return server
  }

  /// Serves the tools over standard input and output until the client closes them.
  public static func serveStdio(store: ParleyStore) async throws {
    let server = await makeServer(store: store)
    var logger = Logger(label: "parley-mcp") { label in StreamLogHandler.standardError(label: label)
    }
    logger.logLevel = Logger.Level.warning
    try await server.start(transport: StdioTransport(logger: logger))
    await server.waitUntilCompleted()
  }

  /// Answers one tool call.
  ///
  /// A question Parley cannot answer as asked is an error result whose text is the CLI's message
  /// (close names included), so the model can correct itself.
  public static func call(_ name: String, arguments: [String: Value], store: ParleyStore)
    -> CallTool.Result
  {
    guard let command = ReadCommand(rawValue: name), commands.contains(command) else {
      return .init(
        content: [.text(text: "Parley has no tool '\(name)'.", annotations: nil, _meta: nil)],
        isError: true)
    }
    do {
      var question = QuestionArguments(quote: { name, value in
        "'\(name.replacingOccurrences(of: "-", with: "_")): \(value)'"
      })
      for (key, value) in arguments {
        for text in strings(value) { question.add(key, text) }
      }
      let answered = try store.answer(command, question)
      let json = try answered.answer.json()
      let structured = try JSONDecoder().decode(Value.self, from: Data(json.utf8))
      let citations = try store.citations(statements: CitationText.statementIds(in: json))
      var text = CitationText.render(json: json, citations: citations)
      if !answered.notes.isEmpty { text = answered.notes.joined(separator: "\n") + "\n" + text }
      return .init(
        content: [.text(text: text, annotations: nil, _meta: nil)],
        structuredContent: structured as Value?)
    } catch {
      let message = (error as? CustomStringConvertible)?.description ?? "\(error)"
      return .init(
        content: [.text(text: "Error: \(message)", annotations: nil, _meta: nil)], isError: true)
    }
  }

  /// A tool argument as the text values the question reads.
  private static func strings(_ value: Value) -> [String] {
    switch value {
    case .string(let text): [text]
    case .int(let number): [String(number)]
    case .double(let number): [number == number.rounded() ? String(Int(number)) : String(number)]
    case .bool(let flag): [flag ? "true" : "false"]
    case .array(let values): values.flatMap(strings)
    case .null: []
    case .data, .object: ["\(value)"]
    }
  }

  static let instructions = """
    Parley records what parties to a negotiation demand, offer, accept, reject and threaten, \
    each fact with the statement that shows it: its id, speaker, date, verbatim quote and \
    source URL. Cite those when you write. Two kinds of time: 'as_of' is the day in the world \
    (what was held on that day; default today), 'known_at' is a point in Parley's own record \
    (what had been recorded by then; default everything), 'published_by' a day in the public \
    record (only evidence from documents published by then). Machine-coded records (imported \
    event data, not curated) are left out unless 'include_machine' is true, and are marked \
    'machine_coded' when included. A diff answers either 'what changed \
    in the world between from and to' or, with known_since, 'what did Parley learn since then'. \
    Parties, issues and positions take ids, aliases or names (russia, Kremlin, nato); a name \
    that matches nothing is an error that suggests close names.
    """
}
