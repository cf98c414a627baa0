import ArgumentParser
import Foundation
import ParleyKit

extension ExportFormat: ExpressibleByArgument {}

extension Parley {
  /// `parley export --format jsonl`: positions, statements, evidence and relations, with provenance.
  struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "export",
      abstract: "Export positions, statements, evidence and relations with their provenance.",
      discussion: """
        jsonl: curated JSON Lines that 'parley load' reads back into an identical store (with \
        -o FILE, stored document texts are written beside it, in FILE's name + .texts/, and \
        named by text_file). csv: one row per evidence link and per relation. claims: \
        schema.org Claim JSON-LD, one per quoted statement. annotations: W3C Web Annotations \
        with TextQuoteSelector (exact, prefix, suffix) and TextPositionSelector anchors, for \
        quotes whose document text is stored. Machine-coded records are left out unless \
        --include-machine.
        """)

    @Option(help: "jsonl, csv, claims or annotations.")
    var format: ExportFormat = .jsonl

    @Option(
      help: ArgumentHelp(
        "Only statements said on or after this day, and what they are evidence for.",
        valueName: "date"))
    var since: String?

    @Option(
      help: ArgumentHelp(
        "Only positions of this party (and its parts), and their evidence.", valueName: "party"))
    var holder: String?

    @Option(
      name: .shortAndLong,
      help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    @OptionGroup var machine: MachineOptions
    @OptionGroup var store: StoreOptions

    func validate() throws {
      if let since {
        do { _ = try PartialDate(parsing: since) } catch {
          throw ValidationError("'--since \(since)': \(error.description).")
        }
      }
    }

    func run() throws {
      try reportingErrors {
        let store = try store.open()
        var selection = ExportSelection(includeMachineCoded: machine.includeMachine)
        selection.since = try since.map { try PartialDate(parsing: $0).firstDay }
        if let holder { selection.holders = [try store.resolveParty(holder).id] }
        var textFolder: String?
        if let output, format == .jsonl {
          textFolder =
            URL(fileURLWithPath: output).deletingPathExtension().lastPathComponent + ".texts"
        }
        let exported = try store.export(format, selection: selection, textFolder: textFolder)
        for note in exported.notes { printError("note: \(note)") }
        guard let output else {
          emit(exported.text)
          return
        }
        do {
          if let textFolder, !exported.texts.isEmpty {
            let folder = URL(fileURLWithPath: output).deletingLastPathComponent()
              .appendingPathComponent(textFolder)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for (id, text) in exported.texts {
              try text.write(
                to: folder.appendingPathComponent(id + ".txt"), atomically: true, encoding: .utf8)
            }
          }
          try exported.text.write(toFile: output, atomically: true, encoding: .utf8)
        } catch {
          throw LoadError.input(output, "cannot be written (\(error.localizedDescription))")
        }
        printError(
          "Wrote \(output)\(exported.texts.isEmpty ? "" : " and \(exported.texts.count) document text(s) in \(textFolder!)/")."
        )
      }
    }
  }
}
