import Foundation
import ParleyKit
import Testing

@testable import parley

/// Stored text written to attack the reader of an output: markup, scripts, `javascript:` links,
/// injected Markdown blocks, terminal escapes and bidirectional overrides.
///
/// Every command, in every format, must show it as text.
@Suite(.serialized)
struct HostileOutputTests {
  static let hostile = #"""
    parties:
      - id: mallory
        name: "<script>alert('name')</script>\e[2J\e[31mMallory"
        kind: state
        aliases: ["\e]0;pwned\a"]
        note: "<img src=x onerror=alert('note')>"
      - {id: trent, name: "Trent | *bold* [x](javascript:alert(1))", kind: state}
    issues:
      - {id: harbour, label: "<b>Harbour</b>\n# Injected heading", description: "\u202Egnirts"}
    documents:
      - id: doc-evil
        title: "<img src=x onerror=alert('title')> \e[5m"
        outlet: "[click](javascript:alert('outlet'))"
        url: "javascript:alert(document.cookie)"
        published: 2025-03-12
        statements:
          - id: st-evil
            on_behalf_of: mallory
            said: 2025-03-12
            attribution: reported
            quote: "\e]8;;http://evil.example\e\\link\e]8;;\e\\ <script>alert('quote')</script> | cell"
            supports:
              - id: mallory-claim
                issue: harbour
                key: harbour-is-ours
                proposition: "\n# Injected heading\n<script>alert('proposition')</script> ![x](http://evil.example/x.png) \u202Eevil\u202C \x9B2J"
                kind: claim
                target: [trent]
                modality: conditional
                conditions: ["<iframe src=javascript:alert('condition')></iframe>"]
                note: "`code` _under_ ~~struck~~"
          - id: st-trent
            on_behalf_of: trent
            said: 2025-03-13
            attribution: reported
            quote: "we reject <a href=javascript:alert(1)>this</a>"
            supports:
              - id: trent-rejects
                issue: harbour
                key: harbour-is-ours
                proposition: "Trent rejects it <svg onload=alert('svg')>"
                kind: rejection
                target: [mallory]
                responds_to: [mallory-claim]
    """#

  static let commands: [[String]] = [
    ["who", "claims", "--as-of", "2025-04-01"],
    ["positions", "mallory", "--all"],
    ["show", "mallory-claim"],
    ["diff", "mallory", "--from", "2025-01-01", "--to", "2025-04-01"],
    ["diff", "mallory", "--known-since", "r1"],
    ["compare", "mallory", "trent", "--as-of", "2025-04-01"],
    ["timeline", "--issue", "harbour"],
    ["contested", "--as-of", "2025-04-01"],
    ["query", "holder:mallory"],
    ["search", "injected"],
    ["parties"],
    ["issues"],
    ["report", "--parties", "mallory", "trent", "--as-of", "2025-04-01", "--since", "2025-01-01"],
    ["brief", "--as-of", "2025-04-01", "--since", "2025-01-01", "--known-since", "r1"],
  ]

  @Test(arguments: ["text", "md", "html", "json"])
  func storedTextIsShownAsTextInEveryCommand(format: String) throws {
    try withTemporaryFolder { folder in
      let store = folder.appendingPathComponent("store.sqlite").path
      _ = try ParleyStore.openCreatingWithSeed(path: store, seed: false)
      let input = folder.appendingPathComponent("hostile.yaml")
      try Data(Self.hostile.utf8).write(to: input)
      let load = runParley(["load", input.path, "--db", store])
      #expect(load.exitCode == 0, "\(load.errors)")
      for command in Self.commands {
        let result = runParley(command + ["--format", format, "--db", store])
        #expect(result.exitCode == 0, "\(command): \(result.errors)")
        let output = result.output
        #expect(output.count > 100, "\(command)")
        Self.checkNoTerminalControls(output, command)
        switch format {
        case "html": Self.checkHTML(output, command)
        case "md": Self.checkMarkdown(output, command)
        case "json":
          // JSON keeps the data exactly; escaping is the reader's job, and JSON's own.
          let object = try JSONSerialization.jsonObject(with: Data(output.utf8))
          #expect(object is [String: Any], "\(command)")
        default: break
        }
      }
    }
  }

  @Test func jsonKeepsTheHostileTextExactly() throws {
    try withTemporaryFolder { folder in
      let store = folder.appendingPathComponent("store.sqlite").path
      _ = try ParleyStore.openCreatingWithSeed(path: store, seed: false)
      let input = folder.appendingPathComponent("hostile.yaml")
      try Data(Self.hostile.utf8).write(to: input)
      #expect(runParley(["load", input.path, "--db", store]).exitCode == 0)
      let result = runParley(["show", "mallory-claim", "--format", "json", "--db", store])
      let object = try #require(
        try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
      let position = try #require(object["position"] as? [String: Any])
      #expect(
        position["proposition"] as? String
          == "\n# Injected heading\n<script>alert('proposition')</script> ![x](http://evil.example/x.png) \u{202E}evil\u{202C} \u{9B}2J"
      )
      let evidence = try #require((position["evidence"] as? [[String: Any]])?.first)
      #expect(evidence["url"] as? String == "javascript:alert(document.cookie)")
    }
  }

  // MARK: - Private

  private static func checkNoTerminalControls(_ output: String, _ command: [String]) {
    let controls = output.unicodeScalars.filter { scalar in
      (scalar.value < 0x20 && scalar != "\n" && scalar != "\t") || scalar.value == 0x7F
        || (0x80...0x9F).contains(scalar.value) || (0x202A...0x202E).contains(scalar.value)
    }
    #expect(controls.isEmpty, "\(command): \(controls.map { String($0.value, radix: 16) })")
  }

  private static func checkHTML(_ output: String, _ command: [String]) {
    let lowered = output.lowercased()
    for tag in ["<script", "<img", "<iframe", "<svg onload", "<a href=javascript", "<b>"] {
      #expect(!lowered.contains(tag), "\(command): \(tag)")
    }
    #expect(!lowered.contains("href=\"javascript:"), "\(command)")
    #expect(!lowered.contains("href='javascript:"), "\(command)")
    // Every link is an anchor in the page or an http(s) URL.
    for part in output.components(separatedBy: "href=\"").dropFirst() {
      let target = part.prefix { $0 != "\"" }
      #expect(
        target.hasPrefix("#") || target.hasPrefix("http://") || target.hasPrefix("https://"),
        "\(command): href=\(target)")
    }
  }

  private static func checkMarkdown(_ output: String, _ command: [String]) {
    let lowered = output.lowercased()
    for tag in ["<script", "<img", "<iframe", "<svg", "<a href", "<b>"] {
      #expect(!lowered.contains(tag), "\(command): \(tag)")
    }
    // A link or an image is `[text](target)`: every bracket of stored text is escaped.
    for marker in ["](javascript:", "](http://evil"] {
      for range in output.ranges(of: marker) {
        #expect(
          range.lowerBound > output.startIndex
            && output[output.index(before: range.lowerBound)] == "\\",
          "\(command): an unescaped \(marker)")
      }
    }
    #expect(!output.contains("<javascript:"), "\(command)")
    let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(!lines.contains { $0.hasPrefix("# Injected") }, "\(command)")
  }
}
