import GRDB

/// A source document: an article, a transcript, a communiqué.
public struct Document: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
  public var id: String
  public var title: String
  public var outlet: String?
  public var url: String?
  public var publishedOn: Int?
  public var publishedPrecision: DatePrecision?
  public var language: String
  public var textSHA256: String?
  /// The document's text, when a user loaded their own copy.
  public var body: String?
  public var recordedIn: Int64
  public var retiredIn: Int64?

  public enum Columns {
    static let id = Column(CodingKeys.id)
    static let retiredIn = Column(CodingKeys.retiredIn)
  }

  public var published: PartialDate? {
    publishedOn.map { PartialDate(storedValue: $0, precision: publishedPrecision ?? .day) }
  }
}
