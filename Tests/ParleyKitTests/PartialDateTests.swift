import Testing

@testable import ParleyKit

struct PartialDateTests {
  @Test(arguments: [
    ("2025-03-12", 20_250_312, 20_250_312, DatePrecision.day),
    ("2024-08", 20_240_801, 20_240_831, .month),
    ("2024-02", 20_240_201, 20_240_229, .month),
    ("2023-02", 20_230_201, 20_230_228, .month),
    ("2022", 20_220_101, 20_221_231, .year),
  ])
  func parsesEachPrecision(text: String, first: Int, last: Int, precision: DatePrecision) throws {
    let date = try PartialDate(parsing: text)
    #expect(date.firstDay == first)
    #expect(date.lastDay == last)
    #expect(date.precision == precision)
    #expect(date.description == text)
  }

  @Test(arguments: [
    ("2025-02-30", "2025-02 has no day 30"),
    ("2023-02-29", "2023-02 has no day 29"),
    ("2025-13-01", "there is no month 13"),
    ("2025-3-1", "is not a date"),
    ("12 March 2025", "is not a date"),
    ("", "is not a date"),
  ])
  func rejectsImpossibleAndMalformedDates(text: String, message: String) {
    let error = #expect(throws: PartialDateError.self) { try PartialDate(parsing: text) }
    #expect(error?.description.contains(message) == true)
  }

  @Test func acceptsLeapDay() throws {
    #expect(try PartialDate(parsing: "2024-02-29").lastDay == 20_240_229)
  }

  @Test func storedFormRoundTrips() throws {
    for text in ["2025-03-12", "2024-08", "2022"] {
      let date = try PartialDate(parsing: text)
      #expect(PartialDate(storedValue: date.firstDay, precision: date.precision) == date)
    }
  }

  @Test func monthSortsBeforeItsDaysAfterThePreviousMonth() throws {
    let july31 = try PartialDate(parsing: "2024-07-31")
    let august = try PartialDate(parsing: "2024-08")
    let august1 = try PartialDate(parsing: "2024-08-01")
    #expect(july31 < august)
    #expect(august1 < august)  // same first day: the finer date sorts first
  }
}
