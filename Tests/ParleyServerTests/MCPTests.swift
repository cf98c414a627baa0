import Foundation
import ParleyKit
import ParleyTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `parley mcp` driven as an MCP client drives it: the built binary, JSON-RPC lines over its
/// standard input and output.
struct MCPTests {
  @Test func aClientInitializesListsTheToolsAndGetsTheCLIsAnswersWithCitations() async throws {
    try await withSeededStore { path in
      let server = try MCPProcess(arguments: ["mcp", "--db", path])
      defer { server.stop() }

      let initialized = try server.request(
        "initialize",
        [
          "protocolVersion": "2025-06-18", "capabilities": [String: Any](),
          "clientInfo": ["name": "parley-tests", "version": "1"],
        ])
      let info = try #require(initialized["serverInfo"] as? [String: Any])
      #expect(info["name"] as? String == "parley")
      try server.notify("notifications/initialized")

      // tools/list: the twelve tools, each read-only, each teaching as_of and known_at.
      let listed = try server.request("tools/list", [:])
      let tools = try #require(listed["tools"] as? [[String: Any]])
      #expect(
        Set(tools.compactMap { $0["name"] as? String })
          == [
            "who", "positions", "show", "diff", "compare", "timeline", "contested", "commitments",
            "query", "search", "report", "brief",
          ])
      for tool in tools {
        let annotations = try #require(tool["annotations"] as? [String: Any])
        #expect(annotations["readOnlyHint"] as? Bool == true, "\(tool["name"] ?? "")")
      }
      let who = try #require(tools.first { $0["name"] as? String == "who" })
      let properties = try #require(
        (who["inputSchema"] as? [String: Any])?["properties"] as? [String: Any])
      let asOf = try #require((properties["as_of"] as? [String: Any])?["description"] as? String)
      let knownAt = try #require(
        (properties["known_at"] as? [String: Any])?["description"] as? String)
      #expect(asOf.contains("day in the world"))
      #expect(knownAt.contains("recorded"))

      // tools/call: structuredContent is the CLI's JSON; the text cites every fact.
      let calls: [(tool: String, arguments: [String: Any], cli: [String])] = [
        (
          "who", ["stance": "demands", "as_of": "2025-03-14"],
          ["who", "demands", "--as-of", "2025-03-14"]
        ),
        (
          "diff", ["party": "russia", "from": "2025-03-11", "to": "2025-03-14"],
          ["diff", "russia", "--from", "2025-03-11", "--to", "2025-03-14"]
        ),
        (
          "compare",
          ["parties": ["russia", "ukraine"], "issue": "ceasefire", "as_of": "2025-03-14"],
          ["compare", "russia", "ukraine", "--issue", "ceasefire", "--as-of", "2025-03-14"]
        ),
        (
          "search", ["words": "crimea recognition", "limit": 3],
          ["search", "crimea", "recognition", "--limit", "3"]
        ),
        (
          "brief", ["since": "2025-03-11", "as_of": "2025-03-14"],
          ["brief", "--since", "2025-03-11", "--as-of", "2025-03-14"]
        ),
        (
          "positions", ["party": "kremlin", "as_of": "2025-03-14"],
          ["positions", "kremlin", "--as-of", "2025-03-14"]
        ),
        (
          "show", ["position": "ru-nato-bar-ukraine-2021-12"],
          ["show", "ru-nato-bar-ukraine-2021-12"]
        ),
        (
          "timeline", ["party": "ukraine", "from": "2025-03-01", "to": "2025-03-14"],
          ["timeline", "--party", "ukraine", "--from", "2025-03-01", "--to", "2025-03-14"]
        ),
        ("contested", ["all": true], ["contested", "--all"]),
        (
          "commitments", ["as_of": "2025-03-20"], ["commitments", "--as-of", "2025-03-20"]
        ),
        (
          "query", ["expression": "holder:russia kind:demand as-of:2025-03-14"],
          ["query", "holder:russia kind:demand as-of:2025-03-14"]
        ),
        (
          "report",
          [
            "parties": ["russia", "ukraine"], "since": "2025-03-11", "as_of": "2025-03-14",
          ],
          [
            "report", "--parties", "russia", "ukraine", "--since", "2025-03-11", "--as-of",
            "2025-03-14",
          ]
        ),
      ]
      for call in calls {
        let result = try server.request(
          "tools/call", ["name": call.tool, "arguments": call.arguments])
        #expect(result["isError"] as? Bool != true, "\(call.tool): \(result)")
        let cli = runParley(call.cli + ["--format", "json", "--db", path])
        let expected = try parsedJSON(cli.output)
        let structured = try #require(result["structuredContent"] as? [String: Any])
        #expect(NSDictionary(dictionary: structured) == expected, "\(call.tool)")
        let text = try #require((result["content"] as? [[String: Any]])?.first?["text"] as? String)
        #expect(!text.isEmpty)
        // Every statement the answer's evidence names appears in the text with its quote and URL.
        for evidence in Self.evidence(in: expected) {
          let id = try #require(evidence["statement"] as? String)
          let lines = text.split(separator: "\n").filter { $0.contains("[\(id)]") }
          let line = try #require(lines.first, "\(call.tool): \(id)")
          // A statement cited for several positions is quoted once, with its own words or the
          // words that bear on one of them.
          if let quote = evidence["quote"] as? String {
            let own = evidence["statement_quote"] as? String ?? quote
            #expect(lines.contains { $0.contains(quote) || $0.contains(own) })
          }
          if let url = evidence["url"] as? String { #expect(line.contains(url)) }
          if let date = evidence["date"] as? String { #expect(line.contains(date)) }
          if let speaker = evidence["speaker"] as? String { #expect(line.contains(speaker)) }
        }
        // A commitment or threat says what became of it, and cites the statements that assessed it.
        let commitments =
          ["commitments", "report"].contains(call.tool) ? expected["commitments"] : nil
        for commitment in commitments as? [[String: Any]] ?? [] {
          let outcome = try #require(commitment["outcome"] as? String)
          let id = try #require((commitment["position"] as? [String: Any])?["id"] as? String)
          #expect(
            text.split(separator: "\n").contains {
              $0.contains("[\(outcome)") && $0.contains("position \(id)")
            }, "\(call.tool): \(id)")
          for assessment in commitment["assessments"] as? [[String: Any]] ?? [] {
            if let statement = assessment["statement"] as? String {
              #expect(text.contains("[\(statement)]"), "\(call.tool): \(statement)")
            }
          }
        }
      }
      let who2 = try server.request(
        "tools/call", ["name": "who", "arguments": ["stance": "demands", "as_of": "2025-03-14"]])
      let whoText = try #require((who2["content"] as? [[String: Any]])?.first?["text"] as? String)
      #expect(whoText.contains("ru-nato-bar-ukraine-2021-12"))
      #expect(whoText.contains("https://"))

      // A name that matches nothing: an error result with the CLI's message and close names.
      let unknown = try server.request(
        "tools/call", ["name": "positions", "arguments": ["party": "rusia"]])
      #expect(unknown["isError"] as? Bool == true)
      let message = try #require(
        (unknown["content"] as? [[String: Any]])?.first?["text"] as? String)
      #expect(message.contains("No party is called 'rusia'"))
      #expect(message.contains("'russia'"))
      let badDate = try server.request(
        "tools/call", ["name": "who", "arguments": ["stance": "demands", "as_of": "2025-02-30"]])
      #expect(badDate["isError"] as? Bool == true)
      let dateMessage = try #require(
        (badDate["content"] as? [[String: Any]])?.first?["text"] as? String)
      #expect(dateMessage.contains("'as_of: 2025-02-30': 2025-02 has no day 30."))

      // Closing standard input ends the server.
      #expect(try server.closeAndWait() == 0)
    }
  }

  /// The time questions and machine-coded records reach the tools: each tool's schema offers
  /// exactly the command's parameters, and a call with published_by and include_machine answers
  /// the CLI's JSON, machine-coded records marked in the cited text too.
  @Test func toolsTakePublishedByAndIncludeMachine() async throws {
    try await Fixtures.withMachineCodedStoreFile { path in
      let server = try MCPProcess(arguments: ["mcp", "--db", path])
      defer { server.stop() }
      _ = try server.request(
        "initialize",
        [
          "protocolVersion": "2025-06-18", "capabilities": [String: Any](),
          "clientInfo": ["name": "parley-tests", "version": "1"],
        ])
      try server.notify("notifications/initialized")

      let tools = try #require(try server.request("tools/list", [:])["tools"] as? [[String: Any]])
      for tool in tools {
        let name = try #require(tool["name"] as? String)
        let command = try #require(ReadCommand(rawValue: name))
        let properties = try #require(
          (tool["inputSchema"] as? [String: Any])?["properties"] as? [String: Any])
        let expected = command.parameters.map { $0.replacingOccurrences(of: "-", with: "_") }
        #expect(Set(properties.keys) == Set(expected), "\(name)")
        for (key, value) in properties {
          let description = (value as? [String: Any])?["description"] as? String ?? ""
          #expect(description.count >= 20, "\(name).\(key) teaches nothing")
        }
      }
      let who = try #require(tools.first { $0["name"] as? String == "who" })
      let whoProperties = try #require(
        (who["inputSchema"] as? [String: Any])?["properties"] as? [String: Any])
      let publishedBy = try #require(
        (whoProperties["published_by"] as? [String: Any])?["description"] as? String)
      #expect(publishedBy.contains("public record"))
      #expect(publishedBy.contains("as_of") && publishedBy.contains("known_at"))
      #expect((whoProperties["include_machine"] as? [String: Any])?["type"] as? String == "boolean")

      let calls: [(tool: String, arguments: [String: Any], cli: [String])] = [
        (
          "who",
          [
            "stance": "threatens", "as_of": "2025-03-14", "published_by": "2025-03-13",
            "include_machine": true,
          ],
          [
            "who", "threatens", "--as-of", "2025-03-14", "--published-by", "2025-03-13",
            "--include-machine",
          ]
        ),
        (
          "brief",
          [
            "since": "2025-03-10", "as_of": "2025-03-14", "published_by": "2025-03-13",
            "include_machine": true, "max_items": 2, "stale_after": 30,
          ],
          [
            "brief", "--since", "2025-03-10", "--as-of", "2025-03-14", "--published-by",
            "2025-03-13", "--include-machine", "--max-items", "2", "--stale-after", "30",
          ]
        ),
        (
          "search", ["words": "russia", "limit": 40, "include_machine": true],
          ["search", "russia", "--limit", "40", "--include-machine"]
        ),
      ]
      for call in calls {
        let result = try server.request(
          "tools/call", ["name": call.tool, "arguments": call.arguments])
        #expect(result["isError"] as? Bool != true, "\(call.tool): \(result)")
        let cli = runParley(call.cli + ["--format", "json", "--db", path])
        #expect(cli.exitCode == 0, "\(cli.errors)")
        let structured = try #require(result["structuredContent"] as? [String: Any])
        #expect(
          NSDictionary(dictionary: structured) == (try parsedJSON(cli.output)), "\(call.tool)")
        if call.tool != "brief" {
          #expect(cli.output.contains("\"machine_coded\" : true"), "\(call.tool)")
          let text = try #require(
            (result["content"] as? [[String: Any]])?.first?["text"] as? String)
          #expect(text.contains("machine-coded, not curated"), "\(call.tool)")
        }
      }
      #expect(try server.closeAndWait() == 0)
    }
  }

  /// Every evidence item (statement and quote) anywhere in an answer.
  static func evidence(in value: Any) -> [[String: Any]] {
    if let list = value as? [Any] { return list.flatMap { evidence(in: $0) } }
    guard let object = value as? [String: Any] else { return [] }
    var found: [[String: Any]] = []
    if object["statement"] is String, object["quote"] != nil, object["url"] != nil {
      found.append(object)
    }
    for inner in object.values { found += evidence(in: inner) }
    return found
  }
}

/// A `parley` process spoken to in JSON-RPC lines, each answer awaited at most 60 s.
final class MCPProcess {
  let process = Process()
  let input = Pipe()
  let output = Pipe()
  var buffer = Data()
  var nextID = 1

  init(arguments: [String]) throws {
    process.executableURL = Bundle.main.bundleURL.appendingPathComponent("parley")
    process.arguments = arguments
    process.standardInput = input
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
  }

  func send(_ message: [String: Any]) throws {
    var data = try JSONSerialization.data(withJSONObject: message)
    data.append(0x0A)
    input.fileHandleForWriting.write(data)
  }

  func notify(_ method: String) throws {
    try send(["jsonrpc": "2.0", "method": method])
  }

  /// Sends a request and returns its result (an error answer fails the test).
  func request(_ method: String, _ params: [String: Any]) throws -> [String: Any] {
    let id = nextID
    nextID += 1
    try send(["jsonrpc": "2.0", "id": id, "method": method, "params": params])
    while true {
      let line = try readLine()
      guard let message = try JSONSerialization.jsonObject(with: line) as? [String: Any],
        message["id"] as? Int == id
      else { continue }
      if let error = message["error"] { throw MCPTestError.answer("\(error)") }
      return try #require(message["result"] as? [String: Any])
    }
  }

  private func readLine() throws -> Data {
    let deadline = Date().addingTimeInterval(60)
    let fd = output.fileHandleForReading.fileDescriptor
    while true {
      if let newline = buffer.firstIndex(of: 0x0A) {
        let line = buffer[buffer.startIndex..<newline]
        buffer = Data(buffer[(newline + 1)...])
        return Data(line)
      }
      let remaining = deadline.timeIntervalSinceNow
      guard remaining > 0 else { throw MCPTestError.timeout }
      var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
      guard poll(&poller, 1, Int32(min(remaining, 1) * 1000)) > 0 else { continue }
      let chunk = output.fileHandleForReading.availableData
      guard !chunk.isEmpty else { throw MCPTestError.closed }
      buffer.append(chunk)
    }
  }

  func closeAndWait() throws -> Int32 {
    try input.fileHandleForWriting.close()
    let deadline = Date().addingTimeInterval(30)
    while process.isRunning && Date() < deadline { usleep(50_000) }
    return process.isRunning ? -1 : process.terminationStatus
  }

  func stop() {
    if process.isRunning { process.terminate() }
  }
}

enum MCPTestError: Error {
  case timeout, closed
  case answer(String)
}
