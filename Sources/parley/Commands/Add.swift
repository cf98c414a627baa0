import ArgumentParser
import Foundation
import ParleyKit

extension Parley {
  /// `parley add article.txt`: store a user's document with its text, for search and extract.
  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "add",
      abstract: "Store a document (plain text, or HTML reduced to its text) and print its id.",
      discussion: """
        The text is stored with its SHA-256 and indexed for 'parley search'; 'parley extract \
        ID' then drafts curated YAML from it. Adding the same text again writes nothing and \
        names the stored document. The title, outlet, address and publication date come from \
        the options, else from the page (HTML) or the first line (plain text).
        """)

    @Argument(help: "The document: a UTF-8 text file, or an HTML page (.html, .htm).")
    var file: String

    @Option(help: "The document's title (default: the page's title or the text's first line).")
    var title: String?

    @Option(help: "The publisher.")
    var outlet: String?

    @Option(help: "The document's address.")
    var url: String?

    @Option(
      help: ArgumentHelp(
        "The publication date: YYYY-MM-DD, YYYY-MM or YYYY. 'parley extract' resolves 'today' or 'on Wednesday' against it.",
        valueName: "date"))
    var published: String?

    @Option(help: "The document's language (default: en).")
    var language = "en"

    @OptionGroup var store: StoreOptions

    func validate() throws {
      if let published {
        do { _ = try PartialDate(parsing: published) } catch {
          throw ValidationError("'--published \(published)': \(error.description).")
        }
      }
      if let title, title.allSatisfy(\.isWhitespace) {
        throw ValidationError("'--title' is blank; give the document's title or leave it out.")
      }
    }

    func run() throws {
      try reportingErrors {
        guard let data = FileManager.default.contents(atPath: file) else {
          throw LoadError.input(
            file, "cannot be read (expected an existing, readable text or HTML file)")
        }
        guard let text = DocumentText.read(data: data, path: file) else {
          throw LoadError.input(
            file, "is not UTF-8 text (expected a plain-text or HTML file in UTF-8)")
        }
        let metadata = DocumentMetadata(
          title: title, outlet: outlet, url: url,
          published: try published.map { try PartialDate(parsing: $0) }, language: language)
        let store = try store.open()
        let added = try store.addDocument(text, metadata: metadata, path: file)
        if added.wasAlreadyStored {
          var note =
            "Nothing new: this text is already stored as \(added.id) (SHA-256 \(added.sha256.prefix(12))…)."
          if !added.textStored {
            note +=
              " That record keeps only the text's SHA-256; give the file to 'parley extract \(added.id) --text \(file)'."
          }
          printError(note)
        } else {
          printError(
            "Recorded revision r\(added.revision!): document \(added.id), \(added.wordCount) words, “\(added.title)”."
          )
        }
        emit(added.id + "\n")
      }
    }
  }
}
