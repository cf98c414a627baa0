import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ParleyKit
import ParleyServer
import Testing

/// The web pages a person reads, and loads over HTTP.
struct WebPageTests {
  @Test(arguments: [
    ("/?as-of=2025-03-14", "Parties × issues"),
    ("/party/russia?as-of=2025-03-14", "ru-nato-bar-ukraine-2021-12"),
    ("/issue/security/nato-membership?as-of=2025-03-14", "Who holds what"),
    ("/position/ru-nato-bar-ukraine-2021-12", "Evidence"),
    ("/diff/russia?from=2025-03-11&to=2025-03-14", "reversed"),
    ("/compare?parties=russia,ukraine&as-of=2025-03-14", "opposed"),
    ("/search?words=crimea", "ru-recognise-crimea-2024-06"),
    ("/report?as-of=2025-03-14", "<svg class=\"matrix\""),
    ("/brief?as-of=2025-03-14", "<html"),
  ])
  func everyPageRendersWithoutScriptsAndKeepsTheDayInItsLinks(url: String, needle: String)
    async throws
  {
    try await withSeededStore { path in
      let app = try buildApplication(testSettings(path))
      try await app.test(.router) { client in
        try await client.execute(uri: url, method: .get) { response in
          #expect(response.status == .ok)
          #expect(response.headers[.contentType] == "text/html; charset=utf-8")
          let html = String(buffer: response.body)
          #expect(html.contains(needle))
          #expect(!html.contains("<script"))
          #expect(!html.contains("src=\"http"))
          if url.contains("as-of=2025-03-14"), !url.hasPrefix("/report"), !url.hasPrefix("/brief") {
            #expect(html.contains("?as-of=2025-03-14\""), "links keep the day")
          }
        }
      }
    }
  }

  /// A page asked for a publication day answers for it, says so and keeps it in its links,
  /// as it keeps the as-of day; a record-time diff, which cannot take it, does not claim it.
  @Test(arguments: [
    "/?as-of=2025-03-14&published-by=2025-03-12",
    "/party/russia?as-of=2025-03-14&published-by=2025-03-12",
    "/issue/ceasefire?as-of=2025-03-14&published-by=2025-03-12",
    "/diff/russia?from=2025-03-10&to=2025-03-14&published-by=2025-03-12",
    "/compare?parties=russia,ukraine&as-of=2025-03-14&published-by=2025-03-12",
    "/search?words=ceasefire&published-by=2025-03-12",
  ])
  func pagesCarryThePublicationDayThroughTheirLinks(url: String) async throws {
    try await withSeededStore { path in
      let app = try buildApplication(testSettings(path))
      try await app.test(.router) { client in
        let html = try await client.execute(uri: url, method: .get) { response in
          #expect(response.status == .ok)
          return String(buffer: response.body)
        }
        #expect(html.contains("as the public record stood on 2025-03-12"))
        #expect(html.contains("published-by=2025-03-12\""), "links keep the publication day")
        #expect(html.contains("name=\"published-by\" value=\"2025-03-12\""))
        let learned = try await client.execute(
          uri: "/diff/russia?known-since=r0&published-by=2025-03-12", method: .get
        ) { String(buffer: $0.body) }
        #expect(!learned.contains("as the public record stood"))
      }
    }
  }

  @Test func valuesAreEscapedAndUnknownNamesGiveAnErrorPageWithCloseNames() async throws {
    try await withSeededStore { path in
      let app = try buildApplication(testSettings(path))
      try await app.test(.router) { client in
        try await client.execute(
          uri: "/search?words=%3Cscript%3Ealert(1)%3C/script%3E", method: .get
        ) {
          response in
          let html = String(buffer: response.body)
          #expect(!html.contains("<script>alert(1)</script>"))
          #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        }
        try await client.execute(uri: "/party/rusia", method: .get) { response in
          #expect(response.status == .notFound)
          let html = String(buffer: response.body)
          #expect(html.contains("No party is called &#39;rusia&#39;"))
          #expect(html.contains("<li>russia</li>"))
        }
      }
    }
  }

  @Test func thePartyPageShowsWhatWasHeldOnTheDayAsked() async throws {
    try await withSeededStore { path in
      let app = try buildApplication(testSettings(path))
      try await app.test(.router) { client in
        let before = try await client.execute(uri: "/party/ukraine?as-of=2025-03-10", method: .get)
        {
          String(buffer: $0.body)
        }
        let after = try await client.execute(uri: "/party/ukraine?as-of=2025-03-12", method: .get) {
          String(buffer: $0.body)
        }
        #expect(!before.contains("ua-accepts-30-day-ceasefire-2025-03"))
        #expect(after.contains("ua-accepts-30-day-ceasefire-2025-03"))
      }
    }
  }
}

struct LoadOverHTTPTests {
  static let token = "test-token-0123456789abcdef"

  static let article = """
    documents:
      - id: doc-http-1
        title: A statement loaded over HTTP
        outlet: Test Wire
        url: https://example.org/http-1
        published: 2025-03-20
        language: en
        statements:
          - id: st-http-1
            speaker: dmitry-peskov
            on_behalf_of: russia
            said: 2025-03-20
            attribution: direct
            quote: "We are studying the proposal carefully"
            supports:
              - id: ru-http-consideration-2025-03
                holder: russia
                issue: ceasefire/general
                kind: consideration
                proposition: Moscow studies the proposal.
                key: study-proposal
    """

  func settings(_ path: String, token: String? = token, maxBytes: Int = 1 << 20) -> ServerSettings {
    var settings = testSettings(path)
    settings.loadToken = token
    settings.maxLoadBytes = maxBytes
    return settings
  }

  @Test func aLoadWithTheTokenIsWrittenAndAnsweredAtOnce() async throws {
    try await withSeededStore { path in
      let app = try buildApplication(settings(path))
      try await app.test(.router) { client in
        try await client.execute(
          uri: "/api/load", method: .post,
          headers: [.authorization: "Bearer \(Self.token)", .contentType: "application/yaml"],
          body: ByteBuffer(string: Self.article)
        ) { response in
          #expect(response.status == .ok, "\(String(buffer: response.body))")
          let body = try parsedJSON(String(buffer: response.body))
          #expect(body["revision"] as? Int == 2)
        }
        try await client.execute(uri: "/api/show/ru-http-consideration-2025-03", method: .get) {
          response in
          #expect(response.status == .ok)
          #expect(String(buffer: response.body).contains("We are studying the proposal carefully"))
        }
        // The same body again: nothing new, no revision.
        try await client.execute(
          uri: "/api/load", method: .post, headers: [.authorization: "Bearer \(Self.token)"],
          body: ByteBuffer(string: Self.article)
        ) { response in
          let body = try parsedJSON(String(buffer: response.body))
          #expect(body["revision"] is NSNull)
        }
      }
    }
  }

  @Test func withoutTheTokenOrOverTheLimitNothingIsWritten() async throws {
    try await withSeededStore { path in
      let app = try buildApplication(settings(path, maxBytes: 200))
      try await app.test(.router) { client in
        for headers: HTTPFields in [[:], [.authorization: "Bearer wrong-token-0123456789"]] {
          try await client.execute(
            uri: "/api/load", method: .post, headers: headers, body: ByteBuffer(string: "x: 1")
          ) { response in
            #expect(response.status == .unauthorized)
            #expect(response.headers[.contentType] == "application/problem+json")
            #expect(response.headers[.wwwAuthenticate] != nil)
          }
        }
        try await client.execute(
          uri: "/api/load", method: .post, headers: [.authorization: "Bearer \(Self.token)"],
          body: ByteBuffer(string: Self.article)
        ) { response in
          #expect(response.status == .contentTooLarge)
        }
        try await client.execute(uri: "/healthz", method: .get) { response in
          let health = try parsedJSON(String(buffer: response.body))
          #expect(health["revision"] as? Int == 1)
        }
      }
    }
  }

  @Test func aRejectedLoadWritesNothingAndGivesEveryProblemWithLineAndColumn() async throws {
    try await withSeededStore { path in
      let app = try buildApplication(settings(path))
      let broken = Self.article.replacingOccurrences(of: "kind: consideration", with: "kind: wish")
        .replacingOccurrences(of: "on_behalf_of: russia", with: "on_behalf_of: atlantis")
      try await app.test(.router) { client in
        try await client.execute(
          uri: "/api/load", method: .post, headers: [.authorization: "Bearer \(Self.token)"],
          body: ByteBuffer(string: broken)
        ) { response in
          #expect(response.status == .unprocessableContent)
          #expect(response.headers[.contentType] == "application/problem+json")
          let problem = try parsedJSON(String(buffer: response.body))
          let errors = try #require(problem["errors"] as? [[String: Any]])
          #expect(!errors.isEmpty)
          for error in errors {
            #expect(error["file"] as? String == "request.yaml")
            #expect((error["line"] as? Int ?? 0) > 1)
            #expect((error["column"] as? Int ?? 0) > 1)
          }
        }
        try await client.execute(
          uri: "/api/load", method: .post, headers: [.authorization: "Bearer \(Self.token)"],
          body: ByteBuffer(string: "documents:\n  - id: d\n    text_file: /etc/passwd\n")
        ) { response in
          #expect(response.status == .unprocessableContent)
          let problem = try parsedJSON(String(buffer: response.body))
          let error = try #require((problem["errors"] as? [[String: Any]])?.first)
          #expect(error["field"] as? String == "text_file")
          #expect(error["line"] as? Int == 3)
        }
        try await client.execute(uri: "/healthz", method: .get) { response in
          let health = try parsedJSON(String(buffer: response.body))
          #expect(health["revision"] as? Int == 1)
        }
      }
    }
  }

  @Test func concurrentLoadsAreSerialisedNeverInterleaved() async throws {
    try await withSeededStore { path in
      let app = try buildApplication(settings(path))
      try await app.test(.router) { client in
        let revisions = try await withThrowingTaskGroup(of: Int?.self) { group in
          for index in 0..<4 {
            let body = Self.article.replacingOccurrences(of: "http-1", with: "http-c\(index)")
              .replacingOccurrences(of: "ru-http-consideration", with: "ru-http-c\(index)")
              .replacingOccurrences(of: "study-proposal", with: "study-proposal-\(index)")
            group.addTask {
              try await client.execute(
                uri: "/api/load", method: .post,
                headers: [.authorization: "Bearer \(Self.token)"], body: ByteBuffer(string: body)
              ) { response in
                try parsedJSON(String(buffer: response.body))["revision"] as? Int
              }
            }
          }
          var revisions: [Int] = []
          for try await revision in group { revisions.append(revision ?? -1) }
          return revisions
        }
        #expect(revisions.sorted() == [2, 3, 4, 5])
      }
    }
  }
}
