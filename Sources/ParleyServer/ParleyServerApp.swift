import Foundation
import Hummingbird
import Logging
import ParleyKit

/// The application `parley serve` runs.
public typealias ParleyApplication = Application<RouterResponder<BasicRequestContext>>

/// How `parley serve` runs.
public struct ServerSettings: Sendable {
  public var host = "127.0.0.1"
  public var port = 8080
  /// The store file.
  public var storePath: String
  /// Read connections (and threads) for queries.
  public var connections = 4
  /// The token `POST /api/load` requires; nil: the server takes no loads (read-only).
  public var loadToken: String?
  /// The most bytes of JSON answers kept for questions asked again, until the store changes
  /// (0: none kept).
  public var cacheBytes = 64 << 20
  /// The largest request body `POST /api/load` accepts, in bytes.
  public var maxLoadBytes = 4 * 1024 * 1024
  /// Where the access log goes, one line per request.
  public var accessLog: (@Sendable (String) -> Void)? = standardErrorLines

  public init(storePath: String) {
    self.storePath = storePath
  }
}

/// Builds the HTTP application: the JSON API, the web pages, loads when allowed, `/healthz`.
///
/// `parley serve` runs it; tests drive it in process with HummingbirdTesting.
public func buildApplication(_ settings: ServerSettings) throws -> ParleyApplication {
  let pool = try StorePool(
    path: settings.storePath, size: settings.connections, writable: settings.loadToken != nil)
  let router = Router(options: .autoGenerateHeadEndpoints)
  if let sink = settings.accessLog {
    router.middlewares.add(AccessLogMiddleware(sink: sink))
  }
  router.middlewares.add(ProblemMiddleware())
  let cache = settings.cacheBytes > 0 ? AnswerCache(capacity: settings.cacheBytes) : nil
  APIRoutes(pool: pool, cache: cache).add(to: router)
  WebRoutes(pool: pool).add(to: router)
  LoadRoute(pool: pool, token: settings.loadToken, maxBytes: settings.maxLoadBytes).add(to: router)
  var logger = Logger(label: "parley-serve")
  logger.logLevel = .notice
  return Application(
    router: router,
    configuration: .init(
      address: .hostname(settings.host, port: settings.port), serverName: "parley"),
    logger: logger)
}
