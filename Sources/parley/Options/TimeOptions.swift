import ArgumentParser
import ParleyKit

/// The two time axes every read command can be asked along.
struct TimeOptions: ParsableArguments {
  /// The day in the world (valid time).
  @Option(
    name: .customLong("as-of"),
    help: ArgumentHelp(
      "What was held on this day in the world: YYYY-MM-DD, YYYY-MM or YYYY (a month or year means its last day), or 'today' (the default).",
      valueName: "date"))
  var asOf: String?

  /// The point in the store's history (record time).
  @Option(
    name: .customLong("known-at"),
    help: ArgumentHelp(
      "Answer with what the store knew then: a revision (r3), a date (the end of that UTC day) or a UTC time (2025-03-14T09:30:00Z).",
      valueName: "when"))
  var knownAt: String?

  /// What the public record held (publication time).
  @OptionGroup var publication: PublicationOptions

  /// The `--published-by` day, if asked.
  var publishedBy: PartialDate? { publication.date }

  func validate() throws {
    if let asOf, asOf != "today" {
      do {
        _ = try PartialDate(parsing: asOf)
      } catch {
        throw ValidationError("'--as-of \(asOf)': \(error.description).")
      }
    }
  }

  /// The as-of day: the option's, or today (UTC).
  var asOfDate: PartialDate {
    guard let asOf, asOf != "today", let date = try? PartialDate(parsing: asOf) else {
      return PartialDate.today()
    }
    return date
  }

  func knownAt(in store: ParleyStore) throws -> KnownAt {
    guard let knownAt else { return .latest }
    return try store.knownAt(parsing: knownAt)
  }
}
