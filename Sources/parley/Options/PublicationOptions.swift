import ArgumentParser
import ParleyKit

/// The third time question: what the public record held on a day.
struct PublicationOptions: ParsableArguments {
  @Option(
    name: .customLong("published-by"),
    help: ArgumentHelp(
      "Answer as the public record stood then: only evidence from documents published by this day (YYYY-MM-DD, YYYY-MM or YYYY), and only positions with such evidence.",
      valueName: "date"))
  var publishedBy: String?

  func validate() throws {
    if let publishedBy { _ = try parseDate(publishedBy, option: "--published-by") }
  }

  /// The day, once validated.
  var date: PartialDate? { publishedBy.flatMap { try? PartialDate(parsing: $0) } }
}
