import GRDB

extension StanceKind: DatabaseValueConvertible {}
extension Polarity: DatabaseValueConvertible {}
extension Modality: DatabaseValueConvertible {}
extension PositionStatus: DatabaseValueConvertible {}
extension EvidenceRole: DatabaseValueConvertible {}
extension RelationKind: DatabaseValueConvertible {}
extension Outcome: DatabaseValueConvertible {}
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

/// A further party holding a position jointly with its primary holder (`held_with`).
public struct PositionCoHolder: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
  public var positionId: String
  public var partyId: String
  public var recordedIn: Int64
  public var retiredIn: Int64?
}

/// A further issue slot a position bears on besides its primary issue (`also_on`).
public struct PositionAlsoOn: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
  public var positionId: String
  public var issueId: String
  public var recordedIn: Int64
  public var retiredIn: Int64?
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
  /// The statement that says the interval ended (a withdrawal, a fulfilment), if any.
  public var endStatementId: String? = nil
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

/// A position's term ("for 30 days") or period in force ("8 to 10 May"), part of its content.
public struct PositionTerm: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
  public var positionId: String
  public var termDays: Int?
  public var inForceFrom: Int?
  public var inForceFromPrecision: DatePrecision?
  /// The last day in force, inclusive (as announced).
  public var inForceUntil: Int?
  public var inForceUntilPrecision: DatePrecision?
  public var recordedIn: Int64

  public enum Columns {
    static let positionId = Column(CodingKeys.positionId)
  }
}

/// What became of a commitment or threat, as assessed on a day, with the statement showing it.
public struct PositionOutcome: Codable, Sendable, Equatable, FetchableRecord,
  MutablePersistableRecord
{
  public var id: Int64?
  public var positionId: String
  public var outcome: Outcome
  public var assessedOn: Int
  public var assessedPrecision: DatePrecision
  public var statementId: String?
  public var note: String?
  public var recordedIn: Int64
  public var retiredIn: Int64?

  public enum Columns {
    static let positionId = Column(CodingKeys.positionId)
    static let retiredIn = Column(CodingKeys.retiredIn)
  }

  public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// The words of a statement that bear on one position it is evidence for (verbatim, at most
/// 25 words), versioned in record time.
public struct EvidenceQuote: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
  /// The stored quote of a support whose statement has no words that bear on its position
  /// (`no_quote: true`): views show that evidence without a quote rather than the statement's.
  public static let withheld = ""

  public var positionId: String
  public var statementId: String
  public var quote: String
  public var recordedIn: Int64
  public var retiredIn: Int64?
}

/// A further document that reports a statement (another outlet's copy).
public struct StatementSource: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
  public var statementId: String
  public var documentId: String
  public var recordedIn: Int64
  public var retiredIn: Int64?
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
  static let insertColumns: [InsertColumn] = [
    .text("id"),
    .text("holderId"),
    .text("issueId"),
    .text("propositionKey"),
    .text("proposition"),
    .text("kind"),
    .text("polarity"),
    .text("modality"),
    .text("note"),
    .integer("recordedIn"),
  ]

  func bindInsertValues(to row: inout InsertRow) {
    row.bind("id", id)
    row.bind("holderId", holderId)
    row.bind("issueId", issueId)
    row.bind("propositionKey", propositionKey)
    row.bind("proposition", proposition)
    row.bind("kind", kind)
    row.bind("polarity", polarity)
    row.bind("modality", modality)
    row.bind("note", note)
    row.bind("recordedIn", recordedIn)
  }
}

extension PositionTarget: BulkInsertable {
  static let insertColumns: [InsertColumn] = [
    .text("positionId"),
    .text("partyId"),
  ]

  func bindInsertValues(to row: inout InsertRow) {
    row.bind("positionId", positionId)
    row.bind("partyId", partyId)
  }
}

extension PositionCoHolder: BulkInsertable {
  static let insertColumns: [InsertColumn] = [
    .text("positionId"),
    .text("partyId"),
    .integer("recordedIn"),
  ]

  func bindInsertValues(to row: inout InsertRow) {
    row.bind("positionId", positionId)
    row.bind("partyId", partyId)
    row.bind("recordedIn", recordedIn)
  }
}

extension PositionAlsoOn: BulkInsertable {
  static let insertColumns: [InsertColumn] = [
    .text("positionId"),
    .text("issueId"),
    .integer("recordedIn"),
  ]

  func bindInsertValues(to row: inout InsertRow) {
    row.bind("positionId", positionId)
    row.bind("issueId", issueId)
    row.bind("recordedIn", recordedIn)
  }
}

extension PositionCondition: BulkInsertable {
  static let insertColumns: [InsertColumn] = [
    .text("positionId"),
    .integer("ordinal"),
    .text("text"),
  ]

  func bindInsertValues(to row: inout InsertRow) {
    row.bind("positionId", positionId)
    row.bind("ordinal", ordinal)
    row.bind("text", text)
  }
}

extension PositionVersion: BulkInsertable {
  static let insertColumns: [InsertColumn] = [
    .text("positionId"),
    .integer("validFrom"),
    .text("validFromPrecision"),
    .integer("validTo"),
    .text("validToPrecision"),
    .text("status"),
    .text("statusReason"),
    .text("endStatementId"),
    .integer("recordedIn"),
  ]

  func bindInsertValues(to row: inout InsertRow) {
    row.bind("positionId", positionId)
    row.bind("validFrom", validFrom)
    row.bind("validFromPrecision", validFromPrecision)
    row.bind("validTo", validTo)
    row.bind("validToPrecision", validToPrecision)
    row.bind("status", status)
    row.bind("statusReason", statusReason)
    row.bind("endStatementId", endStatementId)
    row.bind("recordedIn", recordedIn)
  }
}

extension Evidence: BulkInsertable {
  static let insertColumns: [InsertColumn] = [
    .text("positionId"),
    .text("statementId"),
    .text("role"),
    .integer("recordedIn"),
  ]

  func bindInsertValues(to row: inout InsertRow) {
    row.bind("positionId", positionId)
    row.bind("statementId", statementId)
    row.bind("role", role)
    row.bind("recordedIn", recordedIn)
  }
}

extension PositionRelation: BulkInsertable {
  static let insertColumns: [InsertColumn] = [
    .text("fromPositionId"),
    .text("kind"),
    .text("toPositionId"),
    .text("note"),
    .integer("recordedIn"),
  ]

  func bindInsertValues(to row: inout InsertRow) {
    row.bind("fromPositionId", fromPositionId)
    row.bind("kind", kind)
    row.bind("toPositionId", toPositionId)
    row.bind("note", note)
    row.bind("recordedIn", recordedIn)
  }
}
