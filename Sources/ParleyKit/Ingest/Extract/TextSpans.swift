/// A word or punctuation mark of a document, with its place in Unicode scalars (the unit of
/// `quote_start`).
struct Token: Sendable, Equatable {
  /// As written.
  var text: String
  /// Lower case, curly apostrophes straightened: what lexicons are matched against.
  var lower: String
  /// Offsets in the document, in Unicode scalars: `[start, end)`.
  var start: Int
  var end: Int

  var isWord: Bool {
    text.unicodeScalars.first.map { $0.properties.isAlphabetic || ("0"..."9").contains($0) }
      ?? false
  }
  var isCapitalized: Bool { text.first?.isUppercase ?? false }
  /// Every letter upper case ("US", "U.S.", "NATO").
  var isAllCaps: Bool {
    let letters = text.filter(\.isLetter)
    return !letters.isEmpty && letters.allSatisfy(\.isUppercase)
  }
}

/// A sentence of a document: its tokens and its span.
struct Sentence: Sendable {
  var index: Int
  var tokens: [Token]
  var start: Int
  var end: Int
}

/// Splits a document into sentences of tokens, keeping every offset in Unicode scalars.
struct TextSpans: Sendable {
  let scalars: [Unicode.Scalar]
  let sentences: [Sentence]

  init(_ text: String) {
    let scalars = Array(text.unicodeScalars)
    self.scalars = scalars
    self.sentences = Self.split(Self.tokenize(scalars), scalars: scalars)
  }

  /// The text between two scalar offsets.
  func text(_ start: Int, _ end: Int) -> String {
    var result = String.UnicodeScalarView()
    result.append(contentsOf: scalars[max(0, start)..<min(end, scalars.count)])
    return String(result)
  }

  // MARK: - Tokens

  static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
    scalar.properties.isAlphabetic || scalar.properties.numericType != nil
  }

  static func tokenize(_ scalars: [Unicode.Scalar]) -> [Token] {
    var tokens: [Token] = []
    var index = 0
    let count = scalars.count
    func make(_ start: Int, _ end: Int) -> Token {
      var view = String.UnicodeScalarView()
      view.append(contentsOf: scalars[start..<end])
      let text = String(view)
      let lower = text.lowercased().replacingOccurrences(of: "’", with: "'")
      return Token(text: text, lower: lower, start: start, end: end)
    }
    while index < count {
      let scalar = scalars[index]
      if scalar.properties.isWhitespace {
        // A line break is kept as a token: sentences never cross one.
        if scalar == "\n" {
          tokens.append(Token(text: "\n", lower: "\n", start: index, end: index + 1))
        }
        index += 1
        continue
      }
      if isWordScalar(scalar) {
        var end = index + 1
        while end < count {
          let next = scalars[end]
          if isWordScalar(next) {
            end += 1
            continue
          }
          // Inner hyphens and dots ("30-day", "U.S."), and a dot closing an abbreviation of
          // single letters ("U.S.").
          if (next == "-" || next == ".") && end + 1 < count && isWordScalar(scalars[end + 1]) {
            if next == "." {
              // Only single letters joined by dots: "U.S", not "end.Next".
              let run = end - index
              let lettersBefore = run == 1 || (run >= 3 && scalars[end - 2] == ".")
              guard lettersBefore, end + 2 <= count,
                end + 2 == count || !isWordScalar(scalars[end + 2])
              else { break }
            }
            end += 1
            continue
          }
          break
        }
        // "U.S." keeps its final dot.
        if end < count, scalars[end] == ".", end - index >= 3, scalars[end - 2] == "." {
          end += 1
        }
        // A possessive "’s" or "'s" is a token of its own.
        if end + 1 < count, scalars[end] == "’" || scalars[end] == "'",
          scalars[end + 1] == "s" || scalars[end + 1] == "S",
          end + 2 == count || !isWordScalar(scalars[end + 2])
        {
          tokens.append(make(index, end))
          tokens.append(make(end, end + 2))
          index = end + 2
          continue
        }
        // "n't" of "won't", "didn't".
        if end + 2 < count, scalars[end] == "’" || scalars[end] == "'", scalars[end + 1] == "t",
          end - 1 > index, scalars[end - 1] == "n" || scalars[end - 1] == "N"
        {
          tokens.append(make(index, end - 1))
          tokens.append(make(end - 1, end + 2))
          index = end + 2
          continue
        }
        tokens.append(make(index, end))
        index = end
        continue
      }
      tokens.append(make(index, index + 1))
      index += 1
    }
    return tokens
  }

  // MARK: - Sentences

  static let abbreviations: Set<String> = [
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt", "st", "sen", "rep", "gov",
    "pres", "prof", "jr", "sr", "no", "vs", "etc", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "adm", "cmdr", "amb", "min", "mt", "ft", "inc", "ltd",
    "co", "corp",
  ]

  static func split(_ tokens: [Token], scalars: [Unicode.Scalar]) -> [Sentence] {
    var sentences: [Sentence] = []
    var current: [Token] = []
    func close() {
      let words = current.filter { $0.text != "\n" }
      if !words.isEmpty {
        sentences.append(
          Sentence(
            index: sentences.count, tokens: words, start: words.first!.start,
            end: words.last!.end))
      }
      current = []
    }
    let closers: Set<String> = ["”", "\"", "’", "'", ")", "»"]
    var index = 0
    while index < tokens.count {
      let token = tokens[index]
      if token.text == "\n" {
        close()
        index += 1
        continue
      }
      current.append(token)
      if token.text == "." || token.text == "!" || token.text == "?" {
        // Closing quotes and brackets stay with the sentence.
        while index + 1 < tokens.count, closers.contains(tokens[index + 1].text) {
          index += 1
          current.append(tokens[index])
        }
        let previous = current.count >= 2 ? current[current.count - 2] : nil
        let isAbbreviation =
          token.text == "."
          && (previous.map {
            abbreviations.contains($0.lower) || ($0.text.count == 1 && $0.isCapitalized)
          } ?? false)
        let next = index + 1 < tokens.count ? tokens[index + 1] : nil
        let nextStartsSentence =
          next == nil || next!.text == "\n" || next!.isCapitalized || next!.text == "“"
          || next!.text == "\"" || next!.text.first?.isNumber == true
        if !isAbbreviation && nextStartsSentence { close() }
      }
      index += 1
    }
    close()
    return sentences
  }
}
