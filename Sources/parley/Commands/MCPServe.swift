import ArgumentParser
import ParleyKit
import ParleyMCP

extension Parley {
  /// `parley mcp`: Parley's read commands as Model Context Protocol tools over stdio.
  struct MCPServe: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "mcp",
      abstract: "Serve the read commands as MCP tools over standard input and output.",
      discussion: """
        For a model that drafts briefings: the tools who, positions, show, diff, compare, \
        timeline, contested, search and brief, each read-only, each answering with the JSON of \
        '--format json' (structuredContent) and a short text in which every fact names its \
        statement id, speaker, date, quote and source URL. An MCP client starts it as \
        'parley mcp --db PATH'; it stops when the client closes its standard input.
        """)

    @OptionGroup var store: StoreOptions

    func run() async throws {
      var opened: ParleyStore?
      try reportingErrors { opened = try store.open() }
      try await ParleyTools.serveStdio(store: opened!)
    }
  }
}
