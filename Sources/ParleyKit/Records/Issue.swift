import GRDB

/// A slot in the issue taxonomy, such as `security/nato-membership`.
public struct Issue: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
  public var id: String
  public var parentId: String?
  public var label: String
  public var description: String?
  public var recordedIn: Int64
  public var retiredIn: Int64?

  public enum Columns {
    static let id = Column(CodingKeys.id)
    static let retiredIn = Column(CodingKeys.retiredIn)
  }
}
