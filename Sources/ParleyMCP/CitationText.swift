import Foundation
import ParleyKit

/// A short text rendering of an answer for a model: one line per position, change, row or hit,
/// and under each, one line per statement that shows it, naming its id, speaker, date, verbatim
/// quote and source URL, so that every sentence a model writes from it can be cited.
enum CitationText {
  /// The statement ids an answer refers to, in any of its fields.
  static func statementIds(in json: String) -> Set<String> {
    guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) else { return [] }
    var ids: Set<String> = []
    func walk(_ value: Any) {
      if let object = value as? [String: Any] {
        for (key, inner) in object {
          if key == "statement", let id = inner as? String { ids.insert(id) }
          if key == "statements", let list = inner as? [String] { ids.formUnion(list) }
          walk(inner)
        }
      } else if let list = value as? [Any] {
        list.forEach(walk)
      }
    }
    walk(object)
    return ids
  }

  static func render(json: String, citations: [String: StatementCitation]) -> String {
    guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
    else { return json }
    var lines: [String] = []
    var header: [String] = []
    if let question = object["question"] as? String { header.append(question) }
    if let title = object["title"] as? String { header.append(title) }
    if let query = object["query"] as? String { header.append("search: \(query)") }
    if let asOf = object["as_of"] as? String { header.append("as of \(asOf)") }
    if let from = object["from"] as? String, let to = object["to"] as? String {
      header.append("from \(from) to \(to)")
    }
    if let known = object["known_at"] as? [String: Any], let revision = known["revision"] {
      header.append("known at r\(revision)")
    }
    if !header.isEmpty { lines.append(header.joined(separator: "; ")) }
    var cited: Set<String> = []

    func cite(_ id: String, indent: String) {
      guard let citation = citations[id] else {
        lines.append("\(indent)[\(id)]")
        return
      }
      let speaker = citation.speaker ?? "an unnamed source"
      let quote = citation.quote.map { "“\($0)”" } ?? "(reported; no verbatim quote)"
      var source = [citation.outlet, citation.url].compactMap { $0 }.joined(separator: ", ")
      if source.isEmpty { source = "document \(citation.document)" }
      lines.append(
        "\(indent)[\(id)] \(speaker) (for \(citation.onBehalfOf)), \(citation.date): \(quote) — \(source)"
      )
    }

    func position(_ p: [String: Any], indent: String, label: String = "") {
      let id = p["id"] as? String ?? "?"
      let holder = p["holder"] as? String ?? "?"
      let kind = p["kind"] as? String ?? "?"
      let issue = p["issue"] as? String ?? "?"
      let proposition = p["proposition"] as? String ?? ""
      var state: [String] = []
      if p["machine_coded"] as? Bool == true { state.append("machine-coded, not curated") }
      if let status = p["status"] as? String { state.append(status) }
      if let from = p["valid_from"] as? String {
        state.append("from \(from)" + ((p["valid_to"] as? String).map { " to \($0)" } ?? ""))
      }
      lines.append(
        "\(indent)\(label)\(holder) \(kind) on \(issue): \(proposition) [position \(id); \(state.joined(separator: ", "))]"
      )
      for item in p["evidence"] as? [[String: Any]] ?? [] {
        if let statement = item["statement"] as? String { cite(statement, indent: indent + "  ") }
      }
    }

    func walk(_ value: Any, indent: String) {
      if let list = value as? [Any] {
        for item in list { walk(item, indent: indent) }
        return
      }
      guard let o = value as? [String: Any] else { return }
      if o["proposition"] != nil, o["holder"] != nil, o["evidence"] != nil {
        position(o, indent: indent)
        return
      }
      if let change = o["change"] as? String, o["before"] != nil || o["after"] != nil {
        let details = (o["details"] as? [String])?.joined(separator: "; ") ?? ""
        lines.append(
          "\(indent)\(change) on \(o["issue"] as? String ?? "?")\(details.isEmpty ? "" : ": \(details)")"
        )
        if let before = o["before"] as? [String: Any] {
          position(before, indent: indent + "  ", label: "before: ")
        }
        if let after = o["after"] as? [String: Any] {
          position(after, indent: indent + "  ", label: "after: ")
        }
        for step in o["steps"] as? [[String: Any]] ?? [] {
          lines.append(
            "\(indent)  step on \(step["on"] as? String ?? "?"): \(step["change"] as? String ?? "")"
          )
        }
        return
      }
      // A commitment or threat: what became of it, the position, and each assessment's statement.
      if let outcome = o["outcome"] as? String, let made = o["position"] as? [String: Any],
        o["basis"] != nil
      {
        let flags = (o["flags"] as? [String] ?? []).map { "; \($0)" }.joined()
        position(made, indent: indent, label: "[\(outcome)\(flags)] ")
        for assessment in o["assessments"] as? [[String: Any]] ?? [] {
          let note = (assessment["note"] as? String).map { ": \($0)" } ?? ""
          lines.append(
            "\(indent)  assessed \(assessment["outcome"] as? String ?? "?") on \(assessment["on"] as? String ?? "?")\(note)"
          )
          if let statement = assessment["statement"] as? String {
            cite(statement, indent: indent + "    ")
          }
        }
        return
      }
      if let classification = o["classification"] as? String, let cells = o["cells"] {
        lines.append(
          "\(indent)\(o["issue"] as? String ?? "?"): \(classification) — \(o["reason"] as? String ?? "")"
        )
        walk(cells, indent: indent + "  ")
        return
      }
      if let kind = o["kind"] as? String, o["snippet"] != nil, let id = o["id"] as? String {
        let mark = o["machine_coded"] as? Bool == true ? " [machine-coded, not curated]" : ""
        lines.append("\(indent)\(kind) \(id)\(mark): \(o["text"] as? String ?? "")")
        if kind == "statement" { cite(id, indent: indent + "  ") }
        return
      }
      if let statement = o["statement"] as? String, o["date"] != nil || o["quote"] != nil {
        if cited.insert(indent + statement).inserted {
          if let kind = o["kind"] as? String, kind != "statement", let text = o["text"] as? String {
            lines.append("\(indent)\(o["date"] as? String ?? "") \(kind): \(text)")
            cite(statement, indent: indent + "  ")
          } else {
            cite(statement, indent: indent)
          }
        }
        return
      }
      for key in o.keys.sorted()
      where !["known_at", "question", "query", "title", "generator"].contains(key) {
        walk(o[key]!, indent: indent)
      }
    }
    walk(object, indent: "")
    if lines.count <= 1 { lines.append("Nothing matches.") }
    return lines.joined(separator: "\n") + "\n"
  }
}
