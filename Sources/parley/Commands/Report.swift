import ArgumentParser
import Foundation
import ParleyKit

extension Parley {
  /// `parley report --format html -o report.html`: the position comparison report.
  struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "report",
      abstract:
        "Write a position comparison report: per issue each party's stance and evidence, changes, contested claims.",
      discussion: """
        The HTML form is one self-contained file (inline CSS and SVG, no network) with a \
        party × issue matrix coloured by stance, a timeline, and footnoted evidence. Markdown \
        has the same content in tables; JSON the same content as data (Schema/report.schema.json).
        """)

    @Option(
      parsing: .upToNextOption,
      help: "Parties to compare (default: states and organisations holding positions).")
    var parties: [String] = []

    @Option(
      parsing: .upToNextOption,
      help: "Issues to show: ids, prefixes or words (default: every issue they hold positions on).")
    var issues: [String] = []

    @Option(
      help: ArgumentHelp(
        "Also list each party's changes from the start of this day.", valueName: "date"))
    var since: String?

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
      try checkCount(parties.count, "parties", limit: InputLimits.namedParties)
      try checkCount(issues.count, "issues", limit: InputLimits.namedIssues)
    }

    func run() throws {
      try reportingErrors {
        let store = try store.open()
        var question = Question()
        question.add("parties", parties)
        question.add("issues", issues)
        question.add("since", since)
        question.time(time)
        question.flag("include-machine", machine.includeMachine)
        try write(try question.ask(.report, in: store).render(format.renderer), to: output)
      }
    }
  }
}

/// Writes command output to a file, or to standard output when no file is given.
func write(_ text: String, to path: String?) throws {
  guard let path else { return emit(text) }
  do {
    try text.write(toFile: path, atomically: true, encoding: .utf8)
  } catch {
    throw ValidationError("Cannot write '\(path)': \(error.localizedDescription)")
  }
  printError("Wrote \(path).")
}
