/// A day of the proleptic Gregorian calendar: the one place for day arithmetic.
///
/// Dates are stored as `yyyymmdd` integers (see ``PartialDate``); to count the days between two
/// of them, or to step a date by days, go through the day count since 1970-01-01 (the Unix
/// epoch, so that record times in milliseconds convert too). The algorithms are Howard
/// Hinnant's `days_from_civil` and `civil_from_days`, exact for every date, with no calendar
/// object or time zone involved.
public struct CivilDate: Equatable, Hashable, Sendable, CustomStringConvertible {
  public var year: Int
  public var month: Int
  public var day: Int

  public init(year: Int, month: Int, day: Int) {
    self.year = year
    self.month = month
    self.day = day
  }

  /// The date of a `yyyymmdd` integer, such as 20250314.
  public init(yyyymmdd: Int) {
    self.init(year: yyyymmdd / 10_000, month: yyyymmdd / 100 % 100, day: yyyymmdd % 100)
  }

  /// The date a number of days after 1970-01-01 (negative: before).
  public init(daysSince1970: Int) {
    let z = daysSince1970 + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let mp = (5 * dayOfYear + 2) / 153
    day = dayOfYear - (153 * mp + 2) / 5 + 1
    month = mp + (mp < 10 ? 3 : -9)
    year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
  }

  /// The number of days from 1970-01-01 to this date (negative: before).
  public var daysSince1970: Int {
    let year = self.year - (month <= 2 ? 1 : 0)
    let era = (year >= 0 ? year : year - 399) / 400
    let yearOfEra = year - era * 400
    let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  /// The date as a `yyyymmdd` integer.
  public var yyyymmdd: Int { year * 10_000 + month * 100 + day }

  /// `YYYY-MM-DD`.
  public var description: String {
    func padded(_ value: Int, _ width: Int) -> String {
      let digits = String(value)
      return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
    return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
  }
}
