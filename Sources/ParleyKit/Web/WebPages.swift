import Foundation
import Mustache

/// A rendered web page and the HTTP status it goes with.
public struct WebPage: Sendable {
  public var html: String
  public var status: Int
}

/// The web pages of `parley serve`: server-rendered HTML from the Mustache templates in
/// `Templates/web/`, every value escaped by the template (`{{…}}`), no scripts, no external assets.
///
/// Each page asks the same library calls as the CLI (``ParleyStore/answer(_:_:)``), takes the time
/// questions (`as-of`, `known-at`, `published-by`) from the query string and keeps them in every
/// link.
public enum WebPages {
  /// The query string's pairs, decoded.
  public typealias Query = [(String, String)]

  // MARK: - Pages

  /// `/`: parties × issues on the as-of day, the latest changes, the issues.
  public static func overview(_ store: ParleyStore, query: Query) throws -> WebPage {
    let time = TimeQuery(query)
    let parties = try json(store.answer(.parties, time.arguments(asOf: true, publishedBy: false)))
    let holders = (parties["parties"] as? [[String: Any]] ?? []).filter {
      ($0["positions"] as? Int ?? 0) > 0 && $0["kind"] as? String != "person"
    }
    var context: [String: Any] = [:]
    if holders.count >= 2 {
      var arguments = time.arguments(asOf: true)
      for holder in holders { arguments.add("parties", holder["id"] as? String ?? "") }
      let comparison = try json(store.answer(.compare, arguments))
      context["rows"] = comparison["rows"]
    }
    context["parties"] = holders.map { ["id": $0["id"] ?? "", "name": $0["name"] ?? ""] }
    var events = time.arguments(asOf: false)
    events.add("from", time.daysBefore(90).description)
    events.add("to", time.asOfDay.description)
    let timeline = try json(store.answer(.timeline, events))
    context["events"] = Array((timeline["events"] as? [Any] ?? []).suffix(15).reversed())
    let issues = try json(store.answer(.issues, time.arguments(asOf: true, publishedBy: false)))
    context["issues"] = (issues["issues"] as? [[String: Any]] ?? []).filter {
      ($0["positions"] as? Int ?? 0) > 0
    }.map { issue -> [String: Any] in
      var issue = issue
      issue["indent"] = Double(issue["depth"] as? Int ?? 0) * 1.5
      return issue
    }
    return try page(
      "overview", title: "Positions today", time: time, path: "/", header: parties,
      api: "/api/compare", context: context)
  }

  /// `/party/ID`: a party's positions on the as-of day and its timeline.
  public static func party(_ store: ParleyStore, id: String, query: Query) throws -> WebPage {
    let time = TimeQuery(query)
    var arguments = time.arguments(asOf: true)
    arguments.add("party", id)
    let list = try json(store.answer(.positions, arguments))
    var events = time.arguments(asOf: false)
    events.add("party", id)
    events.add("to", time.asOfDay.description)
    let timeline = try json(store.answer(.timeline, events))
    let holderName =
      ((list["positions"] as? [[String: Any]])?.first?["holder_name"] as? String) ?? id
    let context: [String: Any] = [
      "positions_table": try render("positions-table", enrich(list, time: time)),
      "events": Array((timeline["events"] as? [Any] ?? []).suffix(40).reversed()),
      "party": id, "month_ago": time.daysBefore(30).description,
      "as_of_or_today": time.asOfDay.description,
    ]
    return try page(
      "party", title: holderName, time: time, path: "/party/\(urlEncode(id))", header: list,
      api: "/api/positions/\(urlEncode(id))\(time.linkQuery)", context: context)
  }

  /// `/issue/ID`: who holds what on an issue (and the issues under it).
  public static func issue(_ store: ParleyStore, id: String, query: Query) throws -> WebPage {
    let time = TimeQuery(query)
    let issues = try store.resolveIssues(id)
    let filter = PositionFilter(
      issues: issues, asOf: time.asOfDay, knownAt: try time.knownAt(in: store),
      publishedBy: try time.arguments(asOf: false).date("published-by"))
    let list = try store.positionList(filter, question: "positions on \(id)")
    let answer = try json(AnsweredQuestion(answer: .positions(list), notes: []))
    let label =
      ((answer["positions"] as? [[String: Any]])?.first { $0["issue"] as? String == id }?[
        "issue_label"] as? String) ?? id
    return try page(
      "issue", title: label, time: time, path: "/issue/\(urlEncode(id))", header: answer,
      api: "/api/query?expression=\(urlEncode("issue:\(id)"))",
      context: ["positions_table": try render("positions-table", enrich(answer, time: time))])
  }

  /// `/position/ID`: one position with its evidence, relations and history.
  public static func position(_ store: ParleyStore, id: String, query: Query) throws -> WebPage {
    let time = TimeQuery(query)
    var arguments = time.arguments(asOf: false)
    arguments.add("position", id)
    let detail = try json(store.answer(.show, arguments))
    let proposition = (detail["position"] as? [String: Any])?["proposition"] as? String ?? id
    return try page(
      "position", title: proposition, time: time, path: "/position/\(urlEncode(id))",
      header: detail, api: "/api/show/\(urlEncode(id))", context: detail)
  }

  /// `/diff` and `/diff/PARTY`: what changed between two days (default: the 30 days before the
  /// as-of day), or what the store learned since a revision.
  public static func diff(_ store: ParleyStore, party: String?, query: Query) throws -> WebPage {
    let time = TimeQuery(query)
    let party = party ?? time.value("party")
    var context: [String: Any] = [
      "party_input": party ?? "", "from_input": time.value("from") ?? "",
      "to_input": time.value("to") ?? "", "known_since_input": time.value("known-since") ?? "",
    ]
    var header: [String: Any] = [:]
    var status = 200
    if let party, !party.isEmpty {
      var arguments = time.arguments(asOf: false)
      arguments.add("party", party)
      if let knownSince = time.value("known-since"), !knownSince.isEmpty {
        arguments.add("known-since", knownSince)
        arguments = time.withoutKnownAt(arguments)
      } else {
        let from = time.value("from").flatMap { $0.isEmpty ? nil : $0 }
        arguments.add("from", from ?? time.daysBefore(30).description)
        arguments.add(
          "to", time.value("to").flatMap { $0.isEmpty ? nil : $0 } ?? time.asOfDay.description)
        if from == nil { context["from_input"] = time.daysBefore(30).description }
      }
      do {
        let diff = try json(store.answer(.diff, arguments))
        context["diff"] = diff
        header = diff
      } catch {
        (context["error"], status) = describe(error)
      }
    }
    return try page(
      "diff", title: "What changed\(party.map { ": \($0)" } ?? "")", time: time,
      path: "/diff", header: header, api: "/api/diff/\(urlEncode(party ?? "PARTY"))",
      context: context, hidden: ["party", "from", "to", "known-since"], status: status)
  }

  /// `/compare?parties=a,b`: parties side by side.
  public static func compare(_ store: ParleyStore, query: Query) throws -> WebPage {
    let time = TimeQuery(query)
    let parties = query.filter { $0.0 == "parties" }.map(\.1).joined(separator: ",")
    var context: [String: Any] = [
      "parties_input": parties, "issue_input": time.value("issue") ?? "",
    ]
    var header: [String: Any] = [:]
    var status = 200
    if !parties.isEmpty {
      var arguments = time.arguments(asOf: true)
      arguments.add("parties", parties)
      if let issue = time.value("issue"), !issue.isEmpty { arguments.add("issue", issue) }
      do {
        let comparison = try json(store.answer(.compare, arguments))
        context["comparison"] = comparison
        header = comparison
      } catch {
        (context["error"], status) = describe(error)
      }
    }
    return try page(
      "compare", title: "Compare", time: time, path: "/compare", header: header,
      api: "/api/compare", context: context, hidden: ["parties", "issue"], status: status)
  }

  /// `/search?words=…`: positions, statements and documents by their words.
  public static func search(_ store: ParleyStore, query: Query) throws -> WebPage {
    let time = TimeQuery(query)
    let words = time.value("words") ?? ""
    var context: [String: Any] = ["words_input": words]
    var header: [String: Any] = [:]
    var status = 200
    if !words.allSatisfy(\.isWhitespace) {
      var arguments = time.arguments(asOf: false)
      arguments.add("words", words)
      do {
        var results = try json(store.answer(.search, arguments))
        results["hits"] = (results["hits"] as? [[String: Any]] ?? []).map { hit in
          var hit = hit
          hit["is_position"] = hit["kind"] as? String == "position"
          return hit
        }
        context["results"] = results
        header = results
      } catch {
        (context["error"], status) = describe(error)
      }
    }
    return try page(
      "search", title: "Search", time: time, path: "/search", header: header,
      api: "/api/search", context: context, hidden: ["words"], status: status)
  }

  /// `/report` and `/brief`: the CLI's self-contained HTML pages for the same options.
  public static func document(_ store: ParleyStore, _ command: ReadCommand, query: Query) throws
    -> WebPage
  {
    // An empty box of the time form asks nothing.
    let arguments = QuestionArguments(
      query.filter { !(TimeQuery.names.contains($0.0) && $0.1.isEmpty) })
    return WebPage(
      html: try store.answer(command, arguments).answer.render(HTMLRenderer()), status: 200)
  }

  /// A page saying what went wrong, in the CLI's words, with close names.
  public static func error(
    detail: String, suggestions: [String], status: Int, title: String, query: Query
  ) -> WebPage {
    let time = TimeQuery(query)
    let html =
      (try? page(
        "error", title: title, time: time, path: "/", header: [:], api: "/api/openapi.json",
        context: ["detail": detail, "suggestions": suggestions], status: status
      ).html)
      ?? "<!DOCTYPE html><title>Error</title><p>\(HTMLRenderer().escape(detail))</p>"
    return WebPage(html: html, status: status)
  }

  // MARK: - Rendering

  static func page(
    _ name: String, title: String, time: TimeQuery, path: String, header: [String: Any],
    api: String, context: [String: Any], hidden: [String] = [], status: Int = 200
  ) throws -> WebPage {
    let body = try render(name, enrich(context, time: time))
    var layout: [String: Any] = [
      "title": title, "css": HTMLRenderer.css + css, "path": path, "body": body, "api": api,
      "time_query": time.linkQuery, "as_of_input": time.value("as-of") ?? "",
      "known_at_input": time.value("known-at") ?? "",
      "published_by_input": time.value("published-by") ?? "",
      "hidden": time.pairs.filter { hidden.contains($0.0) && !$0.1.isEmpty }.map {
        ["name": $0.0, "value": $0.1]
      },
    ]
    layout["as_of"] = (header["as_of"] as? String) ?? time.asOfDay.description
    // The answer's own publication day when it has the field (null: not asked, or a
    // record-time diff), else the page's.
    let publishedBy =
      header.keys.contains("published_by")
      ? header["published_by"] as? String
      : time.value("published-by").flatMap { $0.isEmpty ? nil : $0 }
    if let publishedBy { layout["published_by"] = publishedBy }
    if let known = header["known_at"] as? [String: Any] {
      layout["revision"] = known["revision"]
      if let recorded = known["recorded_at"] as? String { layout["recorded_at"] = recorded }
    } else {
      layout["revision"] = "?"
    }
    return WebPage(html: try render("layout", layout), status: status)
  }

  static func render(_ name: String, _ context: [String: Any]) throws -> String {
    let text =
      EmbeddedResources.files.first { $0.path == "Templates/web/\(name).html.mustache" }?
      .text ?? ""
    return try MustacheTemplate(string: text).render(context)
  }

  /// The answer's JSON contract as a template context.
  static func json(_ answered: AnsweredQuestion) throws -> [String: Any] {
    let text = try answered.answer.json()
    return try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
  }

  /// Adds what templates need beside the JSON: links (`id_url`, `holder_url`, …), safe source
  /// links (`url_safe`: http and https only), stance colours, `has_…` for non-empty lists,
  /// lists of ids as objects; drops nulls, which a template would print.
  static func enrich(_ value: [String: Any], time: TimeQuery) -> [String: Any] {
    var result = enrichValue(value) as? [String: Any] ?? [:]
    result["time_query"] = time.linkQuery
    result["and_time"] = time.andQuery
    return result
  }

  private static let linkKeys: Set<String> = [
    "id", "holder", "issue", "party", "other", "position", "statement",
  ]

  private static func enrichValue(_ value: Any) -> Any {
    if let list = value as? [Any] { return list.map(enrichValue) }
    guard let object = value as? [String: Any] else { return value }
    var result: [String: Any] = [:]
    for (key, inner) in object {
      if inner is NSNull { continue }
      if let text = inner as? String {
        result[key] = text
        if linkKeys.contains(key) { result[key + "_url"] = urlEncode(text) }
        if key == "url", text.hasPrefix("https://") || text.hasPrefix("http://") {
          result["url_safe"] = text
        }
        if key == "kind", let kind = StanceKind(rawValue: text) {
          result["color"] = HTMLRenderer.color(kind)
        }
        if key == "modality", text != "firm" { result["modality_note"] = text }
        if key == "status", text != "active" { result["status_note"] = text }
        continue
      }
      if let list = inner as? [Any] {
        result["has_" + key] = !list.isEmpty
        if ["positions", "parties"].contains(key), let ids = list as? [String] {
          result[key] = ids.map { ["id": $0, "id_url": urlEncode($0)] }
          continue
        }
      }
      result[key] = enrichValue(inner)
    }
    return result
  }

  /// Path and query text for a link: unreserved characters and '/' kept, the rest escaped.
  static func urlEncode(_ text: String) -> String {
    var allowed = CharacterSet(
      charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/")
    allowed.remove(charactersIn: "")
    return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
  }

  static func describe(_ error: any Error) -> (String, Int) {
    switch error {
    case let error as QueryError:
      switch error {
      case .unknownParty, .unknownIssue, .unknownPosition, .unknownDocument, .machineCoded:
        return (error.description, 404)
      default: return (error.description, 400)
      }
    case let error as QuestionError: return (error.description, 400)
    case let error as QuerySyntaxError: return (error.description, 400)
    default: return ("\(error)", 500)
    }
  }

  static let css = """
    nav.top { display: flex; flex-wrap: wrap; gap: 14px; align-items: center; border-bottom: 1px solid #d5d8dc; padding-bottom: 8px; }
    nav.top form.time { margin-left: auto; } nav.top input, form.ask input { font: inherit; padding: 2px 4px; }
    form.ask { display: flex; flex-wrap: wrap; gap: 10px; margin: 12px 0; } .error { color: #922b21; font-weight: bold; }
    .quote { margin: 2px 0; } ul.events { padding-left: 18px; } ul.columns { columns: 2; } .stance { white-space: nowrap; }
    footer { margin-top: 32px; border-top: 1px solid #d5d8dc; padding-top: 8px; }
    """
}

/// The time questions of a page's query string, and the query to keep them in links.
struct TimeQuery {
  let pairs: [(String, String)]

  init(_ pairs: [(String, String)]) { self.pairs = pairs }

  /// The time questions a page keeps in its links.
  static let names = ["as-of", "known-at", "published-by"]

  func value(_ name: String) -> String? { pairs.last { $0.0 == name }?.1 }

  private var given: [(String, String)] {
    Self.names.compactMap { name in
      value(name).flatMap { $0.isEmpty ? nil : (name, $0) }
    }
  }

  /// `?as-of=…&known-at=…&published-by=…`, or nothing when none is given.
  var linkQuery: String {
    given.isEmpty
      ? "" : "?" + given.map { "\($0.0)=\(WebPages.urlEncode($0.1))" }.joined(separator: "&")
  }

  /// `&as-of=…&known-at=…&published-by=…`, to follow other parameters.
  var andQuery: String {
    given.map { "&\($0.0)=\(WebPages.urlEncode($0.1))" }.joined()
  }

  /// The as-of day (today when none or a bad one is given: the question then says which).
  var asOfDay: PartialDate {
    guard let text = value("as-of"), !text.isEmpty, text != "today",
      let day = try? PartialDate(parsing: text)
    else { return PartialDate.today() }
    return day
  }

  /// `days` days before the as-of day.
  func daysBefore(_ days: Int) -> PartialDate {
    PartialDate(storedValue: PartialDate.day(asOfDay.lastDay, plus: -days), precision: .day)
  }

  /// The question's arguments: `known-at`, and `as-of` and `published-by` when the command
  /// takes them.
  func arguments(asOf: Bool, publishedBy: Bool = true) -> QuestionArguments {
    var arguments = QuestionArguments()
    for (name, value) in given
    where (asOf || name != "as-of") && (publishedBy || name != "published-by") {
      arguments.add(name, value)
    }
    return arguments
  }

  func withoutKnownAt(_ arguments: QuestionArguments) -> QuestionArguments {
    var result = QuestionArguments(quote: arguments.quote)
    for (name, values) in arguments.values where name != "known-at" && name != "published-by" {
      for value in values { result.add(name, value) }
    }
    return result
  }

  func knownAt(in store: ParleyStore) throws -> KnownAt {
    guard let text = value("known-at"), !text.isEmpty else { return .latest }
    return try store.knownAt(parsing: text)
  }
}
