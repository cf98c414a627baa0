import Foundation
import Mustache

/// Renders the briefing through a Mustache template: the built-in ones, or a user's own.
///
/// The template sees the feed's JSON fields (as in `Schema/briefing.schema.json`) plus a few
/// conveniences: `details_text`, `conditions_text`, `waits_on_text`, `flags_text` (lists joined
/// into one line), `modality_note` (the modality unless firm), `speaker_or_source`, `color` (the
/// stance's colour) and `css` (the built-in style sheet). A source's `url` is there only when it
/// is an http(s) URL (`url_text` always holds it as text). For Markdown, every value is
/// Markdown-escaped before the template sees it.
public enum BriefTemplates {
  /// The built-in Markdown template.
  public static var defaultMarkdown: String { embedded("brief.md.mustache") }
  /// The built-in HTML template.
  public static var defaultHTML: String { embedded("brief.html.mustache") }

  /// Renders `briefing` with `template`; `html` selects the built-in style sheet for `css`.
  public static func render(_ briefing: Briefing, template: String, html: Bool) throws -> String {
    let compiled = try MustacheTemplate(string: template)
    var context =
      try JSONSerialization.jsonObject(
        with: JSONEncoder().encode(briefing)) as? [String: Any] ?? [:]
    context = enrich(context) as? [String: Any] ?? [:]
    // The Markdown template prints values raw ({{{…}}}), as Markdown has no escaping of its
    // own: every value is escaped here, so stored text stays text in any template. Mustache
    // escapes HTML markup itself; control characters are made visible here for both.
    context = escapeValues(context, markdown: !html) as? [String: Any] ?? [:]
    context["css"] = html ? HTMLRenderer.css : ""
    return compiled.render(context)
  }

  /// Every text value with its control characters made visible and, for Markdown, escaped;
  /// `url` (a safe http(s) link, whose backslashes would show inside an autolink) is left as is.
  private static func escapeValues(_ value: Any, markdown: Bool, key: String? = nil) -> Any {
    switch value {
    case let text as String:
      key == "url" ? text : markdown ? Escaping.markdown(text) : Escaping.terminalSafe(text)
    case let array as [Any]: array.map { escapeValues($0, markdown: markdown) }
    case let object as [String: Any]:
      object.reduce(into: [String: Any]()) { result, entry in
        result[entry.key] = escapeValues(entry.value, markdown: markdown, key: entry.key)
      }
    default: value
    }
  }

  private static func embedded(_ name: String) -> String {
    EmbeddedResources.files.first { $0.path == "Templates/" + name }?.text ?? ""
  }

  /// Drops nulls (so sections on them are skipped) and adds the convenience fields.
  private static func enrich(_ value: Any) -> Any? {
    switch value {
    case is NSNull:
      return nil
    case let array as [Any]:
      return array.compactMap(enrich)
    case let object as [String: Any]:
      var result: [String: Any] = [:]
      for (key, child) in object {
        if let enriched = enrich(child) { result[key] = enriched }
      }
      let joined = { (key: String, separator: String) -> String? in
        guard let list = object[key] as? [Any], !list.isEmpty else { return nil }
        return list.map { "\($0)" }.joined(separator: separator)
      }
      result["details_text"] = joined("details", "; ")
      result["conditions_text"] = joined("conditions", "; ")
      result["waits_on_text"] = joined("waits_on", ", ")
      result["flags_text"] = joined("flags", ", ")
      if let modality = object["modality"] as? String, modality != "firm" {
        result["modality_note"] = modality
      }
      if object["statement"] != nil {
        result["speaker_or_source"] =
          (object["speaker"] as? String) ?? "unnamed source for \(object["on_behalf_of"] ?? "")"
      }
      if let kind = (object["kind"] as? String).flatMap(StanceKind.init(rawValue:)) {
        result["color"] = HTMLRenderer.color(kind)
      }
      if let url = object["url"] as? String {
        // A link only for http(s): `url` is left out otherwise; `url_text` is always the text.
        result["url_text"] = url
        if !Escaping.isSafeLink(url) { result["url"] = nil }
      }
      return result
    default:
      return value
    }
  }
}
