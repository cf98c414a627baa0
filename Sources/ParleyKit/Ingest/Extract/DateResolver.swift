/// Resolves the dates a sentence gives ("today", "on Wednesday", "last August", "12 March")
/// against the document's publication day, with their precision and how they were derived.
struct DateResolver: Sendable {
  /// The publication day (`yyyymmdd`), or nil when the document has none.
  var published: Int?
  /// The day used when the document has no publication date (today, said so in the basis).
  var fallback: Int

  struct Resolved: Sendable, Equatable {
    var date: PartialDate
    var basis: String
    /// Token range of the expression in its sentence, nil for the publication-day default.
    var tokens: ClosedRange<Int>?
  }

  static let weekdays = [
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
  ]
  static let months = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
  ]
  static let monthAbbreviations = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
  ]

  var reference: Int { published ?? fallback }
  var referenceText: String {
    published.map { "the publication day, \(PartialDate(storedValue: $0, precision: .day))" }
      ?? "today, \(PartialDate(storedValue: fallback, precision: .day)) (the document has no publication date)"
  }

  static func month(_ word: String) -> Int? {
    if let index = months.firstIndex(of: word) { return index + 1 }
    if let index = monthAbbreviations.firstIndex(of: word.replacingOccurrences(of: ".", with: "")) {
      return index + 1
    }
    return nil
  }

  /// Every date expression in a sentence, left to right.
  func expressions(in tokens: [Token]) -> [Resolved] {
    var result: [Resolved] = []
    let words = tokens.map(\.lower)
    let ref = CivilDate(yyyymmdd: reference)
    func day(_ yyyymmdd: Int) -> PartialDate { PartialDate(storedValue: yyyymmdd, precision: .day) }
    var index = 0
    while index < words.count {
      let word = words[index]
      let next = index + 1 < words.count ? words[index + 1] : ""
      let previous = index > 0 ? words[index - 1] : ""
      switch word {
      case "today", "tonight", "overnight":
        result.append(
          Resolved(
            date: day(reference), basis: "\"\(tokens[index].text)\": \(referenceText)",
            tokens: index...index))
      case "yesterday":
        result.append(
          Resolved(
            date: day(PartialDate.day(reference, plus: -1)),
            basis: "\"yesterday\": the day before \(referenceText)", tokens: index...index))
      case _ where Self.weekdays.contains(word):
        let target = Self.weekdays.firstIndex(of: word)!  // 0 = Monday
        // 1970-01-01 was a Thursday (index 3).
        let refWeekday = ((ref.daysSince1970 % 7) + 7 + 3) % 7
        var back = (refWeekday - target + 7) % 7
        let lastWeek = previous == "last"
        if lastWeek && back == 0 { back = 7 }
        let date = PartialDate.day(reference, plus: -back)
        let start = (previous == "on" || previous == "last") ? index - 1 : index
        let phrase = tokens[start...index].map(\.text).joined(separator: " ")
        result.append(
          Resolved(
            date: day(date),
            basis: back == 0
              ? "\"\(phrase)\": the same weekday as \(referenceText)"
              : "\"\(phrase)\": the \(tokens[index].text) before \(referenceText)",
            tokens: start...index))
      case "last" where next == "week":
        let date = PartialDate.day(reference, plus: -7)
        result.append(
          Resolved(
            date: PartialDate(storedValue: date / 100 * 100 + 1, precision: .month),
            basis: "\"last week\": the week before \(referenceText), known to the month",
            tokens: index...index + 1))
        index += 1
      case "last" where next == "month":
        let month = ref.month == 1 ? (ref.year - 1) * 100 + 12 : ref.year * 100 + ref.month - 1
        result.append(
          Resolved(
            date: PartialDate(storedValue: month * 100 + 1, precision: .month),
            basis: "\"last month\": the month before \(referenceText)", tokens: index...index + 1))
        index += 1
      case "last" where next == "year":
        result.append(
          Resolved(
            date: PartialDate(storedValue: (ref.year - 1) * 10000 + 101, precision: .year),
            basis: "\"last year\": the year before \(referenceText)", tokens: index...index + 1))
        index += 1
      case _ where Self.month(word) != nil && word.count > 2:
        let month = Self.month(word)!
        if word == "may" && !tokens[index].isCapitalized { break }
        // "March 12, 2025", "March 12", "March 2025", "last August", "in August".
        var dayNumber: Int?
        var year: Int?
        var end = index
        if let value = Int(next), (1...31).contains(value) {
          dayNumber = value
          end = index + 1
          if end + 1 < words.count, words[end + 1] == ",", end + 2 < words.count,
            let y = Int(words[end + 2]), (1900...2100).contains(y)
          {
            year = y
            end += 2
          } else if end + 1 < words.count, let y = Int(words[end + 1]), (1900...2100).contains(y) {
            year = y
            end += 1
          }
        } else if let y = Int(next), (1900...2100).contains(y) {
          year = y
          end = index + 1
        }
        var start = index
        // "12 March (2025)".
        if dayNumber == nil, let value = Int(previous), (1...31).contains(value) {
          dayNumber = value
          start = index - 1
        }
        let isLast = start > 0 && words[start - 1] == "last"
        if isLast { start -= 1 }
        let resolvedYear: Int =
          year
          ?? ((month < ref.month || (month == ref.month && (dayNumber ?? 1) <= ref.day))
            && !(isLast && month == ref.month)
            ? ref.year : ref.year - 1)
        let phrase = tokens[start...end].map(\.text).joined(separator: " ")
        if let dayNumber,
          let date = try? PartialDate(year: resolvedYear, month: month, day: dayNumber)
        {
          result.append(
            Resolved(
              date: date,
              basis: year != nil
                ? "\"\(phrase)\" in the text"
                : "\"\(phrase)\": the latest such day on or before \(referenceText)",
              tokens: start...end))
        } else if let date = try? PartialDate(year: resolvedYear, month: month) {
          result.append(
            Resolved(
              date: date,
              basis: year != nil
                ? "\"\(phrase)\" in the text, known to the month"
                : "\"\(phrase)\": the latest such month before \(referenceText), known to the month",
              tokens: start...end))
        }
        index = end
      case _
      where word.count == 4 && Int(word).map({ (1900...2100).contains($0) }) == true
        && (previous == "in" || previous == "since"):
        result.append(
          Resolved(
            date: PartialDate(storedValue: Int(word)! * 10000 + 101, precision: .year),
            basis: "\"\(tokens[index - 1].text) \(word)\" in the text, known to the year",
            tokens: index - 1...index))
      default: break
      }
      index += 1
    }
    return result
  }

  /// The date of a statement whose cue is at `cue` and whose verb of saying (if any) is at
  /// `speech`: an expression beside either, else "today"-like words or a weekday anywhere in
  /// the sentence, else the publication day.
  func statementDate(in tokens: [Token], cue: Int, speech: Int?, tense: String?) -> Resolved {
    let found = expressions(in: tokens)
    func near(_ anchor: Int?, _ expression: Resolved) -> Bool {
      guard let anchor, let range = expression.tokens else { return false }
      return (range.lowerBound > anchor && range.lowerBound <= anchor + 3)
        || (range.upperBound < anchor && range.upperBound >= anchor - 4)
    }
    let atStart = found.first { ($0.tokens?.lowerBound ?? 99) <= 1 }
    if let best = found.first(where: { near(speech, $0) }) ?? found.first(where: { near(cue, $0) })
      ?? atStart
      ?? found.first(where: {
        $0.date.precision == .day
          && ($0.tokens.map { tokens[$0.upperBound].lower }.map {
            ["today", "yesterday", "tonight", "overnight"].contains($0)
              || Self.weekdays.contains($0)
          } ?? false)
      })
    {
      return best
    }
    let reason = tense.map { "\($0), with no day given" } ?? "no day given in the sentence"
    return Resolved(
      date: PartialDate(storedValue: reference, precision: .day),
      basis: "\(reason): dated to \(referenceText), the latest day the text allows", tokens: nil)
  }
}
