import Foundation
import Hummingbird
import ParleyKit
import Yams

/// `POST /api/load`: curated YAML or JSON in the body, loaded all or nothing as `parley load` loads
/// a file.
///
/// Off unless the server was given a token (`--allow-load`); every request must carry it
/// (`Authorization: Bearer TOKEN`). Loads take turns: one at a time in this server, and SQLite's
/// write lock orders them with other processes' loads.
struct LoadRoute {
  let pool: StorePool
  let token: String?
  let maxBytes: Int

  func add<Context: RequestContext>(to router: Router<Context>) {
    router.post("/api/load") { request, context in
      guard let token else {
        throw Problem(
          "no-loads", title: "This server takes no loads", status: 404,
          detail:
            "This server is read-only; start it with '--allow-load' and $PARLEY_LOAD_TOKEN to take loads."
        )
      }
      guard Self.authorized(request.headers[.authorization], token: token) else {
        throw Problem(
          "unauthorized", title: "Unauthorized", status: 401,
          detail: "A load needs the header 'Authorization: Bearer TOKEN' with the server's token.")
      }
      var request = request
      let body: ByteBuffer
      do {
        body = try await request.collectBody(upTo: maxBytes)
      } catch let error as HTTPError where error.status == .contentTooLarge {
        throw Problem(
          "too-large", title: "Content Too Large", status: 413,
          detail:
            "The body is larger than this server accepts (\(maxBytes) bytes; see '--max-load-bytes')."
        )
      }
      let isJSON = request.headers[.contentType]?.lowercased().contains("json") == true
      let path = isJSON ? "request.json" : "request.yaml"
      let text = String(buffer: body)
      try Self.refuseTextFiles(text, path: path)
      let input = LoadInput(path: path, text: text, baseDirectory: nil)
      let report = try await pool.write { store in try store.load([input]) }
      return APIRoutes.json(Self.describe(report))
    }
  }

  /// Compares the token in constant time.
  static func authorized(_ header: String?, token: String) -> Bool {
    guard let header, header.hasPrefix("Bearer ") else { return false }
    let given = Array(header.dropFirst("Bearer ".count).utf8)
    let expected = Array(token.utf8)
    var difference = given.count ^ expected.count
    for index in 0..<expected.count {
      difference |= Int(expected[index] ^ (index < given.count ? given[index] : 0))
    }
    return difference == 0
  }

  /// A body has no folder: `text_file` would read the server's own files, so it is refused,
  /// with its line and column.
  static func refuseTextFiles(_ text: String, path: String) throws {
    guard text.contains("text") || text.contains("\\u") else { return }
    guard let root = try? Yams.compose(yaml: text) else { return }  // the loader says why
    var problems: [LoadProblemDetail] = []
    func walk(_ node: Node) {
      switch node {
      case .mapping(let mapping):
        for (key, value) in mapping {
          if key.string == "text_file" {
            let line = key.mark?.line ?? 1
            let column = key.mark?.column ?? 1
            let message =
              "is not accepted over HTTP (a request body has no folder to read it from); load the file with 'parley load' instead"
            problems.append(
              LoadProblemDetail(
                file: path, line: line, column: column, field: "text_file", message: message,
                location: "\(path):\(line):\(column): text_file: \(message)"))
          }
          walk(value)
        }
      case .sequence(let sequence): sequence.forEach(walk)
      default: break
      }
    }
    walk(root)
    if !problems.isEmpty {
      throw Problem(
        "rejected-load", title: "The load was rejected; nothing was written", status: 422,
        detail: problems.map(\.location).joined(separator: "\n"), errors: problems)
    }
  }

  static func describe(_ report: LoadReport) -> String {
    let message: String
    if let revision = report.revision {
      let parts = report.added.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
      message = "Recorded revision r\(revision): \(parts.joined(separator: ", "))."
    } else {
      message = "Nothing new: every record is already in the store."
    }
    let object: [String: Any] = [
      "revision": report.revision.map { NSNumber(value: $0) } ?? NSNull(),
      "added": report.added, "positions_changed": report.positionsChanged,
      "warnings": report.warnings.map(\.description), "message": message,
    ]
    let data =
      (try? JSONSerialization.data(
        withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]))
      ?? Data("{}".utf8)
    return String(decoding: data, as: UTF8.self) + "\n"
  }
}
