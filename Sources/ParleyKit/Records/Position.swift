import GRDB

extension StanceKind: DatabaseValueConvertible {}
extension Polarity: DatabaseValueConvertible {}
extension Modality: DatabaseValueConvertible {}
extension PositionStatus: DatabaseValueConvertible {}
extension EvidenceRole: DatabaseValueConvertible {}
extension RelationKind: DatabaseValueConvertible {}
extension RelatedPosition.Direction: DatabaseValueConvertible {}

/// What a party holds: holder × issue × proposition, with a stance kind.
///
/// The content of a position never changes; its valid-time interval and status live in
/// ``PositionVersion`` rows, versioned in record time.
public struct Position: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
  public var id: String
  public var holderId: String
  public var issueId: String
  public var propositionKey: String
  public var proposition: String
  public var kind: StanceKind
  public var polarity: Polarity
  public var modality: Modality
  public var note: String?
  public var recordedIn: Int64

  public enum Columns {
    static let id = Column(CodingKeys.id)
    static let holderId = Column(CodingKeys.holderId)
    static let issueId = Column(CodingKeys.issueId)
    static let kind = Column(CodingKeys.kind)
  }
}

/// A party a position is addressed to or aimed at.
public struct PositionTarget: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
  public var positionId: String
  public var partyId: String
}

/// A condition attached to a position, in plain words.
public struct PositionCondition: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
  public var positionId: String
  public var ordinal: Int
  public var text: String
}

/// The valid-time interval `[validFrom, validTo)` and status of a position, as recorded in one
/// span of record time.
public struct PositionVersion: Codable, Sendable, Equatable, FetchableRecord,
  MutablePersistableRecord
{
  public var id: Int64?
  public var positionId: String
  public var validFrom: Int
  public var validFromPrecision: DatePrecision
  public var validTo: Int?
  public var validToPrecision: DatePrecision?
  public var status: PositionStatus
  public var statusReason: String?
  public var recordedIn: Int64
  public var retiredIn: Int64?

  public enum Columns {
    static let positionId = Column(CodingKeys.positionId)
    static let retiredIn = Column(CodingKeys.retiredIn)
  }

  public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

  public var from: PartialDate {
    PartialDate(storedValue: validFrom, precision: validFromPrecision)
  }
  public var to: PartialDate? {
    validTo.map { PartialDate(storedValue: $0, precision: validToPrecision ?? .day) }
  }
}

/// A statement as evidence for a position.
public struct Evidence: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
  public var positionId: String
  public var statementId: String
  public var role: EvidenceRole
  public var recordedIn: Int64
  public var retiredIn: Int64?

  public enum Columns {
    static let positionId = Column(CodingKeys.positionId)
    static let statementId = Column(CodingKeys.statementId)
    static let retiredIn = Column(CodingKeys.retiredIn)
  }
}

/// How one position bears on another: conditional-on, supersedes, contradicts, responds-to.
public struct PositionRelation: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
  public var fromPositionId: String
  public var kind: RelationKind
  public var toPositionId: String
  public var note: String?
  public var recordedIn: Int64
  public var retiredIn: Int64?

  public enum Columns {
    static let fromPositionId = Column(CodingKeys.fromPositionId)
    static let toPositionId = Column(CodingKeys.toPositionId)
    static let retiredIn = Column(CodingKeys.retiredIn)
  }
}

// MARK: - Bulk inserts (the loader's fast path)

extension Position: BulkInsertable {
  static let insertColumns: [InsertColumn<Position>] = [
    .text("id") { $0.id },
    .text("holderId") { $0.holderId },
    .text("issueId") { $0.issueId },
    .text("propositionKey") { $0.propositionKey },
    .text("proposition") { $0.proposition },
    .text("kind") { $0.kind.rawValue },
    .text("polarity") { $0.polarity.rawValue },
    .text("modality") { $0.modality.rawValue },
    .text("note") { $0.note },
    .integer("recordedIn") { $0.recordedIn },
  ]
}

extension PositionTarget: BulkInsertable {
  static let insertColumns: [InsertColumn<PositionTarget>] = [
    .text("positionId") { $0.positionId },
    .text("partyId") { $0.partyId },
  ]
}

extension PositionCondition: BulkInsertable {
  static let insertColumns: [InsertColumn<PositionCondition>] = [
    .text("positionId") { $0.positionId },
    .integer("ordinal") { $0.ordinal },
    .text("text") { $0.text },
  ]
}

extension PositionVersion: BulkInsertable {
  static let insertColumns: [InsertColumn<PositionVersion>] = [
    .text("positionId") { $0.positionId },
    .integer("validFrom") { $0.validFrom },
    .text("validFromPrecision") { $0.validFromPrecision.rawValue },
    .integer("validTo") { $0.validTo },
    .text("validToPrecision") { $0.validToPrecision?.rawValue },
    .text("status") { $0.status.rawValue },
    .text("statusReason") { $0.statusReason },
    .integer("recordedIn") { $0.recordedIn },
  ]
}

extension Evidence: BulkInsertable {
  static let insertColumns: [InsertColumn<Evidence>] = [
    .text("positionId") { $0.positionId },
    .text("statementId") { $0.statementId },
    .text("role") { $0.role.rawValue },
    .integer("recordedIn") { $0.recordedIn },
  ]
}

extension PositionRelation: BulkInsertable {
  static let insertColumns: [InsertColumn<PositionRelation>] = [
    .text("fromPositionId") { $0.fromPositionId },
    .text("kind") { $0.kind.rawValue },
    .text("toPositionId") { $0.toPositionId },
    .text("note") { $0.note },
    .integer("recordedIn") { $0.recordedIn },
  ]
}
