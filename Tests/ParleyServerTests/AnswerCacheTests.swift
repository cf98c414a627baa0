import Foundation
import Hummingbird
import HummingbirdTesting
import ParleyKit
import ParleyServer
import ParleyTestSupport
import Testing

/// Answers the server keeps: a question asked again gets the same bytes, and never an answer
/// older than the store, whoever loaded into it.
struct AnswerCacheTests {
  static let question = "/api/who/considers?on=ceasefire&as-of=2025-03-25"

  @Test func aRepeatedQuestionGetsTheSameBytesUntilAnotherProcessLoads() async throws {
    try await withSeededStore { path in
      let cli = runParley([
        "who", "considers", "--on", "ceasefire", "--as-of", "2025-03-25", "--format", "json",
        "--db", path,
      ])
      let app = try buildApplication(testSettings(path))
      try await app.test(.router) { client in
        let first = try await client.execute(uri: Self.question, method: .get) { $0 }
        let second = try await client.execute(uri: Self.question, method: .get) { $0 }
        #expect(String(buffer: first.body) == cli.output)
        #expect(String(buffer: second.body) == cli.output)
        #expect(first.headers[.eTag] != nil)
        #expect(first.headers[.eTag] == second.headers[.eTag])
        #expect(!cli.output.contains("ru-http-consideration-2025-03"))

        // Another process loads a new position: the next answer has it.
        let other = try ParleyStore.open(path: path)
        _ = try other.load([
          LoadInput(path: "new.yaml", text: LoadOverHTTPTests.article, baseDirectory: nil)
        ])
        let third = try await client.execute(uri: Self.question, method: .get) { $0 }
        #expect(String(buffer: third.body).contains("ru-http-consideration-2025-03"))
        #expect(third.headers[.eTag] != first.headers[.eTag])
        let cliAfter = runParley([
          "who", "considers", "--on", "ceasefire", "--as-of", "2025-03-25", "--format", "json",
          "--db", path,
        ])
        #expect(String(buffer: third.body) == cliAfter.output)
      }
    }
  }

  /// A client that kept an answer asks with its ETag and gets 304 with no body while the store
  /// is unchanged, and the new answer once it changed.
  @Test func aClientWithTheETagGets304UntilTheStoreChanges() async throws {
    try await withSeededStore { path in
      var settings = testSettings(path)
      settings.loadToken = LoadOverHTTPTests.token
      let app = try buildApplication(settings)
      try await app.test(.router) { client in
        let first = try await client.execute(uri: Self.question, method: .get) { $0 }
        let tag = try #require(first.headers[.eTag])
        try await client.execute(
          uri: Self.question, method: .get, headers: [.ifNoneMatch: tag]
        ) { response in
          #expect(response.status == .notModified)
          #expect(response.body.readableBytes == 0)
          #expect(response.headers[.eTag] == tag)
        }
        try await client.execute(
          uri: "/api/load", method: .post,
          headers: [.authorization: "Bearer \(LoadOverHTTPTests.token)"],
          body: ByteBuffer(string: LoadOverHTTPTests.article)
        ) { response in
          #expect(response.status == .ok)
        }
        try await client.execute(
          uri: Self.question, method: .get, headers: [.ifNoneMatch: tag]
        ) { response in
          #expect(response.status == .ok)
          #expect(response.headers[.eTag] != tag)
          #expect(String(buffer: response.body).contains("ru-http-consideration-2025-03"))
        }
      }
    }
  }

  /// With the cache turned off (`--cache-mb 0`) every answer is computed, and is the same.
  @Test func withoutTheCacheTheAnswersAreTheSame() async throws {
    try await withSeededStore { path in
      var settings = testSettings(path)
      settings.cacheBytes = 0
      let app = try buildApplication(settings)
      let cli = runParley([
        "who", "considers", "--on", "ceasefire", "--as-of", "2025-03-25", "--format", "json",
        "--db", path,
      ])
      try await app.test(.router) { client in
        for _ in 0..<2 {
          try await client.execute(uri: Self.question, method: .get) { response in
            #expect(String(buffer: response.body) == cli.output)
          }
        }
      }
    }
  }
}
