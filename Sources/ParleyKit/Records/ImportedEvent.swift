import GRDB

/// A record an importer made from machine-coded event data rather than a person's reading (a
/// row of `machineCoded`).
///
/// Queries leave machine-coded positions out unless asked to include them.
struct MachineCodedMark: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
  static let databaseTableName = "machineCoded"

  /// `party`, `document`, `statement` or `position`.
  var recordKind: String
  var recordId: String
  /// `gdelt-1.0` or `gdelt-2.0`.
  var source: String
  var recordedIn: Int64
}

/// One imported event-data row, as its source coded it (a row of `importedEvent`).
///
/// Codes are text: "043" keeps its zero.
struct ImportedEvent: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
  static let databaseTableName = "importedEvent"

  var source: String
  var eventId: String
  var statementId: String
  var positionId: String
  var eventCode: String
  var rootCode: String
  var ploverType: String?
  var actor1Code: String
  var actor2Code: String?
  var quadClass: Int?
  var goldsteinScale: Double?
  /// The event's day (`yyyymmdd`).
  var eventDate: Int
  var dateAdded: String
  var sourceUrl: String?
  var recordedIn: Int64
}
