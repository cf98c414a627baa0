import Foundation
import GRDB

/// What `parley add` did with a document.
public struct AddedDocument: Sendable, Equatable {
  /// The document's id: the new one, or the stored document with the same text.
  public var id: String
  /// The revision written, or nil when the same text was already stored (nothing was written).
  public var revision: Int64?
  /// The SHA-256 of the text (hex).
  public var sha256: String
  /// Whether the stored document holds the text itself (false for a document recorded with
  /// only its SHA-256, like the seed articles).
  public var textStored: Bool
  public var title: String
  public var wordCount: Int

  public var wasAlreadyStored: Bool { revision == nil }
}

/// The fields of a document a user adds; nil fields come from the text itself.
public struct DocumentMetadata: Sendable, Equatable {
  public var title: String?
  public var outlet: String?
  public var url: String?
  public var published: PartialDate?
  public var language: String

  public init(
    title: String? = nil, outlet: String? = nil, url: String? = nil,
    published: PartialDate? = nil, language: String = "en"
  ) {
    self.title = title
    self.outlet = outlet
    self.url = url
    self.published = published
    self.language = language
  }
}

extension ParleyStore {
  /// Stores a user's document with its text and SHA-256, in one revision, and indexes it for
  /// search.
  ///
  /// The same text again (same SHA-256) writes nothing and names the stored document.
  ///
  /// `path` is only used in messages. Input problems (empty text, a blank title) are a
  /// ``LoadError`` naming the file and field; nothing is written then.
  public func addDocument(_ document: DocumentText, metadata: DocumentMetadata, path: String)
    throws -> AddedDocument
  {
    if dbWriter.configuration.readonly {
      throw StoreError(
        .readOnly, path: storePath,
        message: "is read-only: it can be read, but nothing can be written to it.")
    }
    func problem(_ field: String, _ message: String) -> LoadError {
      LoadError([
        LoadProblem(
          location: SourceLocation(file: path, line: 1, column: 1, field: field), message: message)
      ])
    }
    guard document.text.contains(where: { !$0.isWhitespace }) else {
      throw problem(
        "(file)",
        document.wasHTML
          ? "has no text once its HTML is reduced to text (expected an article with words in its body)"
          : "is empty (expected the text of a document)")
    }
    let title = (metadata.title ?? document.title ?? "").trimmingCharacters(in: .whitespaces)
    guard !title.isEmpty else {
      throw problem("--title", "is blank (expected a title for the document)")
    }
    let sha = SHA256.hexDigest(of: Data(document.text.utf8))
    let published = metadata.published ?? document.published
    let now = clock()
    do {
      return try dbWriter.writeWithoutTransaction { db in
        var result: AddedDocument?
        try db.inTransaction(.immediate) {
          if let stored = try Row.fetchOne(
            db,
            sql: """
              SELECT id, title, body IS NOT NULL AS hasText FROM document
              WHERE textSHA256 = ? AND retiredIn IS NULL ORDER BY id LIMIT 1
              """, arguments: [sha])
          {
            result = AddedDocument(
              id: stored["id"], revision: nil, sha256: sha, textStored: stored["hasText"],
              title: stored["title"], wordCount: document.text.wordCount)
            return .rollback
          }
          let id = try Self.newDocumentId(title: title, published: published, now: now, db: db)
          let revision = (try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM revision") ?? 0) + 1
          try Revision(
            id: revision, recordedAt: Int64((now.timeIntervalSince1970 * 1000).rounded()),
            summary: "add \(path) as \(id)", toolVersion: Self.toolVersion
          ).insert(db)
          try Document(
            id: id, title: title, outlet: metadata.outlet ?? document.outlet,
            url: metadata.url ?? document.url, publishedOn: published?.firstDay,
            publishedPrecision: published?.precision, language: metadata.language,
            textSHA256: sha, body: document.text, recordedIn: revision
          ).insert(db)
          result = AddedDocument(
            id: id, revision: revision, sha256: sha, textStored: true, title: title,
            wordCount: document.text.wordCount)
          return .commit
        }
        return result!
      }
    } catch let error as DatabaseError {
      throw StoreError(error, path: storePath, waited: busyTimeout)
    }
  }

  /// `doc-YYYY-MM-DD-first-words-of-the-title`, with `-2`, `-3`, … when taken.
  static func newDocumentId(title: String, published: PartialDate?, now: Date, db: Database)
    throws -> String
  {
    let date = published ?? PartialDate.today(now)
    let words = slugWords(title).prefix(6)
    let base = (["doc", date.description] + words).joined(separator: "-")
    var candidate = base
    var suffix = 2
    while try Bool.fetchOne(
      db, sql: "SELECT EXISTS (SELECT 1 FROM document WHERE id = ?)", arguments: [candidate])
      ?? false
    {
      candidate = "\(base)-\(suffix)"
      suffix += 1
    }
    return candidate
  }
}

/// The words of a text as slug parts: lower-case ASCII letters and digits, accents dropped.
func slugWords(_ text: String) -> [String] {
  let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
    .lowercased()
  var words: [String] = []
  var current = ""
  for scalar in folded.unicodeScalars {
    if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
      current.unicodeScalars.append(scalar)
    } else if scalar == "'" || scalar == "’" {
      continue
    } else if !current.isEmpty {
      words.append(current)
      current = ""
    }
  }
  if !current.isEmpty { words.append(current) }
  return words
}
