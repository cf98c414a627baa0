// Text helpers shared by the loader's checks and its messages.

extension String {
  /// The number of words (runs of non-whitespace) in the text.
  var wordCount: Int {
    var count = 0
    var inWord = false
    for scalar in unicodeScalars {
      let isSpace =
        scalar.isASCII
        ? (scalar == " " || (0x09...0x0D).contains(scalar.value)) : scalar.properties.isWhitespace
      if !isSpace && !inWord { count += 1 }
      inWord = !isSpace
    }
    return count
  }

  /// Every offset (in Unicode scalars) where `needle` occurs in the text.
  func scalarOffsets(of needle: String) -> [Int] {
    // Linear in the text (`QuoteSearch`): a long text and a quote that almost matches
    // everywhere cannot make a load quadratic.
    QuoteSearch.scalarOffsets(of: needle, in: self)
  }
}

/// Quotes a user value for a message, shortened when long.
func quoted(_ value: String) -> String {
  let clipped = value.count > 60 ? String(value.prefix(57)) + "…" : value
  return "'\(clipped)'"
}
