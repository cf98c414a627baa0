// Escaping user text for the markup formats: one definition per language, used by the
// renderers and the brief's templates alike.

extension String {
  /// The text escaped for HTML element content and quoted attribute values.
  var htmlEscaped: String {
    var result = ""
    result.reserveCapacity(utf8.count)
    // Control characters are made visible first (`Escaping.terminalSafe`).
    for character in Escaping.terminalSafe(self) {
      switch character {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&#39;"
      default: result.append(character)
      }
    }
    return result
  }

  /// The text escaped for Markdown, inline or in a table cell: pipes and Markdown's markup
  /// characters are backslash-escaped, HTML's are written as entities (Markdown passes raw HTML
  /// through), and line breaks become spaces, so user text can neither format nor break a line.
  var markdownEscaped: String {
    var result = ""
    result.reserveCapacity(utf8.count)
    // Control characters are made visible first (`Escaping.terminalSafe`).
    for character in Escaping.terminalSafe(self) {
      switch character {
      case "|": result += "\\|"
      case "\n", "\r", "\r\n": result += " "
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "&": result += "&amp;"
      case "*", "_", "`", "[", "]", "\\": result += "\\\(character)"
      default: result.append(character)
      }
    }
    return result
  }

  /// The text as part of an HTML `id` and `#` link.
  ///
  /// Letters and digits are kept, anything else becomes a hyphen. Every anchor goes through
  /// this, so links and their targets always agree.
  var htmlAnchorID: String {
    map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
  }

  /// The text as the address of a Markdown autolink, `<…>`.
  ///
  /// Characters an autolink cannot hold (spaces, `<`, `>`, control characters) are
  /// percent-encoded, so a hostile address cannot close the link and write markup. A
  /// well-formed URL is unchanged.
  var markdownAutolinkURL: String {
    var result = ""
    result.reserveCapacity(utf8.count)
    for scalar in unicodeScalars {
      switch scalar {
      case " ", "<", ">", "\u{7F}", "\u{00}"..."\u{1F}":
        for byte in String(scalar).utf8 {
          result += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
        }
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result
  }
}
