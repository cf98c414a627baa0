import ArgumentParser
import ParleyKit

extension OutputFormat: ExpressibleByArgument {}

/// How a read command prints its answer.
struct OutputOptions: ParsableArguments {
  @Option(
    help: "Output format: text (an aligned table) or json (sorted keys, documented in the README).")
  var format: OutputFormat = .text

  var renderer: any Renderer { format.renderer }
}
