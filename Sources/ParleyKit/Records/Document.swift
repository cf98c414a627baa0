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

extension Document: BulkInsertable {
  static let insertColumns: [InsertColumn<Document>] = [
    .text("id") { $0.id },
    .text("title") { $0.title },
    .text("outlet") { $0.outlet },
    .text("url") { $0.url },
    .integer("publishedOn") { $0.publishedOn },
    .text("publishedPrecision") { $0.publishedPrecision?.rawValue },
    .text("language") { $0.language },
    .text("textSHA256") { $0.textSHA256 },
    .text("body") { $0.body },
    .integer("recordedIn") { $0.recordedIn },
  ]
}
