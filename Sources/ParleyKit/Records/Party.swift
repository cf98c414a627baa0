import GRDB

extension PartyKind: DatabaseValueConvertible {}

/// A party: a state, a government body, a person, an organisation, a media outlet or an analyst.
public struct Party: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
  public var id: String
  public var name: String
  public var kind: PartyKind
  public var parentId: String?
  public var note: String?
  public var recordedIn: Int64
  public var retiredIn: Int64?

  public enum Columns {
    static let id = Column(CodingKeys.id)
    static let parentId = Column(CodingKeys.parentId)
    static let retiredIn = Column(CodingKeys.retiredIn)
  }
}

/// Another name a party goes by ("the Kremlin" for russia), folded to lower case.
public struct PartyAlias: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
  public var alias: String
  public var partyId: String
  public var recordedIn: Int64
  public var retiredIn: Int64?

  public enum Columns {
    static let alias = Column(CodingKeys.alias)
    static let partyId = Column(CodingKeys.partyId)
    static let retiredIn = Column(CodingKeys.retiredIn)
  }
}

/// A person speaking for a party in a role over a period.
public struct Affiliation: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
  public var id: Int64?
  public var personId: String
  public var partyId: String
  public var role: String
  public var validFrom: Int?
  public var validFromPrecision: DatePrecision?
  public var validTo: Int?
  public var validToPrecision: DatePrecision?
  public var recordedIn: Int64
  public var retiredIn: Int64?

  public enum Columns {
    static let personId = Column(CodingKeys.personId)
    static let partyId = Column(CodingKeys.partyId)
    static let retiredIn = Column(CodingKeys.retiredIn)
  }

  public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

  public var from: PartialDate? {
    validFrom.map { PartialDate(storedValue: $0, precision: validFromPrecision ?? .day) }
  }
  public var to: PartialDate? {
    validTo.map { PartialDate(storedValue: $0, precision: validToPrecision ?? .day) }
  }

  /// Whether the affiliation holds on `day` (a `yyyymmdd`), its interval being half-open.
  public func holds(onDay day: Int) -> Bool {
    (validFrom ?? Int.min) <= day && day < (validTo ?? Int.max)
  }
}

extension DatePrecision: DatabaseValueConvertible {}
