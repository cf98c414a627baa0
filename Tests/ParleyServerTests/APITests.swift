import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ParleyKit
import ParleyServer
import ParleyTestSupport
import Testing

/// The JSON API answers exactly what the CLI prints, and says what went wrong as problem+json.
struct APITests {
  /// Each endpoint and the CLI command that asks the same question.
  static let sameQuestions: [(url: String, cli: [String])] = [
    ("/api/who/demands?as-of=2025-03-14", ["who", "demands", "--as-of", "2025-03-14"]),
    (
      "/api/who/accepts?on=ceasefire&as-of=2025-03-12",
      ["who", "accepts", "--on", "ceasefire", "--as-of", "2025-03-12"]
    ),
    (
      "/api/who/demands?by=Kremlin&of=ukraine&as-of=2025-03-14",
      ["who", "demands", "--by", "Kremlin", "--of", "ukraine", "--as-of", "2025-03-14"]
    ),
    ("/api/positions/russia?as-of=2025-03-14", ["positions", "russia", "--as-of", "2025-03-14"]),
    ("/api/positions/zelensky?all=true", ["positions", "zelensky", "--all"]),
    (
      "/api/positions/russia?issue=nato&known-at=r0",
      ["positions", "russia", "--issue", "nato", "--known-at", "r0"]
    ),
    ("/api/show/ru-nato-bar-ukraine-2021-12", ["show", "ru-nato-bar-ukraine-2021-12"]),
    (
      "/api/diff/russia?from=2025-03-11&to=2025-03-14",
      ["diff", "russia", "--from", "2025-03-11", "--to", "2025-03-14"]
    ),
    (
      "/api/diff/ukraine?from=2025-01&to=2025-03-14&show-restatements",
      ["diff", "ukraine", "--from", "2025-01", "--to", "2025-03-14", "--show-restatements"]
    ),
    ("/api/diff/russia?known-since=r0", ["diff", "russia", "--known-since", "r0"]),
    (
      "/api/compare?parties=russia&parties=ukraine&parties=united-states&as-of=2025-03-14",
      ["compare", "russia", "ukraine", "united-states", "--as-of", "2025-03-14"]
    ),
    (
      "/api/compare?parties=russia,ukraine&issue=ceasefire&as-of=2025-03-14",
      ["compare", "russia", "ukraine", "--issue", "ceasefire", "--as-of", "2025-03-14"]
    ),
    (
      "/api/timeline?party=russia&from=2025-03-01&to=2025-03-14",
      ["timeline", "--party", "russia", "--from", "2025-03-01", "--to", "2025-03-14"]
    ),
    ("/api/contested?all=true", ["contested", "--all"]),
    ("/api/contested?as-of=2025-03-14", ["contested", "--as-of", "2025-03-14"]),
    ("/api/commitments?as-of=2025-03-14", ["commitments", "--as-of", "2025-03-14"]),
    (
      "/api/query?expression=holder%3Akremlin+kind%3Ademand+issue%3Aterritory%2F*",
      ["query", "holder:kremlin kind:demand issue:territory/*"]
    ),
    (
      "/api/search?words=crimea+recognition&limit=5",
      ["search", "crimea", "recognition", "--limit", "5"]
    ),
    (
      "/api/report?parties=russia&parties=ukraine&issues=ceasefire&issues=nato&since=2025-03-11&as-of=2025-03-14",
      [
        "report", "--parties", "russia", "ukraine", "--issues", "ceasefire", "nato", "--since",
        "2025-03-11", "--as-of", "2025-03-14",
      ]
    ),
    (
      "/api/brief?since=2025-03-11&as-of=2025-03-14",
      ["brief", "--since", "2025-03-11", "--as-of", "2025-03-14"]
    ),
    (
      "/api/brief?known-since=r0&parties=russia",
      ["brief", "--known-since", "r0", "--parties", "russia"]
    ),
    ("/api/parties", ["parties"]),
    ("/api/issues?as-of=2025-03-14", ["issues", "--as-of", "2025-03-14"]),
  ]

  @Test(arguments: sameQuestions)
  func everyEndpointAnswersExactlyTheCLIJSON(url: String, cli: [String]) async throws {
    try await withSeededStore { path in
      let expected = runParley(cli + ["--format", "json", "--db", path])
      #expect(expected.exitCode == 0, "\(expected.errors)")
      let app = try buildApplication(testSettings(path))
      try await app.test(.router) { client in
        try await client.execute(uri: url, method: .get) { response in
          #expect(response.status == .ok)
          #expect(response.headers[.contentType] == "application/json; charset=utf-8")
          #expect(String(buffer: response.body) == expected.output)
        }
      }
    }
  }

  /// The options every face takes: the publication day, machine-coded records and the brief's
  /// focus, asked of a store holding imported events beside the curated corpus.
  static let sameQuestionsWithNewOptions: [(url: String, cli: [String])] = [
    (
      "/api/who/threatens?as-of=2025-03-14&include-machine=true",
      ["who", "threatens", "--as-of", "2025-03-14", "--include-machine"]
    ),
    (
      "/api/who/demands?as-of=2025-03-14&published_by=2025-03-12",
      ["who", "demands", "--as-of", "2025-03-14", "--published-by", "2025-03-12"]
    ),
    (
      "/api/positions/russia?as-of=2025-03-14&published-by=2025-03-13&include-machine",
      [
        "positions", "russia", "--as-of", "2025-03-14", "--published-by", "2025-03-13",
        "--include-machine",
      ]
    ),
    (
      "/api/show/ru-nato-bar-ukraine-2021-12?published-by=2025-03-12&include-machine=true",
      [
        "show", "ru-nato-bar-ukraine-2021-12", "--published-by", "2025-03-12", "--include-machine",
      ]
    ),
    (
      "/api/diff/russia?from=2025-03-10&to=2025-03-14&published-by=2025-03-13&include-machine=true",
      [
        "diff", "russia", "--from", "2025-03-10", "--to", "2025-03-14", "--published-by",
        "2025-03-13", "--include-machine",
      ]
    ),
    (
      "/api/diff/russia?known-since=r1&include-machine=true",
      ["diff", "russia", "--known-since", "r1", "--include-machine"]
    ),
    (
      "/api/compare?parties=russia,ukraine&as-of=2025-03-14&published-by=2025-03-12&include-machine=true",
      [
        "compare", "russia", "ukraine", "--as-of", "2025-03-14", "--published-by", "2025-03-12",
        "--include-machine",
      ]
    ),
    (
      "/api/timeline?party=russia&from=2025-03-10&to=2025-03-14&published-by=2025-03-13&include-machine=true",
      [
        "timeline", "--party", "russia", "--from", "2025-03-10", "--to", "2025-03-14",
        "--published-by", "2025-03-13", "--include-machine",
      ]
    ),
    (
      "/api/contested?as-of=2025-03-14&published-by=2025-03-13&include-machine=true",
      [
        "contested", "--as-of", "2025-03-14", "--published-by", "2025-03-13", "--include-machine",
      ]
    ),
    (
      "/api/commitments?party=russia&as-of=2025-03-14&published-by=2025-03-14&include-machine=true",
      [
        "commitments", "russia", "--as-of", "2025-03-14", "--published-by", "2025-03-14",
        "--include-machine",
      ]
    ),
    (
      "/api/query?expression=holder%3Arussia+as-of%3A2025-03-14&published-by=2025-03-12&include-machine=true",
      [
        "query", "holder:russia as-of:2025-03-14", "--published-by", "2025-03-12",
        "--include-machine",
      ]
    ),
    (
      "/api/search?words=russia&limit=40&include-machine=true",
      ["search", "russia", "--limit", "40", "--include-machine"]
    ),
    (
      "/api/search?words=ceasefire&published-by=2025-03-12",
      ["search", "ceasefire", "--published-by", "2025-03-12"]
    ),
    (
      "/api/report?parties=russia,ukraine&as-of=2025-03-14&since=2025-03-10&published-by=2025-03-13&include-machine=true",
      [
        "report", "--parties", "russia", "ukraine", "--as-of", "2025-03-14", "--since",
        "2025-03-10", "--published-by", "2025-03-13", "--include-machine",
      ]
    ),
    (
      "/api/brief?since=2025-03-10&as-of=2025-03-14&published-by=2025-03-13&include-machine=true&max-items=3&stale-after=30",
      [
        "brief", "--since", "2025-03-10", "--as-of", "2025-03-14", "--published-by", "2025-03-13",
        "--include-machine", "--max-items", "3", "--stale-after", "30",
      ]
    ),
    (
      "/api/brief?as-of=2025-03-14&parties=russia&full=true",
      ["brief", "--as-of", "2025-03-14", "--parties", "russia", "--full"]
    ),
  ]

  @Test(arguments: sameQuestionsWithNewOptions)
  func everyNewOptionReachesTheAPIWithTheCLIsJSON(url: String, cli: [String]) async throws {
    try await Fixtures.withMachineCodedStoreFile { path in
      let expected = runParley(cli + ["--format", "json", "--db", path])
      #expect(expected.exitCode == 0, "\(expected.errors)")
      let app = try buildApplication(testSettings(path))
      try await app.test(.router) { client in
        try await client.execute(uri: url, method: .get) { response in
          #expect(response.status == .ok)
          #expect(String(buffer: response.body) == expected.output)
        }
      }
    }
  }

  /// A machine-coded position asked for without `include-machine`: a 404 that says how to see it.
  @Test func aMachineCodedPositionIsA404UnlessIncluded() async throws {
    try await Fixtures.withMachineCodedStoreFile { path in
      let list = runParley([
        "who", "threatens", "--as-of", "2025-03-14", "--include-machine", "--format", "json",
        "--db", path,
      ])
      let positions = try #require(try parsedJSON(list.output)["positions"] as? [[String: Any]])
      let id = try #require(
        positions.first { $0["machine_coded"] as? Bool == true }?["id"] as? String)
      let app = try buildApplication(testSettings(path))
      try await app.test(.router) { client in
        try await client.execute(uri: "/api/show/\(id)", method: .get) { response in
          #expect(response.status == .notFound)
          let problem = try parsedJSON(String(buffer: response.body))
          #expect(problem["type"] as? String == "urn:parley:problem:machine-coded")
          #expect(problem["parameter"] as? String == "include-machine")
        }
        try await client.execute(uri: "/api/show/\(id)?include-machine=true", method: .get) {
          response in
          #expect(response.status == .ok)
          #expect(String(buffer: response.body).contains("\"machine_coded\" : true"))
        }
      }
    }
  }

  /// The same endpoints over a real socket, on loopback: the bytes are the same.
  @Test func aLiveServerAnswersTheSameBytes() async throws {
    try await withSeededStore { path in
      let expected = runParley([
        "who", "demands", "--as-of", "2025-03-14", "--format", "json", "--db", path,
      ])
      var settings = testSettings(path)
      settings.port = 0
      let app = try buildApplication(settings)
      try await app.test(.live) { client in
        try await client.execute(uri: "/api/who/demands?as-of=2025-03-14", method: .get) {
          response in
          #expect(response.status == .ok)
          #expect(String(buffer: response.body) == expected.output)
        }
      }
    }
  }

  /// Errors: the status a client can act on, problem+json, the CLI's message and close names.
  @Test func aBadDateIsA400ProblemQuotingTheValue() async throws {
    try await withSeededStore { path in
      let cli = runParley(["who", "demands", "--as-of", "2025-02-30", "--db", path])
      #expect(cli.exitCode == 64)
      let app = try buildApplication(testSettings(path))
      try await app.test(.router) { client in
        try await client.execute(uri: "/api/who/demands?as-of=2025-02-30", method: .get) {
          response in
          #expect(response.status == .badRequest)
          #expect(response.headers[.contentType] == "application/problem+json")
          let problem = try parsedJSON(String(buffer: response.body))
          #expect(problem["status"] as? Int == 400)
          #expect(problem["type"] as? String == "urn:parley:problem:bad-date")
          #expect(problem["parameter"] as? String == "as-of")
          #expect(problem["instance"] as? String == "/api/who/demands?as-of=2025-02-30")
          let detail = try #require(problem["detail"] as? String)
          // The CLI's reason, word for word, after the value as the face spells it.
          #expect(detail == "'as-of=2025-02-30': 2025-02 has no day 30.")
          #expect(cli.errors.contains("2025-02 has no day 30"))
        }
      }
    }
  }

  @Test(arguments: [
    ("/api/positions/rusia", "unknown-party", "russia"),
    ("/api/show/ru-nato-bar-ukraine-2021", "unknown-position", "ru-nato-bar-ukraine-2021-12"),
    ("/api/who/demands?on=natto", "unknown-issue", "nato"),
  ])
  func unknownNamesAre404ProblemsWithTheCLIsSuggestions(
    url: String, kind: String, suggestion: String
  ) async throws {
    try await withSeededStore { path in
      let app = try buildApplication(testSettings(path))
      try await app.test(.router) { client in
        try await client.execute(uri: url, method: .get) { response in
          #expect(response.status == .notFound)
          #expect(response.headers[.contentType] == "application/problem+json")
          let problem = try parsedJSON(String(buffer: response.body))
          #expect(problem["type"] as? String == "urn:parley:problem:\(kind)")
          let suggestions = try #require(problem["suggestions"] as? [String])
          #expect(suggestions.contains { $0.contains(suggestion) }, "\(suggestions)")
          // The CLI prints the same sentence after "Error: ".
          let name = String(url.split(separator: "/").last!.split(separator: "=").last!)
          let cliArguments: [String] =
            kind == "unknown-party"
            ? ["positions", name]
            : kind == "unknown-position" ? ["show", name] : ["who", "demands", "--on", name]
          let cli = runParley(cliArguments + ["--db", path])
          #expect(cli.exitCode == 64)
          #expect(cli.errors == "Error: \(problem["detail"] as? String ?? "")\n")
        }
      }
    }
  }

  @Test func otherMistakesAre400ProblemsNamingTheParameter() async throws {
    try await withSeededStore { path in
      let app = try buildApplication(testSettings(path))
      try await app.test(.router) { client in
        try await client.execute(
          uri: "/api/query?expression=holder%3Arussia+knd%3Ademand", method: .get
        ) {
          response in
          #expect(response.status == .badRequest)
          let problem = try parsedJSON(String(buffer: response.body))
          #expect(problem["type"] as? String == "urn:parley:problem:bad-query")
          #expect(problem["column"] as? Int == 15)
        }
        try await client.execute(uri: "/api/who/demands?as_of=2025-03-14&colour=red", method: .get)
        {
          response in
          #expect(response.status == .badRequest)
          let problem = try parsedJSON(String(buffer: response.body))
          #expect(problem["parameter"] as? String == "colour")
        }
        try await client.execute(uri: "/api/who/wants", method: .get) { response in
          #expect(response.status == .badRequest)
          let problem = try parsedJSON(String(buffer: response.body))
          #expect((problem["detail"] as? String)?.contains("is not a stance") == true)
        }
        try await client.execute(uri: "/api/positions/russia?all&as-of=2025-03-01", method: .get) {
          response in
          #expect(response.status == .badRequest)
        }
        try await client.execute(uri: "/api/diff/russia", method: .get) { response in
          #expect(response.status == .badRequest)
          let problem = try parsedJSON(String(buffer: response.body))
          #expect(problem["parameter"] as? String == "from")
        }
        try await client.execute(uri: "/api/nothing-here", method: .get) { response in
          #expect(response.status == .notFound)
          #expect(response.headers[.contentType] == "application/problem+json")
        }
      }
    }
  }

  @Test func healthzAndTheOpenAPIDocumentAnswer() async throws {
    try await withSeededStore { path in
      let app = try buildApplication(testSettings(path))
      try await app.test(.router) { client in
        try await client.execute(uri: "/healthz", method: .get) { response in
          #expect(response.status == .ok)
          let body = try parsedJSON(String(buffer: response.body))
          #expect(body["status"] as? String == "ok")
          #expect(body["revision"] as? Int == 1)
        }
        try await client.execute(uri: "/api/openapi.json", method: .get) { response in
          #expect(response.status == .ok)
          let document = try parsedJSON(String(buffer: response.body))
          #expect(document["openapi"] as? String == "3.1.0")
          let paths = try #require(document["paths"] as? [String: Any])
          // Every read command is described.
          for command in ReadCommand.allCases {
            #expect(paths.keys.contains { $0.hasPrefix("/api/\(command.rawValue)") }, "\(command)")
          }
        }
      }
    }
  }

  /// The OpenAPI document names exactly the parameters each command takes, no more, no fewer.
  @Test func theOpenAPIDocumentListsEveryParameterOfEveryCommand() throws {
    let document = try #require(
      try JSONSerialization.jsonObject(with: ParleyResources.openAPIJSON()) as? [String: Any])
    let paths = try #require(document["paths"] as? [String: Any])
    let shared = try #require(
      (document["components"] as? [String: Any])?["parameters"] as? [String: Any])
    for command in ReadCommand.allCases {
      let path = try #require(
        paths.first { $0.key.hasPrefix("/api/\(command.rawValue)") }?.value as? [String: Any])
      let parameters = try #require((path["get"] as? [String: Any])?["parameters"] as? [Any])
      let names = try parameters.map { parameter -> String in
        var object = try #require(parameter as? [String: Any])
        if let reference = object["$ref"] as? String {
          let key = String(try #require(reference.split(separator: "/").last))
          object = try #require(shared[key] as? [String: Any])
        }
        return try #require(object["name"] as? String)
      }
      #expect(Set(names) == Set(command.parameters), "\(command)")
      #expect(names.count == Set(names).count, "\(command): a parameter is listed twice")
    }
  }

  /// Every answer of the comparison list validates against its schema in Schema/openapi.yaml.
  @Test(Prerequisite.jsonschema.trait)
  func answersMatchTheOpenAPIDocument() async throws {
    try Prerequisite.jsonschema.require()
    try await Fixtures.withMachineCodedStoreFile { path in
      let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
      let document = folder.appendingPathComponent("openapi.json")
      try ParleyResources.openAPIJSON().write(to: document)
      let app = try buildApplication(testSettings(path))
      let cases = try await app.test(.router) { client -> [[String: String]] in
        var cases: [[String: String]] = []
        let questions = Self.sameQuestions + Self.sameQuestionsWithNewOptions
        for (index, question) in questions.enumerated() {
          let body = try await client.execute(uri: question.url, method: .get) {
            String(buffer: $0.body)
          }
          let file = folder.appendingPathComponent("answer-\(index).json")
          try Data(body.utf8).write(to: file)
          let route = String(question.url.split(separator: "?")[0])
          cases.append(["route": route, "file": file.path])
        }
        for url in ["/api/who/demands?as-of=2025-02-30", "/api/positions/rusia"] {
          let body = try await client.execute(uri: url, method: .get) { String(buffer: $0.body) }
          let file = folder.appendingPathComponent("problem-\(cases.count).json")
          try Data(body.utf8).write(to: file)
          cases.append(["route": "problem", "file": file.path])
        }
        return cases
      }
      let list = folder.appendingPathComponent("cases.json")
      try JSONSerialization.data(withJSONObject: cases).write(to: list)
      let result = try python([
        "-c",
        """
        import json, re, sys, jsonschema
        doc = json.load(open(sys.argv[1]))
        def schema_for(route):
            if route == "problem":
                return {"$ref": "#/components/schemas/Problem"}
            for template, item in doc["paths"].items():
                pattern = "^" + re.sub(r"\\{[^}]+\\}", "[^/]+", template) + "$"
                if re.match(pattern, route):
                    return item["get"]["responses"]["200"]["content"]["application/json"]["schema"]
            raise SystemExit("no path for " + route)
        for case in json.load(open(sys.argv[2])):
            schema = dict(doc); schema.update(schema_for(case["route"]))
            jsonschema.validate(json.load(open(case["file"])), schema,
                                cls=jsonschema.Draft202012Validator)
        print("ok")
        """,
        document.path, list.path,
      ])
      #expect(result.status == 0, "\(result.output)")
    }
  }

  @Test func everyRequestWritesOneAccessLogLine() async throws {
    try await withSeededStore { path in
      let log = LineCapture()
      let app = try buildApplication(testSettings(path, log: log))
      try await app.test(.router) { client in
        try await client.execute(uri: "/api/parties", method: .get) { _ in }
        try await client.execute(uri: "/api/positions/atlantis", method: .get) { _ in }
        try await client.execute(uri: "/healthz", method: .get) { _ in }
      }
      let lines = log.captured
      #expect(lines.count == 3)
      #expect(lines[0].contains("GET /api/parties 200"))
      #expect(lines[1].contains("GET /api/positions/atlantis 404"))
      #expect(lines[2].contains("GET /healthz 200"))
    }
  }
}
