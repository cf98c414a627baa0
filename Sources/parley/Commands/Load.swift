import ArgumentParser
import Foundation
import ParleyKit

extension Parley {
  /// `parley load FILE…`: add curated data in one all-or-nothing write.
  struct Load: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "load",
      abstract: "Load curated YAML or JSON files into the store, all or nothing.",
      discussion: """
        Every file is checked before anything is written; on any problem each is reported as \
        file:line:column: field: what is wrong (expected …), nothing is written, and the exit \
        code is 65. Loading the same files again changes nothing. A .jsonl file is a stream: \
        each line is one curated file, checked against the store and the lines before it, so \
        files of any size load in little memory. See seeds/FORMAT.md for the format.
        """)

    @Argument(
      help:
        "Curated files: .yaml, .yml or .json (read whole, checked together), or .jsonl (JSON Lines, read line by line)."
    )
    var paths: [String] = []

    @Flag(help: "Load the seed corpus built into this binary (for stores created before it grew).")
    var seed = false

    @Flag(
      name: .customLong("allow-text-outside"),
      help:
        "Let a document's text_file name a file outside the curated file's folder (by default only that folder and below)."
    )
    var allowTextOutside = false

    @OptionGroup var store: StoreOptions

    func validate() throws {
      if paths.isEmpty && !seed {
        throw ValidationError("Give at least one file to load, or '--seed'.")
      }
    }

    func run() throws {
      try reportingErrors {
        var inputs: [LoadInput] = []
        var streams: [String] = []
        var problems: [LoadProblem] = []
        for path in paths {
          if ParleyStore.isStream(path: path) {
            streams.append(path)
            continue
          }
          do { inputs.append(try LoadInput.file(path)) } catch let error as LoadError {
            problems += error.problems
          }
        }
        if !problems.isEmpty { throw LoadError(problems) }
        let store = try store.open()
        var reports: [LoadReport] = []
        if seed { reports.append(try store.loadSeedCorpus()) }
        if !inputs.isEmpty || !streams.isEmpty {
          // Lines read, statements per second and time left, for streams, on a terminal.
          let size = streams.reduce(0) { total, path in
            let attributes = try? FileManager.default.attributesOfItem(atPath: path)
            return total + ((attributes?[.size] as? NSNumber)?.intValue ?? 0)
          }
          reports.append(
            try store.load(
              inputs, streams: streams,
              textFiles: allowTextOutside ? .anywhere : .insideInputFolder,
              progress: streams.isEmpty
                ? nil : progressMeter(unit: "statements", totalBytes: size)))
        }
        for report in reports {
          for warning in report.warnings { printError("warning: \(warning.description)") }
          emit(describe(report))
        }
      }
    }

    private func describe(_ report: LoadReport) -> String {
      guard let revision = report.revision else {
        return "Nothing new: every record is already in the store.\n"
      }
      let order = [
        "documents", "statements", "positions", "evidence", "evidence quotes", "further sources",
        "relations", "outcomes", "parties", "aliases", "affiliations", "issues",
        "machine-coded marks", "imported events",
      ]
      let singular = [
        "documents": "document", "statements": "statement", "positions": "position",
        "evidence": "evidence", "relations": "relation", "parties": "party", "aliases": "alias",
        "affiliations": "affiliation", "issues": "issue", "evidence quotes": "evidence quote",
        "further sources": "further source", "outcomes": "outcome",
        "machine-coded marks": "machine-coded mark", "imported events": "imported event",
      ]
      var parts = order.compactMap { key in
        report.added[key].map { "\($0) \($0 == 1 ? singular[key]! : key)" }
      }
      if report.positionsChanged > 0 {
        let count = report.positionsChanged
        parts.append("\(count) position\(count == 1 ? "" : "s") changed")
      }
      return "Recorded revision r\(revision): \(parts.joined(separator: ", ")).\n"
    }
  }
}
