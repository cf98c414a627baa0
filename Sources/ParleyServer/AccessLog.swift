import Foundation
import Hummingbird
import Synchronization

/// Writes one line per request to standard error once it is answered:
/// `2025-03-14T09:30:00Z GET /api/who/demands?as-of=2025-03-14 200 5120 3.1ms`.
struct AccessLogMiddleware<Context: RequestContext>: RouterMiddleware {
  /// Where the lines go (tests capture them).
  let sink: @Sendable (String) -> Void

  func handle(
    _ request: Request, context: Context, next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    let start = ContinuousClock.now
    do {
      let response = try await next(request, context)
      log(request, status: response.status.code, bytes: response.body.contentLength, since: start)
      return response
    } catch let error as any HTTPResponseError {
      log(request, status: error.status.code, bytes: nil, since: start)
      throw error
    } catch {
      log(request, status: 500, bytes: nil, since: start)
      throw error
    }
  }

  private func log(
    _ request: Request, status: Int, bytes: Int?, since start: ContinuousClock.Instant
  ) {
    let elapsed = ContinuousClock.now - start
    let milliseconds =
      Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    // The target as received, with control characters escaped so that a line stays one line.
    let target = request.uri.string.unicodeScalars.map {
      $0.value < 0x20 || $0.value == 0x7F ? String(format: "\\x%02X", $0.value) : String($0)
    }.joined()
    sink(
      "\(Self.timestamp()) \(request.method.rawValue) \(target) \(status) \(bytes.map(String.init) ?? "-") \(String(format: "%.1f", milliseconds))ms"
    )
  }

  private static func timestamp() -> String {
    Date().formatted(.iso8601)
  }
}

/// Standard error, one line per call.
let standardErrorLines: @Sendable (String) -> Void = { line in
  FileHandle.standardError.write(Data((line + "\n").utf8))
}
