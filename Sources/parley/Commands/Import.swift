import ArgumentParser
import Foundation
import ParleyKit

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension Parley {
  /// `parley import gdelt FILE…`: machine-coded events as machine-coded statements and positions.
  struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "import",
      abstract: "Import machine-coded event data (GDELT), marked as such.",
      subcommands: [Gdelt.self])

    struct Gdelt: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "gdelt",
        abstract: "Import GDELT 1.0 or 2.0 event exports (tab-separated, no header).",
        discussion: """
          Each event whose CAMEO code is a stance (02/10 demand, 03 commitment, 057 and 08 \
          acceptance, 12 rejection, 13 threat, 014 consideration, 015/016 claim) becomes a \
          machine-coded statement (SOURCEURL its document, SQLDATE its date, DATEADDED in its \
          date basis) and evidence for a machine-coded position of Actor1 toward Actor2 on \
          that day, with the original code kept; actors the store does not know become parties \
          marked as imported. Every row is imported or counted under a reason. Importing the \
          same rows again adds nothing. Machine-coded positions are left out of answers unless \
          a command is given --include-machine.
          """)

      @Argument(help: "GDELT export files (57, 58 or 61 tab-separated columns).")
      var files: [String]

      @Option(
        help: ArgumentHelp(
          "Skip events before this day (SQLDATE): YYYY-MM-DD, YYYY-MM or YYYY.", valueName: "date"))
      var since: String?

      @Option(
        help: ArgumentHelp(
          "Only events with an actor from these CAMEO country codes, e.g. RUS,UKR,USA.",
          valueName: "codes"))
      var actors: String?

      @OptionGroup var store: StoreOptions

      func validate() throws {
        if let since {
          do { _ = try PartialDate(parsing: since) } catch {
            throw ValidationError("'--since \(since)': \(error.description).")
          }
        }
        if let actors {
          for code in actors.split(separator: ",") {
            let trimmed = code.trimmingCharacters(in: .whitespaces)
            guard trimmed.count == 3, trimmed.allSatisfy({ $0.isASCII && $0.isLetter }) else {
              throw ValidationError(
                "'--actors': '\(trimmed)' is not a CAMEO country code (expected three letters, e.g. RUS,UKR,USA)."
              )
            }
          }
        }
      }

      func run() throws {
        try reportingErrors {
          var inputs: [(path: String, text: String)] = []
          var problems: [LoadProblem] = []
          for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
              problems +=
                LoadError.input(file, "cannot be read (expected a GDELT export file)").problems
              continue
            }
            guard
              let text = String(data: data, encoding: .utf8)
                ?? String(data: data, encoding: .isoLatin1)
            else {
              problems +=
                LoadError.input(file, "is not text (expected a tab-separated GDELT export)")
                .problems
              continue
            }
            inputs.append((file, text))
          }
          if !problems.isEmpty { throw LoadError(problems) }
          let options = GdeltImportOptions(
            since: try since.map { try PartialDate(parsing: $0).firstDay },
            actors: Set(
              (actors ?? "").split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces).uppercased()
              }))
          let store = try store.open()
          // Rows read, statements per second and time left, on a terminal only.
          let report = try store.importGdelt(
            inputs, options: options,
            progress: progressMeter(
              unit: "statements", totalBytes: inputs.reduce(0) { $0 + $1.text.utf8.count }))
          emit(Self.describe(report, files: files))
        }
      }

      static func describe(_ report: GdeltImportReport, files: [String]) -> String {
        func line(_ label: String, _ count: Int) -> String {
          "  " + label.padding(toLength: 68, withPad: " ", startingAt: 0)
            + String(format: "%7d", count)
        }
        var lines: [String] = []
        if let revision = report.revision {
          lines.append(
            "Recorded revision r\(revision): \(report.rows) rows read from \(files.joined(separator: ", "))."
          )
        } else {
          lines.append(
            "Nothing new: \(report.rows) rows read from \(files.joined(separator: ", ")); nothing was written."
          )
        }
        let kinds = report.byKind.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(
          separator: ", ")
        lines.append(
          line("imported as machine-coded statements", report.imported)
            + (kinds.isEmpty ? "" : "   (\(kinds))"))
        lines.append(line("  stating a new position", report.newPositions))
        lines.append(
          line("  restating a position already imported", report.imported - report.newPositions))
        lines.append(line("  without a target (no Actor2)", report.withoutTarget))
        for (reason, count) in report.skipped.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }
        ) {
          lines.append(line("skipped: " + reason, count))
        }
        lines.append(line("total (imported + skipped)", report.imported + report.skippedTotal))
        lines.append(
          "Parties created (marked imported): \(report.partiesCreated); documents created: \(report.documentsCreated)."
        )
        return lines.joined(separator: "\n") + "\n"
      }
    }
  }
}
