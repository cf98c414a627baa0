/// Escaping of stored text for each output: whatever a curated file held, it is shown as text,
/// never run as markup, a link or a terminal command.
enum Escaping {
  /// Whether `url` may be a link: `http` or `https`, with nothing that could end an attribute
  /// or an autolink (spaces, quotes, angle brackets, backslashes, control characters).
  ///
  /// Any other URL (`javascript:`, `data:`, `file:`, …) is shown as text only.
  static func isSafeLink(_ url: String) -> Bool {
    let lowered = url.lowercased()
    guard lowered.hasPrefix("http://") || lowered.hasPrefix("https://"),
      url.unicodeScalars.count > (lowered.hasPrefix("https://") ? 8 : 7)
    else { return false }
    return !url.unicodeScalars.contains { scalar in
      scalar.value <= 0x20 || scalar.value == 0x7F || "\"'<>\\`".unicodeScalars.contains(scalar)
        || isInvisibleControl(scalar)
    }
  }

  /// `text` with every control character a terminal would act on made visible: C0 controls
  /// other than line feed and tab become their control pictures (ESC → ␛), DEL becomes ␡, and
  /// C1 controls and bidirectional overrides become U+FFFD.
  static func terminalSafe(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: needsReplacing) else { return text }
    var result = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      result.append(needsReplacing(scalar) ? picture(of: scalar) : scalar)
    }
    return String(result)
  }

  /// Text for HTML content or a quoted attribute value.
  static func html(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&#39;"
      default:
        if needsReplacing(scalar) {
          result.unicodeScalars.append(picture(of: scalar))
        } else {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    return result
  }

  /// Text for one line of Markdown (a table cell, a list item, a heading): markup characters
  /// are backslash-escaped, HTML is entity-escaped, and line breaks become spaces, so stored
  /// text can neither start a block (a heading, a list) nor open a tag, a link or an image.
  static func markdown(_ text: String) -> String {
    var result = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "|": result += "\\|"
      case "\n", "\r": result += " "
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "&": result += "&amp;"
      case "*", "_", "`", "[", "]", "\\": result += "\\" + String(scalar)
      default:
        if needsReplacing(scalar) {
          result.unicodeScalars.append(picture(of: scalar))
        } else {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    return result
  }

  /// JSON text with the characters a terminal acts on or reorders (DEL, C1 controls,
  /// bidirectional overrides) written as `\uXXXX` escapes: the same data for a JSON reader,
  /// harmless on a screen. (The encoder already escapes C0 controls.)
  static func jsonSafe(_ json: String) -> String {
    guard json.unicodeScalars.contains(where: needsReplacing) else { return json }
    var result = String.UnicodeScalarView()
    for scalar in json.unicodeScalars {
      if needsReplacing(scalar) {
        let hex = String(scalar.value, radix: 16)
        result.append(
          contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).unicodeScalars)
      } else {
        result.append(scalar)
      }
    }
    return String(result)
  }

  // MARK: - Private

  private static func needsReplacing(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    if value < 0x20 { return value != 0x0A && value != 0x09 }
    return value == 0x7F || (0x80...0x9F).contains(value) || isInvisibleControl(scalar)
  }

  /// Bidirectional embeddings, overrides and isolates: they reorder what a reader sees.
  private static func isInvisibleControl(_ scalar: Unicode.Scalar) -> Bool {
    (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
  }

  private static func picture(of scalar: Unicode.Scalar) -> Unicode.Scalar {
    switch scalar.value {
    case 0..<0x20: Unicode.Scalar(0x2400 + scalar.value)!
    case 0x7F: "\u{2421}"
    default: "\u{FFFD}"
    }
  }
}
