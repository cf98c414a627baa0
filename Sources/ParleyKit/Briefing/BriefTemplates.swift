import Foundation
import Mustache

/// Renders the briefing through a Mustache template: the built-in ones, or a user's own.
///
/// The template sees the feed's JSON fields (as in `Schema/briefing.schema.json`) plus a few
/// conveniences: `details_text`, `conditions_text`, `waits_on_text`, `flags_text`, `steps_text`
/// (the dated path of a change) and `related_text` (the positions a change relates to): lists
/// joined into one line; `omitted_text` (what a focused brief left out, in words); `changed_trends` (the trends other than unchanged) and
/// `unchanged_trends_note` (how many are unchanged); `omitted_note` (a party's positions left
/// out of a focused brief); `modality_note` (the modality unless firm), `speaker_or_source`, `color` (the
/// stance's colour) and `css` (the built-in style sheet).
public enum BriefTemplates {
  /// The built-in Markdown template.
  public static var defaultMarkdown: String { embedded("brief.md.mustache") }
  /// The built-in HTML template.
  public static var defaultHTML: String { embedded("brief.html.mustache") }

  /// Renders `briefing` with `template`; `html` selects the built-in style sheet for `css`.
  ///
  /// `{{name}}` escapes the value for the output: for HTML (Mustache's default), or, in a
  /// Markdown template (`html` false), for Markdown (`String.markdownEscaped`), so user text
  /// can neither format nor inject markup; `{{{name}}}` writes it as it is. In Markdown, `url`
  /// is made safe for an autolink (`<{{{url}}}>`).
  public static func render(_ briefing: Briefing, template: String, html: Bool) throws -> String {
    let compiled: MustacheTemplate
    if html {
      compiled = try MustacheTemplate(string: template)
    } else {
      _ = registerMarkdown
      compiled = try MustacheTemplate(string: "{{% CONTENT_TYPE: MARKDOWN}}" + template)
    }
    var context =
      try JSONSerialization.jsonObject(
        with: JSONEncoder().encode(briefing)) as? [String: Any] ?? [:]
    context = enrich(context, markdown: !html) as? [String: Any] ?? [:]
    // What a focused brief left out, in words, naming only what it did leave out.
    if let omitted = context["omitted"] as? [String: Any] {
      let parts = [
        ("positions", "positions held"), ("world_changes", "world changes"),
        ("learned", "learned facts"), ("commitments", "commitments and threats"),
        ("open_conditions", "open conditions"), ("contested", "contested claims"),
        ("stale", "stale flags"),
      ].compactMap { key, noun -> String? in
        guard let count = omitted[key] as? Int, count > 0 else { return nil }
        return "\(count) more \(noun)"
      }
      if let last = parts.last {
        context["omitted_text"] =
          parts.count == 1 ? last : parts.dropLast().joined(separator: ", ") + " and " + last
      }
    }
    // Trends that moved are listed; the unchanged pairs are counted.
    if let trends = context["trends"] as? [[String: Any]] {
      let moved = trends.filter { $0["trend"] as? String != "unchanged" }
      context["changed_trends"] = moved
      if trends.count > moved.count {
        context["unchanged_trends_note"] = "\(trends.count - moved.count)"
      }
    }
    // Control characters a terminal or a bidi-aware viewer would act on are made visible in
    // every value first; `{{name}}` then escapes markup for the template's language.
    context = neutraliseControls(context) as? [String: Any] ?? [:]
    context["css"] = html ? HTMLRenderer.css : ""
    return compiled.render(context)
  }

  /// Every text value with its control characters made visible (``Escaping/terminalSafe(_:)``).
  private static func neutraliseControls(_ value: Any) -> Any {
    switch value {
    case let text as String: Escaping.terminalSafe(text)
    case let array as [Any]: array.map(neutraliseControls)
    case let object as [String: Any]: object.mapValues(neutraliseControls)
    default: value
    }
  }

  /// Escapes `{{name}}` in Markdown templates.
  private struct MarkdownContentType: MustacheContentType {
    func escapeText(_ text: String) -> String { text.markdownEscaped }
  }

  /// Registers ``MarkdownContentType`` with Mustache, once.
  private static let registerMarkdown: Void = {
    MustacheContentTypes.register(MarkdownContentType(), named: "MARKDOWN")
  }()

  private static func embedded(_ name: String) -> String {
    EmbeddedResources.files.first { $0.path == "Templates/" + name }?.text ?? ""
  }

  /// Drops nulls (so sections on them are skipped) and adds the convenience fields.
  private static func enrich(_ value: Any, markdown: Bool) -> Any? {
    switch value {
    case is NSNull:
      return nil
    case let array as [Any]:
      return array.compactMap { enrich($0, markdown: markdown) }
    case let object as [String: Any]:
      var result: [String: Any] = [:]
      for (key, child) in object {
        if let enriched = enrich(child, markdown: markdown) { result[key] = enriched }
      }
      let joined = { (key: String, separator: String) -> String? in
        guard let list = object[key] as? [Any], !list.isEmpty else { return nil }
        return list.map { "\($0)" }.joined(separator: separator)
      }
      result["details_text"] = joined("details", "; ")
      result["conditions_text"] = joined("conditions", "; ")
      result["waits_on_text"] = joined("waits_on", ", ")
      result["flags_text"] = joined("flags", ", ")
      if let omitted = object["omitted_positions"] as? Int, omitted > 0 {
        result["omitted_note"] = "\(omitted)"
      }
      if let steps = object["steps"] as? [[String: Any]], steps.count > 1 {
        result["steps_text"] = steps.map { step in
          let ids = [step["from"], step["to"]].compactMap { $0 as? String }.joined(separator: " → ")
          return "\(step["on"] ?? "") \(step["change"] ?? ""): \(ids)"
        }.joined(separator: "; ")
      }
      if let related = object["related"] as? [[String: Any]], !related.isEmpty {
        result["related_text"] = related.map { relation in
          let verb =
            relation["direction"] as? String == "outgoing"
            ? "\(relation["kind"] ?? "")" : "\(relation["kind"] ?? "") (from)"
          return
            "\(verb) \(relation["other"] ?? "") (\(relation["other_holder"] ?? ""): \(relation["other_proposition"] ?? ""))"
        }.joined(separator: "; ")
      }
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
        // In Markdown the link is written inside <…>, with what would end it percent-encoded.
        result["url_text"] = url
        let link = markdown ? url.markdownAutolinkURL : url
        result["url"] = Escaping.isSafeLink(link) ? link : nil
      }
      return result
    default:
      return value
    }
  }
}
