import ArgumentParser
import Foundation
import ParleyKit

extension Parley {
  /// `parley brief --since 2025-03-11 --format json`: the briefing feed.
  struct Brief: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "brief",
      abstract:
        "Write the briefing feed: where each party stands, what changed, open conditions, contested claims, sources.",
      discussion: """
        The brief is focused: world changes first, most significant first (reversals; new \
        demands, threats and rejections; what came and went; hardening; softening; …), then \
        trends per party and issue, open conditions, stale positions, commitments and their \
        outcomes; at most --max-items of each list, the positions the changes name first \
        (--full for everything). \
        JSON conforms to Schema/briefing.schema.json and names the as-of day and the store \
        revision it was computed for. World changes (--since, valid time) and newly learned \
        facts (--known-since, record time) are kept apart. Markdown and HTML come from Mustache \
        templates; --template uses your own (see the README for the fields it can use).
        """)

    @Option(
      help: ArgumentHelp(
        "List world changes from the start of this day (valid time).", valueName: "date"))
    var since: String?

    @Option(
      name: .customLong("known-since"),
      help: ArgumentHelp(
        "List what the store learned after this revision, or since this date or time (record time).",
        valueName: "when"))
    var knownSince: String?

    @Option(
      parsing: .upToNextOption,
      help:
        "Parties to brief on (default: every party holding positions, analysts and media aside).")
    var parties: [String] = []

    @Option(
      name: .customLong("max-items"),
      help: ArgumentHelp(
        "At most this many standings, world changes and learned facts each, most significant first (default 25).",
        valueName: "n"))
    var maxItems: Int = 25

    @Flag(help: "The full feed: every position held and every change, without a cap.")
    var full = false

    @Option(
      name: .customLong("stale-after"),
      help: ArgumentHelp(
        "Flag a held position not stated for more than this many days (default 180).",
        valueName: "days"))
    var staleAfter: Int = 180

    @Option(help: ArgumentHelp("A Mustache template for --format md or html.", valueName: "file"))
    var template: String?

    @Option(
      name: [.customShort("o"), .long],
      help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    @OptionGroup var time: TimeOptions
    @OptionGroup var machine: MachineOptions
    @OptionGroup var format: OutputOptions
    @OptionGroup var store: StoreOptions

    func validate() throws {
      if let since { _ = try parseDate(since, option: "--since") }
      if maxItems < 1 { throw ValidationError("'--max-items \(maxItems)': expected 1 or more.") }
      if staleAfter < 1 {
        throw ValidationError("'--stale-after \(staleAfter)': expected 1 or more days.")
      }
      try checkCount(parties.count, "parties", limit: InputLimits.namedParties)
      if template != nil && ![.md, .html].contains(format.format) {
        throw ValidationError("'--template' applies to '--format md' or '--format html'.")
      }
    }

    func run() throws {
      try reportingErrors {
        var templateText: String?
        if let template {
          guard let text = try? String(contentsOfFile: template, encoding: .utf8) else {
            throw ValidationError("Cannot read the template '\(template)'.")
          }
          templateText = text
        }
        let store = try store.open()
        var question = Question()
        question.add("since", since)
        question.add("known-since", knownSince)
        question.add("parties", parties)
        question.add("max-items", String(maxItems))
        question.flag("full", full)
        question.add("stale-after", String(staleAfter))
        question.time(time)
        question.flag("include-machine", machine.includeMachine)
        let briefing = try question.ask(.brief, in: store)
        let renderer: any Renderer =
          switch format.format {
          case .md: MarkdownRenderer(briefTemplate: templateText)
          case .html: HTMLRenderer(briefTemplate: templateText)
          default: format.renderer
          }
        try write(try briefing.render(renderer), to: output)
      }
    }
  }
}
