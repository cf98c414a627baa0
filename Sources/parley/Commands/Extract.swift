import ArgumentParser
import Foundation
import ParleyKit

extension Parley {
  /// `parley extract DOCUMENT`: a draft in the curated format, for review; stores nothing.
  struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "extract",
      abstract: "Draft curated YAML from a stored document, for review (stores nothing).",
      discussion: """
        A rule-based extractor proposes statements and positions: holders from the store's \
        parties, aliases and affiliated people (unknown names proposed as new parties), stance \
        kinds from cue verbs (with their CAMEO and PLOVER codes), negation, conditions, hedging \
        and reported speech, dates resolved against the publication date, issue slots from \
        keywords, and for each proposal the existing positions it may restate or replace, with \
        a score and why. Each carries its quote (at most 25 words) and offsets and a confidence; \
        those below 0.5 are commented out. Review, edit, then 'parley load' the file.
        """)

    @Argument(help: "The document: its id (see 'parley add').")
    var document: String

    @Option(
      help: ArgumentHelp(
        "The document's text, for a document stored with only its SHA-256 (it must match).",
        valueName: "file"))
    var text: String?

    @Option(
      name: .shortAndLong,
      help: ArgumentHelp(
        "Write the draft to this file instead of standard output.", valueName: "file"))
    var output: String?

    @OptionGroup var store: StoreOptions

    func run() throws {
      try reportingErrors {
        var body: String?
        if let text {
          guard let data = FileManager.default.contents(atPath: text),
            let read = DocumentText.read(data: data, path: text)
          else {
            throw LoadError.input(
              text, "cannot be read as UTF-8 text (expected the document's text)")
          }
          body = read.text
        }
        let store = try store.open()
        let draft: ExtractionDraft
        do {
          draft = try store.extractDraft(document: document, text: body)
        } catch let error as ExtractError {
          printError("Error: \(error.description)")
          throw ExitCode(65)
        }
        let active = draft.yaml.split(separator: "\n").filter { $0.hasPrefix("      - id: st-") }
          .count
        if let output {
          do {
            try draft.yaml.write(toFile: output, atomically: true, encoding: .utf8)
          } catch {
            throw LoadError.input(output, "cannot be written (expected a writable path)")
          }
        } else {
          emit(draft.yaml)
        }
        printError(
          "Drafted \(draft.proposals.count) proposal\(draft.proposals.count == 1 ? "" : "s") from \(draft.document.id) (\(active) to review, \(draft.proposals.count - active) commented out). Nothing was stored."
        )
      }
    }
  }
}
