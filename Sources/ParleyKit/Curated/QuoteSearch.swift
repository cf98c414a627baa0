/// Finds a quote in a document's text in time linear in the text, whatever the two hold.
///
/// Knuth–Morris–Pratt over the UTF-8 bytes: the text is read once, without copies, and no
/// byte of it is compared more than twice. A naive search compares the quote at every place
/// its first character occurs, which takes the text's length times the quote's on texts such as
/// "aaaa…" (the one a user reported ran for 35 s on a small file). A match can only start on a
/// character boundary (the quote begins with one), so byte matches are character matches;
/// offsets are counted in Unicode scalars, as `quote_start` is.
enum QuoteSearch {
  /// Every offset (in Unicode scalars) where `quote` occurs in `text`, overlapping ones too.
  static func scalarOffsets(of quote: String, in text: String) -> [Int] {
    var quote = quote
    var text = text
    return quote.withUTF8 { pattern in
      text.withUTF8 { haystack in offsets(of: pattern, in: haystack) }
    }
  }

  private static func offsets(
    of pattern: UnsafeBufferPointer<UInt8>, in text: UnsafeBufferPointer<UInt8>
  ) -> [Int] {
    let count = pattern.count
    guard count > 0, count <= text.count else { return [] }
    // failure[i]: the length of the longest proper prefix of pattern[0...i] that is also its
    // suffix.
    var failure = [Int](repeating: 0, count: count)
    var length = 0
    for index in 1..<count {
      while length > 0 && pattern[index] != pattern[length] { length = failure[length - 1] }
      if pattern[index] == pattern[length] { length += 1 }
      failure[index] = length
    }
    let patternScalars = pattern.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
    var result: [Int] = []
    var scalars = 0  // scalars in text[0...index]
    var matched = 0
    for index in 0..<text.count {
      let byte = text[index]
      if byte & 0xC0 != 0x80 { scalars += 1 }
      while matched > 0 && byte != pattern[matched] { matched = failure[matched - 1] }
      if byte == pattern[matched] { matched += 1 }
      if matched == count {
        result.append(scalars - patternScalars)
        matched = failure[matched - 1]
      }
    }
    return result
  }
}
