import ArgumentParser
import ParleyKit

/// The two time axes every read command can be asked along, and the public record's day.
struct TimeOptions: ParsableArguments {
  /// The day in the world and the point in the store's history.
  @OptionGroup var axes: TimeAxes

  /// What the public record held (publication time).
  @OptionGroup var publication: PublicationOptions

  /// The `--as-of` value as given.
  var asOf: String? { axes.asOf }

  /// The `--known-at` value as given.
  var knownAt: String? { axes.knownAt }

  /// The `--published-by` day, if asked.
  var publishedBy: PartialDate? { publication.date }

  /// The as-of day: the option's, or today (UTC).
  var asOfDate: PartialDate { axes.asOfDate }

  func knownAt(in store: ParleyStore) throws -> KnownAt { try axes.knownAt(in: store) }
}

/// The day in the world (valid time) and the point in the store's history (record time).
struct TimeAxes: ParsableArguments {
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

/// The time questions of `parties` and `issues`: the day in the world and the point in the
/// store's history, not the public record's day.
///
/// Their lists are the store's catalogue (every party, every issue slot) with the number of
/// positions held on the as-of day; `--published-by` filters evidence, which they do not show,
/// so it is refused in words that say what to ask instead (as the API refuses `published-by` on
/// `/api/parties`), never silently ignored.
struct CatalogTimeOptions: ParsableArguments {
  @OptionGroup var axes: TimeAxes

  @Option(name: .customLong("published-by"), help: .hidden)
  var publishedBy: String?

  /// Refuses `--published-by` for `command`.
  func refusePublishedBy(in command: String) throws {
    guard let publishedBy else { return }
    throw ValidationError(
      "'\(command)' takes no '--published-by': it lists the store's \(command) and counts the positions held on the '--as-of' day, whatever their evidence. To ask what the public record held by \(publishedBy), use 'parley who STANCE --published-by \(publishedBy)' or 'parley positions PARTY --published-by \(publishedBy)'."
    )
  }
}
