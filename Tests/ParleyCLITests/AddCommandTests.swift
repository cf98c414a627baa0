import Foundation
import GRDB
import ParleyKit
import ParleyTestSupport
import Testing

@testable import ParleyKit

/// `parley add`: a user's document is stored with its text, found by `search`, and added once.
struct AddCommandTests {
  static let article = """
    Illustrative text written for Parley's tests, not real reporting.
    Moscow, 18 March 2025. A Kremlin aide said a full ceasefire would need foreign arms deliveries to stop.

    """

  /// An empty store file (no seed corpus) in a temporary folder, and a file holding `text`.
  func withStoreAndFile(
    _ text: String, name: String = "article.txt", _ body: (String, String) throws -> Void
  ) throws {
    try Fixtures.withTemporaryDirectory { folder in
      let store = folder.appendingPathComponent("store.sqlite").path
      _ = try ParleyStore.openCreatingWithSeed(path: store, seed: false)
      let file = folder.appendingPathComponent(name).path
      try text.write(toFile: file, atomically: true, encoding: .utf8)
      try body(store, file)
    }
  }

  func revisions(_ path: String) throws -> Int {
    try ParleyStore.open(path: path).revisions().count
  }

  @Test func addPrintsTheIdAndTheTextIsSearchable() throws {
    try withStoreAndFile(Self.article) { store, file in
      let added = runParley([
        "add", file, "--title", "Kremlin aide sets terms", "--outlet", "Example Wire",
        "--published", "2025-03-18", "--db", store,
      ])
      #expect(added.exitCode == 0, "\(added.errors)")
      #expect(added.output == "doc-2025-03-18-kremlin-aide-sets-terms\n")
      #expect(added.errors.contains("Recorded revision r1"))
      // A word of the body (not of the title) finds the document.
      let found = runParley(["search", "deliveries", "--db", store])
      #expect(found.output.contains("doc-2025-03-18-kremlin-aide-sets-terms"), "\(found.output)")
      let document = try ParleyStore.open(path: store).reader.read { db in
        try Row.fetchOne(db, sql: "SELECT body, textSHA256, outlet FROM document")
      }
      #expect(document?["body"] == Self.article)
      #expect(document?["outlet"] == "Example Wire")
      #expect(
        document?["textSHA256"]
          == SHA256.hexDigest(of: Data(Self.article.utf8)))
    }
  }

  @Test func theSameTextTwiceIsANoOpThatSaysSo() throws {
    try withStoreAndFile(Self.article) { store, file in
      let first = runParley(["add", file, "--db", store])
      #expect(first.exitCode == 0)
      let second = runParley(["add", file, "--title", "Another title", "--db", store])
      #expect(second.exitCode == 0)
      #expect(second.output == first.output)
      #expect(second.errors.contains("Nothing new: this text is already stored as"))
      let count = try revisions(store)
      #expect(count == 1)
    }
  }

  @Test func htmlIsReducedToItsText() throws {
    let page = """
      <!DOCTYPE html><html><head><title>Kremlin &amp; the truce</title>
      <meta property="og:site_name" content="Example Wire">
      <meta property="article:published_time" content="2025-03-18T10:00:00Z">
      <style>p { color: red }</style><script>var tracking = "secret";</script></head>
      <body><nav>Home | World</nav><h1>Kremlin and the truce</h1>
      <p>A Kremlin aide said a full ceasefire would need&nbsp;arms deliveries to stop.</p>
      <p>Ukraine <b>agreed</b> to the plan.</p></body></html>
      """
    try withStoreAndFile(page, name: "page.html") { store, file in
      let added = runParley(["add", file, "--db", store])
      #expect(added.exitCode == 0, "\(added.errors)")
      #expect(added.output == "doc-2025-03-18-kremlin-the-truce\n")
      let row = try ParleyStore.open(path: store).reader.read { db in
        try Row.fetchOne(db, sql: "SELECT title, outlet, publishedOn, body FROM document")
      }
      #expect(row?["title"] == "Kremlin & the truce")
      #expect(row?["outlet"] == "Example Wire")
      #expect(row?["publishedOn"] == 20_250_318)
      let body: String = row?["body"] ?? ""
      #expect(
        body
          == "Kremlin and the truce\nA Kremlin aide said a full ceasefire would need arms deliveries to stop.\nUkraine agreed to the plan.\n"
      )
      #expect(!body.contains("secret") && !body.contains("color") && !body.contains("Home"))
    }
  }

  @Test func badInputIsRefusedAndLeavesTheStoreAsItWas() throws {
    try withStoreAndFile("   \n\n") { store, file in
      let empty = runParley(["add", file, "--db", store])
      #expect(empty.exitCode == 65)
      #expect(
        empty.errors.contains("\(file):1:1: (file): is empty (expected the text of a document)"))
      let missing = runParley(["add", file + ".missing", "--db", store])
      #expect(missing.exitCode == 65)
      #expect(missing.errors.contains("cannot be read"))
      let date = runParley(["add", file, "--published", "2025-02-30", "--db", store])
      #expect(date.exitCode == 64)
      let count = try revisions(store)
      #expect(count == 0)
    }
  }

  /// Curated YAML may cite a document added with its text by id, title and `text_sha256`
  /// (no `text_file`): quotes are checked against the stored text.
  @Test func curatedInputCitesAnAddedDocumentByItsDigest() throws {
    try withStoreAndFile(Self.article) { store, file in
      let id = runParley([
        "add", file, "--title", "Aide", "--published", "2025-03-18", "--db", store,
      ])
      .output.trimmingCharacters(in: .whitespacesAndNewlines)
      let sha = SHA256.hexDigest(of: Data(Self.article.utf8))
      func yaml(quote: String) -> String {
        """
        parties:
          - {id: russia, name: Russia, kind: state}
        issues:
          - {id: ceasefire, label: Ceasefire}
        documents:
          - id: \(id)
            title: Aide
            published: 2025-03-18
            text_sha256: \(sha)
            statements:
              - id: st-aide-1
                on_behalf_of: russia
                said: 2025-03-18
                attribution: reported
                quote: "\(quote)"
                supports:
                  - {id: ru-arms-first, issue: ceasefire, key: arms-first, proposition: Arms deliveries must stop first., kind: condition}
        """
      }
      let folder = URL(fileURLWithPath: file).deletingLastPathComponent()
      let bad = folder.appendingPathComponent("bad.yaml").path
      try yaml(quote: "words that are not in the text").write(
        toFile: bad, atomically: true, encoding: .utf8)
      let refused = runParley(["load", bad, "--db", store])
      #expect(refused.exitCode == 65)
      #expect(refused.errors.contains("quote"), "\(refused.errors)")
      let good = folder.appendingPathComponent("good.yaml").path
      try yaml(quote: "a full ceasefire would need foreign arms deliveries to stop").write(
        toFile: good, atomically: true, encoding: .utf8)
      let loaded = runParley(["load", good, "--db", store])
      #expect(loaded.exitCode == 0, "\(loaded.errors)")
      let start = try ParleyStore.open(path: store).reader.read { db in
        try Int.fetchOne(db, sql: "SELECT quoteStart FROM statement WHERE id = 'st-aide-1'")
      }
      #expect(start == 109)
    }
  }
}
