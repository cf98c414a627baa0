import ArgumentParser
import ParleyKit

extension OutputFormat: ExpressibleByArgument {}

/// How a read command prints its answer.
struct OutputOptions: ParsableArguments {
  @Option(
    help:
      "Output format: text (aligned tables; the brief as plain prose), json (sorted keys, documented in the README), md (Markdown) or html (one self-contained page: laid out for report and brief, the text form for other commands)."
  )
  var format: OutputFormat = .text

  var renderer: any Renderer { format.renderer }
}
