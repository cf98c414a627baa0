import Foundation

/// A user's document as text: plain text as given, or an HTML page reduced to the text a reader
/// sees, with what the page says about itself (title, outlet, address, publication date).
public struct DocumentText: Sendable, Equatable {
  /// The text that is stored, hashed and searched.
  public var text: String
  /// The page's own title (`<title>`, `og:title`, the first heading), or the first line of a
  /// plain text.
  public var title: String?
  /// `og:site_name`, when an HTML page gives it.
  public var outlet: String?
  /// `og:url` or the canonical link, when an HTML page gives it.
  public var url: String?
  /// `article:published_time` (or a similar meta tag), when an HTML page gives it.
  public var published: PartialDate?
  /// Whether the input was read as HTML.
  public var wasHTML: Bool

  /// Reads a document's bytes: HTML when `path` ends in `.html`/`.htm` or the text begins like a
  /// page, plain text otherwise.
  ///
  /// The text must be UTF-8.
  public static func read(data: Data, path: String) -> DocumentText? {
    guard var text = String(data: data, encoding: .utf8) else { return nil }
    if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
    let lower = path.lowercased()
    if lower.hasSuffix(".html") || lower.hasSuffix(".htm") || looksLikeHTML(text) {
      return fromHTML(text)
    }
    return DocumentText(
      text: text, title: firstLine(of: text), outlet: nil, url: nil, published: nil,
      wasHTML: false)
  }

  /// Whether a text begins like an HTML page.
  static func looksLikeHTML(_ text: String) -> Bool {
    let head = text.prefix(1024).drop(while: \.isWhitespace).lowercased()
    return head.hasPrefix("<!doctype html") || head.hasPrefix("<html")
      || (head.hasPrefix("<") && (head.contains("<body") || head.contains("<p>")))
  }

  /// The first non-blank line, shortened at a word boundary to at most 100 characters.
  static func firstLine(of text: String) -> String? {
    guard
      let line = text.split(whereSeparator: \.isNewline).lazy
        .map({ $0.trimmingCharacters(in: .whitespaces) }).first(where: { !$0.isEmpty })
    else { return nil }
    return shorten(line, to: 100)
  }

  static func shorten(_ text: String, to limit: Int) -> String {
    guard text.count > limit else { return text }
    var clipped = String(text.prefix(limit))
    if let space = clipped.lastIndex(of: " ") { clipped = String(clipped[..<space]) }
    return clipped + "…"
  }

  // MARK: - HTML

  /// Reduces an HTML page to its text: scripts, styles and the head dropped, block elements on
  /// lines of their own, entities decoded, runs of spaces collapsed.
  static func fromHTML(_ html: String) -> DocumentText {
    let meta = metaTags(html)
    func metaValue(_ names: String...) -> String? {
      for name in names {
        if let value = meta[name], !value.isEmpty { return decodeEntities(value) }
      }
      return nil
    }
    var title = metaValue("og:title")
    if title == nil, let range = elementContent(html, tag: "title") {
      title = collapse(decodeEntities(stripTags(String(html[range]))))
    }
    if title == nil || title!.isEmpty, let range = elementContent(html, tag: "h1") {
      title = collapse(decodeEntities(stripTags(String(html[range]))))
    }
    var url = metaValue("og:url")
    if url == nil { url = canonicalLink(html) }
    var published: PartialDate?
    if let value = metaValue(
      "article:published_time", "datepublished", "date", "pubdate", "dc.date", "og:published_time")
    {
      published = try? PartialDate(parsing: String(value.prefix(10)))
    }

    var body = html
    if let range = elementContent(body, tag: "body") { body = String(body[range]) }
    for tag in ["script", "style", "noscript", "head", "template", "svg", "nav", "footer"] {
      body = removeElements(body, tag: tag)
    }
    body = body.replacingOccurrences(
      of: "<!--[\\s\\S]*?-->", with: "", options: .regularExpression)
    // Block boundaries become line breaks.
    body = body.replacingOccurrences(
      of:
        "<(br|/?p|/?div|/?li|/?ul|/?ol|/?h[1-6]|/?tr|/?table|/?section|/?article|/?blockquote|/?header|/?figure|/?figcaption|/?main|/?aside|hr)\\b[^>]*>",
      with: "\n", options: [.regularExpression, .caseInsensitive])
    body = stripTags(body)
    body = decodeEntities(body)
    let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
      .map { collapse(String($0)) }
      .filter { !$0.isEmpty }
    let text = lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n")
    return DocumentText(
      text: text, title: title.map { shorten($0, to: 200) } ?? firstLine(of: text),
      outlet: metaValue("og:site_name"), url: url, published: published, wasHTML: true)
  }

  /// The range inside the first `<tag …>…</tag>`, case aside.
  static func elementContent(_ html: String, tag: String) -> Range<String.Index>? {
    guard
      let open = html.range(
        of: "<\(tag)(\\s[^>]*)?>", options: [.regularExpression, .caseInsensitive]),
      let close = html.range(
        of: "</\(tag)\\s*>", options: [.regularExpression, .caseInsensitive],
        range: open.upperBound..<html.endIndex)
    else { return nil }
    return open.upperBound..<close.lowerBound
  }

  static func removeElements(_ html: String, tag: String) -> String {
    html.replacingOccurrences(
      of: "<\(tag)(\\s[^>]*)?>[\\s\\S]*?</\(tag)\\s*>", with: "\n",
      options: [.regularExpression, .caseInsensitive])
  }

  static func stripTags(_ html: String) -> String {
    html.replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression)
  }

  /// Runs of whitespace (no line breaks left inside) as one space, trimmed.
  static func collapse(_ text: String) -> String {
    text.replacingOccurrences(of: "[\\s\u{00A0}]+", with: " ", options: .regularExpression)
      .trimmingCharacters(in: .whitespaces)
  }

  /// `<meta name|property="…" content="…">` pairs, names in lower case.
  static func metaTags(_ html: String) -> [String: String] {
    var result: [String: String] = [:]
    guard
      let tagPattern = try? NSRegularExpression(
        pattern: "<meta\\s[^>]*>", options: [.caseInsensitive]),
      let attributePattern = try? NSRegularExpression(
        pattern: "([a-zA-Z:-]+)\\s*=\\s*(\"([^\"]*)\"|'([^']*)')", options: [])
    else { return result }
    let nsHTML = html as NSString
    for match in tagPattern.matches(in: html, range: NSRange(location: 0, length: nsHTML.length)) {
      let tag = nsHTML.substring(with: match.range)
      let nsTag = tag as NSString
      var attributes: [String: String] = [:]
      for attribute in attributePattern.matches(
        in: tag, range: NSRange(location: 0, length: nsTag.length))
      {
        let name = nsTag.substring(with: attribute.range(at: 1)).lowercased()
        let valueRange =
          attribute.range(at: 3).location != NSNotFound
          ? attribute.range(at: 3) : attribute.range(at: 4)
        attributes[name] =
          valueRange.location == NSNotFound ? "" : nsTag.substring(with: valueRange)
      }
      if let name = attributes["property"] ?? attributes["name"] ?? attributes["itemprop"],
        let content = attributes["content"], result[name.lowercased()] == nil
      {
        result[name.lowercased()] = content
      }
    }
    return result
  }

  static func canonicalLink(_ html: String) -> String? {
    guard
      let range = html.range(
        of: "<link\\s[^>]*rel=[\"']canonical[\"'][^>]*>",
        options: [.regularExpression, .caseInsensitive]),
      let href = html[range].range(
        of: "href=[\"'][^\"']*[\"']", options: [.regularExpression, .caseInsensitive])
    else { return nil }
    let value = html[range][href].dropFirst(6).dropLast()
    return value.isEmpty ? nil : decodeEntities(String(value))
  }

  /// Decodes the common named entities and every numeric one.
  static func decodeEntities(_ text: String) -> String {
    guard text.contains("&") else { return text }
    let named: [String: String] = [
      "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ",
      "ndash": "–", "mdash": "—", "lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”",
      "hellip": "…", "laquo": "«", "raquo": "»", "copy": "©", "reg": "®", "euro": "€",
      "pound": "£", "middot": "·", "bull": "•", "eacute": "é", "egrave": "è", "uuml": "ü",
      "ouml": "ö", "auml": "ä", "ccedil": "ç", "aacute": "á", "iacute": "í", "oacute": "ó",
      "uacute": "ú", "ntilde": "ñ",
    ]
    var result = ""
    var index = text.startIndex
    while index < text.endIndex {
      let character = text[index]
      guard character == "&",
        let semicolon = text[index...].prefix(12).firstIndex(of: ";")
      else {
        result.append(character)
        index = text.index(after: index)
        continue
      }
      let name = text[text.index(after: index)..<semicolon]
      var replacement: String?
      if name.hasPrefix("#x") || name.hasPrefix("#X") {
        replacement = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map {
          String($0)
        }
      } else if name.hasPrefix("#") {
        replacement = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String($0) }
      } else {
        replacement = named[String(name)]
      }
      if let replacement {
        result += replacement
        index = text.index(after: semicolon)
      } else {
        result.append(character)
        index = text.index(after: index)
      }
    }
    return result
  }
}
