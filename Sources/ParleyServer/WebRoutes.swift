import Hummingbird
import ParleyKit

/// The web pages: HTML for a person, from the same library calls as the API (see ``WebPages``).
struct WebRoutes {
  let pool: StorePool

  func add<Context: RequestContext>(to router: Router<Context>) {
    page(router, "/") { store, _, query in try WebPages.overview(store, query: query) }
    page(router, "/party/:id") { store, id, query in
      try WebPages.party(store, id: id!, query: query)
    }
    page(router, "/issue/**") { store, id, query in try WebPages.issue(store, id: id!, query: query)
    }
    page(router, "/position/**") { store, id, query in
      try WebPages.position(store, id: id!, query: query)
    }
    page(router, "/diff") { store, _, query in try WebPages.diff(store, party: nil, query: query) }
    page(router, "/diff/:id") { store, id, query in
      try WebPages.diff(store, party: id, query: query)
    }
    page(router, "/compare") { store, _, query in try WebPages.compare(store, query: query) }
    page(router, "/search") { store, _, query in try WebPages.search(store, query: query) }
    page(router, "/report") { store, _, query in try WebPages.document(store, .report, query: query)
    }
    page(router, "/brief") { store, _, query in try WebPages.document(store, .brief, query: query) }
  }

  /// One page: its id from the path (`:id`, or the rest of the path for `**`), the query
  /// string, and errors as an HTML page with the CLI's message.
  private func page<Context: RequestContext>(
    _ router: Router<Context>, _ path: String,
    _ build: @escaping @Sendable (ParleyStore, String?, WebPages.Query) throws -> WebPage
  ) {
    router.get(RouterPath(path)) { request, context in
      let query = QueryString.pairs(request.uri.query)
      var id = context.parameters.get("id").map { QueryString.decode($0[...]) }
      if path.hasSuffix("**") {
        id = context.parameters.getCatchAll().map { QueryString.decode($0) }.joined(separator: "/")
      }
      let identifier = id
      let page: WebPage
      do {
        page = try await pool.read { store in try build(store, identifier, query) }
      } catch {
        guard let problem = Problem(error) else { throw error }
        page = WebPages.error(
          detail: problem.detail, suggestions: problem.suggestions ?? [], status: problem.status,
          title: problem.title, query: query)
      }
      return Response(
        status: .init(code: page.status),
        headers: [
          .contentType: "text/html; charset=utf-8",
          .contentSecurityPolicy:
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'",
        ],
        body: .init(byteBuffer: ByteBuffer(string: page.html)))
    }
  }
}
