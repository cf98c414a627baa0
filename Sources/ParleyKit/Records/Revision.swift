import Foundation
import GRDB

/// One write to the store: the unit of record time.
///
/// Revisions are numbered 1, 2, 3, … in the order they were written; every fact row names the
/// revision that recorded it, and the one that retired it, if any.
public struct Revision: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
  public var id: Int64
  /// UTC unix milliseconds.
  public var recordedAt: Int64
  public var summary: String
  public var toolVersion: String

  public enum Columns {
    static let id = Column(CodingKeys.id)
    static let recordedAt = Column(CodingKeys.recordedAt)
  }

  /// The instant the revision was written.
  public var recordedDate: Date { Date(timeIntervalSince1970: Double(recordedAt) / 1000) }
}
