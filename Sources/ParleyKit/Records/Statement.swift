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
  static let insertColumns: [InsertColumn<Statement>] = [
    .text("id") { $0.id },
    .text("documentId") { $0.documentId },
    .text("speakerId") { $0.speakerId },
    .text("onBehalfOfId") { $0.onBehalfOfId },
    .integer("saidOn") { $0.saidOn },
    .text("saidPrecision") { $0.saidPrecision.rawValue },
    .text("dateBasis") { $0.dateBasis },
    .text("quote") { $0.quote },
    .integer("quoteStart") { $0.quoteStart },
    .integer("quoteEnd") { $0.quoteEnd },
    .text("attribution") { $0.attribution.rawValue },
    .integer("recordedIn") { $0.recordedIn },
  ]
}
