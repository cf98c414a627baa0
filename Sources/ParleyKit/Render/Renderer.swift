import Foundation

/// The output formats of the read commands.
public enum OutputFormat: String, Sendable, CaseIterable {
  case text, json
  /// Markdown tables that paste into a wiki.
  case md
  /// One self-contained HTML page.
  case html

  /// The renderer that writes this format.
  public var renderer: any Renderer {
    switch self {
    case .text: TextRenderer()
    case .json: JSONRenderer()
    case .md: MarkdownRenderer()
    case .html: HTMLRenderer()
    }
  }
}

/// Turns query answers into one output format.
///
/// One type per format.
public protocol Renderer: Sendable {
  func render(_ list: PositionList) throws -> String
  func render(_ detail: PositionDetail) throws -> String
  func render(_ parties: PartyList) throws -> String
  func render(_ issues: IssueList) throws -> String
  func render(_ diff: PositionDiff) throws -> String
  func render(_ comparison: Comparison) throws -> String
  func render(_ timeline: Timeline) throws -> String
  func render(_ contested: ContestedClaims) throws -> String
  func render(_ report: PositionReport) throws -> String
  func render(_ briefing: Briefing) throws -> String
  func render(_ results: SearchResults) throws -> String
  func render(_ commitments: CommitmentList) throws -> String
}

/// JSON with sorted keys and snake_case names: the machine-readable contract.
public struct JSONRenderer: Renderer {
  public init() {}

  public func render(_ list: PositionList) throws -> String { try encode(list) }
  public func render(_ detail: PositionDetail) throws -> String { try encode(detail) }
  public func render(_ parties: PartyList) throws -> String { try encode(parties) }
  public func render(_ issues: IssueList) throws -> String { try encode(issues) }
  public func render(_ diff: PositionDiff) throws -> String { try encode(diff) }
  public func render(_ comparison: Comparison) throws -> String { try encode(comparison) }
  public func render(_ timeline: Timeline) throws -> String { try encode(timeline) }
  public func render(_ contested: ContestedClaims) throws -> String { try encode(contested) }
  public func render(_ report: PositionReport) throws -> String { try encode(report) }
  public func render(_ briefing: Briefing) throws -> String { try encode(briefing) }
  public func render(_ results: SearchResults) throws -> String { try encode(results) }
  public func render(_ commitments: CommitmentList) throws -> String { try encode(commitments) }

  /// Encodes any answer the same way: pretty-printed, keys sorted, slashes unescaped.
  public func encode(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return Escaping.jsonSafe(String(decoding: try encoder.encode(value), as: UTF8.self)) + "\n"
  }
}
