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
  static let insertColumns: [InsertColumn] = [
    .text("id"),
    .text("title"),
    .text("outlet"),
    .text("url"),
    .integer("publishedOn"),
    .text("publishedPrecision"),
    .text("language"),
    .text("textSHA256"),
    .text("body"),
    .integer("recordedIn"),
  ]

  func bindInsertValues(to row: inout InsertRow) {
    row.bind("id", id)
    row.bind("title", title)
    row.bind("outlet", outlet)
    row.bind("url", url)
    row.bind("publishedOn", publishedOn)
    row.bind("publishedPrecision", publishedPrecision)
    row.bind("language", language)
    row.bind("textSHA256", textSHA256)
    row.bind("body", body)
    row.bind("recordedIn", recordedIn)
  }
}
