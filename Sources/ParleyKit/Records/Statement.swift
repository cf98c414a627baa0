import GRDB

extension Attribution: DatabaseValueConvertible {}

/// What someone said, in which document, when: the evidence for positions.
public struct Statement: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
  public var id: String
  public var documentId: String
  public var speakerId: String?
  public var onBehalfOfId: String
  public var saidOn: Int
  public var saidPrecision: DatePrecision
  public var dateBasis: String?
  /// Verbatim, at most 25 words; nil only for a `reported` statement whose source has no quote.
  public var quote: String?
  /// Offsets of the quote in the document text, in Unicode scalars, when the text was at hand.
  public var quoteStart: Int?
  public var quoteEnd: Int?
  public var attribution: Attribution
  public var recordedIn: Int64
  public var retiredIn: Int64?

  public enum Columns {
    static let id = Column(CodingKeys.id)
    static let documentId = Column(CodingKeys.documentId)
    static let saidOn = Column(CodingKeys.saidOn)
    static let retiredIn = Column(CodingKeys.retiredIn)
  }

  public var said: PartialDate { PartialDate(storedValue: saidOn, precision: saidPrecision) }
}

extension Statement: BulkInsertable {
  static let insertColumns: [InsertColumn] = [
    .text("id"),
    .text("documentId"),
    .text("speakerId"),
    .text("onBehalfOfId"),
    .integer("saidOn"),
    .text("saidPrecision"),
    .text("dateBasis"),
    .text("quote"),
    .integer("quoteStart"),
    .integer("quoteEnd"),
    .text("attribution"),
    .integer("recordedIn"),
  ]

  func bindInsertValues(to row: inout InsertRow) {
    row.bind("id", id)
    row.bind("documentId", documentId)
    row.bind("speakerId", speakerId)
    row.bind("onBehalfOfId", onBehalfOfId)
    row.bind("saidOn", saidOn)
    row.bind("saidPrecision", saidPrecision)
    row.bind("dateBasis", dateBasis)
    row.bind("quote", quote)
    row.bind("quoteStart", quoteStart)
    row.bind("quoteEnd", quoteEnd)
    row.bind("attribution", attribution)
    row.bind("recordedIn", recordedIn)
  }
}
