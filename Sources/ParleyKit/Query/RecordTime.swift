import Foundation
import GRDB

/// A point in the store's own history: what the store knew then.
public enum KnownAt: Sendable, Equatable {
  /// Everything recorded so far.
  case latest
  /// What was recorded up to and including this revision.
  case revision(Int64)
}

extension ParleyStore {
  /// Resolves `--known-at` text: `r3` or `3` (a revision), a date `2025-03-14` (the end of that UTC
  /// day) or a UTC instant `2025-03-14T09:30:00Z`.
  ///
  /// A moment before the first revision resolves to revision 0, when the store knew nothing.
  /// Whether a bare date names the end of that UTC day (what was known by then) or its start (what
  /// was known before it: the natural reading of "since").
  public enum DateMeaning: Sendable { case endOfDay, startOfDay }

  public func knownAt(parsing text: String, dateMeans: DateMeaning = .endOfDay) throws -> KnownAt {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    let digits = trimmed.hasPrefix("r") ? String(trimmed.dropFirst()) : trimmed
    if !digits.isEmpty, digits.allSatisfy(\.isNumber), digits.count < 8, let number = Int64(digits)
    {
      let latest = try reader.read { db in
        try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM revision") ?? 0
      }
      guard number <= latest else { throw QueryError.noSuchRevision(number, latest: latest) }
      return .revision(number)
    }
    let instant: Date
    if let day = try? PartialDate(parsing: trimmed), day.precision == .day {
      let days = CivilDate(year: day.year, month: day.month ?? 1, day: day.day ?? 1).daysSince1970
      let start = Date(timeIntervalSince1970: Double(days) * 86_400)
      instant =
        dateMeans == .endOfDay
        ? start.addingTimeInterval(86_400 - 0.001) : start.addingTimeInterval(-0.001)
    } else if let parsed = Self.instantFormatter.date(from: trimmed)
      ?? Self.fractionalInstantFormatter.date(from: trimmed)
    {
      instant = parsed
    } else {
      throw QueryError.badKnownAt(text)
    }
    let milliseconds = Int64((instant.timeIntervalSince1970 * 1000).rounded(.down))
    let revision = try reader.read { db in
      try Int64.fetchOne(
        db, sql: "SELECT MAX(id) FROM revision WHERE recordedAt <= ?", arguments: [milliseconds])
    }
    return .revision(revision ?? 0)
  }

  /// The revision a query reads at, and when it was recorded (nil for an empty store).
  public func describe(_ knownAt: KnownAt) throws -> RecordPoint {
    try reader.read { db in
      let revision: Revision?
      switch knownAt {
      case .latest:
        revision = try Revision.order(Revision.Columns.id.desc).fetchOne(db)
      case .revision(let id):
        revision = try Revision.filter(Revision.Columns.id <= id).order(Revision.Columns.id.desc)
          .fetchOne(db)
      }
      return RecordPoint(
        revision: revision?.id ?? 0,
        recordedAt: revision.map { RecordPoint.format($0.recordedDate) })
    }
  }

  private static var instantFormatter: ISO8601DateFormatter {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    return formatter
  }
  private static var fractionalInstantFormatter: ISO8601DateFormatter {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return formatter
  }
}

/// The revision a query read at, for display: `r3 (2026-11-23T22:41:07Z)`.
public struct RecordPoint: Sendable, Equatable, Encodable {
  public var revision: Int64
  /// UTC ISO 8601, or nil when the store was empty at that point.
  @ExplicitNull public var recordedAt: String? = nil

  enum CodingKeys: String, CodingKey {
    case revision
    case recordedAt = "recorded_at"
  }

  /// `2026-11-23T22:41:07Z`: computed by hand, as creating an `ISO8601DateFormatter` costs
  /// more than the rest of a typical query.
  static func format(_ date: Date) -> String {
    let seconds = Int((date.timeIntervalSince1970).rounded(.down))
    let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    let inDay = seconds - days * 86_400
    let civil = CivilDate(daysSince1970: days)
    func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
    return
      "\(civil.year)-\(two(civil.month))-\(two(civil.day))T\(two(inDay / 3600)):\(two(inDay / 60 % 60)):\(two(inDay % 60))Z"
  }

  public var description: String {
    recordedAt.map { "r\(revision) (\($0))" } ?? "r\(revision) (empty store)"
  }
}

/// SQL conditions for a row visible at a point in record time.
enum RecordFilter {
  /// `recordedIn <= T AND (retiredIn IS NULL OR retiredIn > T)` for `alias`, or
  /// `retiredIn IS NULL` for the latest state (served by partial indexes).
  static func visible(_ alias: String, at knownAt: KnownAt) -> SQL {
    switch knownAt {
    case .latest:
      return SQL(sql: alias + ".retiredIn IS NULL")
    case .revision(let revision):
      let column = { (name: String) in alias + "." + name }
      return SQL(
        sql: column("recordedIn") + " <= ? AND (" + column("retiredIn") + " IS NULL OR "
          + column("retiredIn") + " > ?)",
        arguments: [revision, revision])
    }
  }
}
