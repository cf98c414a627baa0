import ArgumentParser
import ParleyKit

/// The `parley` command: a negotiation-position knowledge base.
@main
struct Parley: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "parley",
    abstract:
      "Track what each party to a negotiation demands, offers, accepts, rejects and threatens.",
    discussion: """
      The store is --db PATH, else $PARLEY_DB, else ~/.local/share/parley/parley.sqlite \
      ($XDG_DATA_HOME/parley/parley.sqlite when XDG_DATA_HOME is set). A store that does not \
      exist yet is created on first use with the seed corpus built into this binary.
      """,
    version: ParleyStore.toolVersion,
    subcommands: [
      Who.self, Positions.self, Query.self, Search.self, Show.self, Diff.self, Compare.self,
      Timeline.self, Contested.self, Commitments.self, Report.self, Brief.self, Parties.self,
      Issues.self, Load.self,
      Add.self, Extract.self, ExtractScore.self, Import.self, Export.self,
      Init.self, Generate.self, Serve.self, MCPServe.self,
    ]
  )
}
