import Foundation
import Hummingbird
import ParleyKit

/// The JSON API: one GET endpoint per read command, with the CLI's options as query parameters
/// and exactly the JSON the CLI prints with `--format json`.
///
/// The CLI's one positional argument is a path segment where the command needs it
/// (`/api/who/{stance}`, `/api/positions/{party}`, `/api/show/{position}`, `/api/diff/{party}`);
/// everything else is a query parameter named like the CLI's option (`as-of`, `known-at`, …).
/// A list (`parties`, `issues`) is a repeated parameter or a comma-separated value.
struct APIRoutes {
  let pool: StorePool
  /// The answers already given, while the store is unchanged; nil: every answer is computed.
  let cache: AnswerCache?

  /// The routes, and the path segment each command's positional argument comes from.
  static let commands: [(ReadCommand, path: String, segment: String?)] = [
    (.who, "/api/who/:stance", "stance"),
    (.positions, "/api/positions/:party", "party"),
    (.show, "/api/show/:position", "position"),
    (.diff, "/api/diff/:party", "party"),
    (.compare, "/api/compare", nil),
    (.timeline, "/api/timeline", nil),
    (.contested, "/api/contested", nil),
    (.commitments, "/api/commitments", nil),
    (.query, "/api/query", nil),
    (.search, "/api/search", nil),
    (.report, "/api/report", nil),
    (.brief, "/api/brief", nil),
    (.parties, "/api/parties", nil),
    (.issues, "/api/issues", nil),
  ]

  func add<Context: RequestContext>(to router: Router<Context>) {
    for (command, path, segment) in Self.commands {
      router.get(RouterPath(path)) { request, context in
        var arguments = Self.arguments(of: request)
        if let segment, let raw = context.parameters.get(segment) {
          arguments.add(segment, QueryString.decode(raw[...]))
        }
        let sent = arguments
        let question = request.uri.string
        // A kept answer (or the client's) is good while the store's revision and the day are
        // the same; asking for the revision on its own thread keeps repeated questions from
        // waiting behind new ones.
        let generation = AnswerCache.Generation(
          revision: try await pool.latestRevision(), day: PartialDate.today().description)
        let tag = generation.tag(for: question)
        if Self.matches(request.headers[.ifNoneMatch], tag) {
          return Response(status: .notModified, headers: [.eTag: tag])
        }
        let body: ByteBuffer
        if let kept = cache?.answer(for: question, in: generation) {
          body = kept
        } else {
          body = try await pool.read { store in
            ByteBuffer(string: try store.answer(command, sent).answer.json())
          }
          cache?.keep(body, for: question, in: generation)
        }
        return Response(
          status: .ok, headers: [.contentType: "application/json; charset=utf-8", .eTag: tag],
          body: .init(byteBuffer: body))
      }
    }
    router.get("/healthz") { _, _ in
      let revision = try await pool.latestRevision()
      return Self.json("{\"revision\": \(revision), \"status\": \"ok\"}\n")
    }
    router.get("/api/openapi.json") { _, _ in
      Response(
        status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
        body: .init(byteBuffer: ByteBuffer(bytes: try ParleyResources.openAPIJSON())))
    }
  }

  /// Whether an `If-None-Match` header names `tag`.
  static func matches(_ header: String?, _ tag: String) -> Bool {
    guard let header else { return false }
    return header.split(separator: ",").contains { candidate in
      let candidate = candidate.trimmingCharacters(in: .whitespaces)
      return candidate == tag || candidate == "W/" + tag
    }
  }

  /// The request's query parameters as question arguments (messages quote `name=value`).
  static func arguments(of request: Request) -> QuestionArguments {
    QuestionArguments(QueryString.pairs(request.uri.query))
  }

  static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
    Response(
      status: status, headers: [.contentType: "application/json; charset=utf-8"],
      body: .init(byteBuffer: ByteBuffer(string: text)))
  }
}

/// Turns every error of an API request into `application/problem+json` (RFC 9457): the CLI's
/// message in `detail`, the parameter at fault, close names, locations.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
  func handle(
    _ request: Request, context: Context, next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    do {
      return try await next(request, context)
    } catch {
      var problem = Self.problem(for: error, context: context)
      problem.instance = request.uri.string
      var headers: HTTPFields = [.contentType: "application/problem+json"]
      if problem.status == 401 { headers[.wwwAuthenticate] = "Bearer realm=\"parley\"" }
      return Response(
        status: .init(code: problem.status), headers: headers,
        body: .init(byteBuffer: ByteBuffer(string: problem.json())))
    }
  }

  static func problem(for error: any Error, context: Context) -> Problem {
    if let problem = Problem(error) { return problem }
    if let error = error as? any HTTPResponseError {
      let status = error.status
      let detail =
        switch status {
        case .notFound: "Nothing is served at this path; see /api/openapi.json for the endpoints."
        case .contentTooLarge: "The request body is larger than this server accepts."
        case .methodNotAllowed: "This path does not take that method."
        default: (error as? HTTPError)?.body ?? status.reasonPhrase
        }
      return Problem(
        status.reasonPhrase.lowercased().replacingOccurrences(of: " ", with: "-"),
        title: status.reasonPhrase, status: status.code, detail: detail)
    }
    context.logger.error("unexpected error: \(error)")
    return Problem(
      "internal", title: "Internal Server Error", status: 500,
      detail: "The server could not answer; its log says why.")
  }
}
