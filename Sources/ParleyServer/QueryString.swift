import Foundation

/// Query strings as browsers and clients write them: `name=value` pairs joined by `&`, `+` for a
/// space (HTML forms), percent-escapes for the rest.
///
/// Names and values are both decoded.
enum QueryString {
  static func pairs(_ query: String?) -> [(String, String)] {
    guard let query, !query.isEmpty else { return [] }
    return query.split(separator: "&", omittingEmptySubsequences: true).map { part in
      let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let value = pieces.count > 1 ? decode(pieces[1]) : ""
      return (decode(pieces[0]), value)
    }
  }

  /// Decodes one name or value; text whose escapes do not decode is kept as it came.
  static func decode(_ text: Substring) -> String {
    let spaced = text.replacingOccurrences(of: "+", with: " ")
    return spaced.removingPercentEncoding ?? spaced
  }

  /// Encodes a value for a link: everything but unreserved characters is escaped.
  static func encode(_ text: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~/")
    return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
  }
}
