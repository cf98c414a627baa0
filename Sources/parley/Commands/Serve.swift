import ArgumentParser
import Foundation
import ParleyKit
import ParleyServer

extension Parley {
  /// `parley serve`: the JSON API, the web pages and (with --allow-load) loads over HTTP.
  struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "serve",
      abstract: "Answer the read commands over HTTP: a JSON API, web pages, /healthz.",
      discussion: """
        Every read command is a GET endpoint under /api (/api/who/demands?on=nato&as-of=2025-03-14) \
        answering exactly the JSON of '--format json'; errors are application/problem+json. Web \
        pages start at /. The OpenAPI document is at /api/openapi.json. Read-only unless started \
        with --allow-load, which takes the token for POST /api/load from $PARLEY_LOAD_TOKEN. \
        One access-log line per request goes to standard error; SIGTERM or SIGINT stops the \
        server after the requests under way are answered.
        """)

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on.")
    var port = 8080

    @Option(help: "Read connections to the store (and threads answering queries).")
    var connections = 4

    @Option(
      name: .customLong("cache-mb"),
      help:
        "Keep up to this many MiB of JSON answers for questions asked again, until the store changes (0: none)."
    )
    var cacheMegabytes = 64

    @Flag(
      help:
        "Accept POST /api/load with 'Authorization: Bearer TOKEN', TOKEN from $PARLEY_LOAD_TOKEN.")
    var allowLoad = false

    @Option(
      name: .customLong("max-load-bytes"),
      help: "The largest load body accepted, in bytes.")
    var maxLoadBytes = 4 * 1024 * 1024

    @OptionGroup var store: StoreOptions

    func validate() throws {
      guard (0...65_535).contains(port) else {
        throw ValidationError("'--port \(port)' must be from 0 to 65535.")
      }
      guard (1...64).contains(connections) else {
        throw ValidationError("'--connections \(connections)' must be from 1 to 64.")
      }
      guard (0...4096).contains(cacheMegabytes) else {
        throw ValidationError("'--cache-mb \(cacheMegabytes)' must be from 0 to 4096.")
      }
      guard maxLoadBytes >= 1 else {
        throw ValidationError("'--max-load-bytes \(maxLoadBytes)' must be at least 1.")
      }
      if allowLoad {
        let token = ProcessInfo.processInfo.environment["PARLEY_LOAD_TOKEN"] ?? ""
        guard token.count >= 16 else {
          throw ValidationError(
            "'--allow-load' needs a token of at least 16 characters in $PARLEY_LOAD_TOKEN.")
        }
      }
    }

    func run() async throws {
      var settings = ServerSettings(storePath: store.location.path)
      settings.host = host
      settings.port = port
      settings.connections = connections
      settings.maxLoadBytes = maxLoadBytes
      settings.cacheBytes = cacheMegabytes << 20
      if allowLoad { settings.loadToken = ProcessInfo.processInfo.environment["PARLEY_LOAD_TOKEN"] }
      var app: ParleyApplication?
      try reportingErrors { app = try buildApplication(settings) }
      printError(
        "Serving \(settings.storePath) on http://\(host):\(port)/ (\(allowLoad ? "loads allowed with the token" : "read-only")); stop with Ctrl-C."
      )
      try await app!.runService()
    }
  }
}
