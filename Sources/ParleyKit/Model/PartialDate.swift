import Foundation

/// How much of a date is known: the day, only the month, or only the year.
public enum DatePrecision: String, Codable, Sendable, CaseIterable {
  case day, month, year
}

/// A calendar date known to a day, a month or a year ("2025-03-12", "2024-08", "2022").
///
/// It is stored as the integer `yyyymmdd` of the first day of its period plus its precision, so
/// dates of any precision sort and compare as numbers. A month- or year-precision date stands for
/// its whole period: as the start of an interval it begins on the period's first day; as an
/// `--as-of` moment it means the period's last day ("as of March 2025" = at the end of March).
public struct PartialDate: Hashable, Comparable, Sendable, CustomStringConvertible {
  public let year: Int
  public let month: Int?
  public let day: Int?

  /// Creates a date after checking that it exists in the calendar.
  public init(year: Int, month: Int? = nil, day: Int? = nil) throws(PartialDateError) {
    guard (1...9999).contains(year) else { throw .yearOutOfRange(year) }
    if let month {
      guard (1...12).contains(month) else { throw .noSuchMonth(month) }
      if let day {
        let last = Self.daysIn(month: month, year: year)
        guard (1...last).contains(day) else { throw .noSuchDay(year: year, month: month, day: day) }
      }
    } else if day != nil {
      throw .dayWithoutMonth
    }
    self.year = year
    self.month = month
    self.day = day
  }

  /// Parses `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
  public init(parsing text: String) throws(PartialDateError) {
    // Fast path over the UTF-8 bytes (a large load parses millions of dates); the general
    // path below gives the same answers.
    let fields = text.utf8.withContiguousStorageIfAvailable { bytes -> (Int, Int?, Int?)? in
      func number(_ range: Range<Int>) -> Int? {
        var value = 0
        for index in range {
          let byte = bytes[index]
          guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
          value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
      }
      guard bytes.count == 4 || bytes.count == 7 || bytes.count == 10,
        let year = number(0..<4)
      else { return nil }
      if bytes.count == 4 { return (year, nil, nil) }
      guard bytes[4] == UInt8(ascii: "-"), let month = number(5..<7) else { return nil }
      if bytes.count == 7 { return (year, month, nil) }
      guard bytes[7] == UInt8(ascii: "-"), let day = number(8..<10) else { return nil }
      return (year, month, day)
    }
    if let fields {
      guard let (year, month, day) = fields else { throw .malformed(text) }
      try self.init(year: year, month: month, day: day)
      return
    }
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    let lengths = parts.map(\.count)
    guard [[4], [4, 2], [4, 2, 2]].contains(lengths),
      parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) })
    else { throw .malformed(text) }
    let numbers = parts.compactMap { Int($0) }
    try self.init(
      year: numbers[0], month: numbers.count > 1 ? numbers[1] : nil,
      day: numbers.count > 2 ? numbers[2] : nil)
  }

  /// Decodes the stored form: `yyyymmdd` of the period's first day and its precision.
  public init(storedValue: Int, precision: DatePrecision) {
    year = storedValue / 10000
    month = precision == .year ? nil : (storedValue / 100) % 100
    day = precision == .day ? storedValue % 100 : nil
  }

  public var precision: DatePrecision {
    day != nil ? .day : month != nil ? .month : .year
  }

  /// `yyyymmdd` of the first day of the period: the stored, sortable form.
  public var firstDay: Int { year * 10000 + (month ?? 1) * 100 + (day ?? 1) }

  /// `yyyymmdd` of the last day of the period.
  public var lastDay: Int {
    guard let month else { return year * 10000 + 1231 }
    return year * 10000 + month * 100 + (day ?? Self.daysIn(month: month, year: year))
  }

  /// `yyyy`, `yyyy-mm` or `yyyy-mm-dd` (written without `String(format:)`, which goes
  /// through Foundation's formatter: dates are written for every item of every answer).
  public var description: String {
    var text = Self.padded(year, to: 4)
    if let month {
      text += "-" + Self.padded(month, to: 2)
      if let day { text += "-" + Self.padded(day, to: 2) }
    }
    return text
  }

  private static func padded(_ value: Int, to width: Int) -> String {
    let digits = String(abs(value))
    let padding = String(repeating: "0", count: max(0, width - digits.count))
    return (value < 0 ? "-" : "") + padding + digits
  }

  public static func < (lhs: Self, rhs: Self) -> Bool {
    (lhs.firstDay, lhs.precision.rank) < (rhs.firstDay, rhs.precision.rank)
  }

  /// Today's date in UTC.
  public static func today(_ now: Date = Date()) -> PartialDate {
    let seconds = now.timeIntervalSince1970
    let day = CivilDate(daysSince1970: Int((seconds / 86_400).rounded(.down)))
    // CivilDate only produces real dates.
    return try! PartialDate(year: day.year, month: day.month, day: day.day)
  }

  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }
}

extension DatePrecision {
  /// Coarser precisions sort after finer ones on the same first day.
  var rank: Int {
    switch self {
    case .day: 0
    case .month: 1
    case .year: 2
    }
  }
}

/// Why a text is not a date.
public enum PartialDateError: Error, Equatable, CustomStringConvertible {
  case malformed(String)
  case yearOutOfRange(Int)
  case noSuchMonth(Int)
  case noSuchDay(year: Int, month: Int, day: Int)
  case dayWithoutMonth

  public var description: String {
    switch self {
    case .malformed(let text): "'\(text)' is not a date (expected YYYY-MM-DD, YYYY-MM or YYYY)"
    case .yearOutOfRange(let year): "year \(year) is out of range (expected 1 to 9999)"
    case .noSuchMonth(let month): "there is no month \(month) (expected 01 to 12)"
    case .noSuchDay(let year, let month, let day):
      String(format: "%04d-%02d has no day %02d", year, month, day)
    case .dayWithoutMonth: "a day needs a month"
    }
  }
}

extension PartialDate {
  /// The `yyyymmdd` day `days` days after `day` (before it, when negative).
  public static func day(_ day: Int, plus days: Int) -> Int {
    CivilDate(daysSince1970: CivilDate(yyyymmdd: day).daysSince1970 + days).yyyymmdd
  }

  /// The number of days from `start` to `end` (`yyyymmdd`), negative when `end` is earlier.
  public static func days(from start: Int, to end: Int) -> Int {
    CivilDate(yyyymmdd: end).daysSince1970 - CivilDate(yyyymmdd: start).daysSince1970
  }
}
