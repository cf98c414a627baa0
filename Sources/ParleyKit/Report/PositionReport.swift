import Foundation

/// A position comparison report: per issue, each party's stance with evidence and a
/// classification; the changes since a date; contested claims; the chronology and the sources.
///
/// Its JSON form is described by `Schema/report.schema.json`.
public struct PositionReport: Sendable, Equatable, Encodable {
  /// The version of `Schema/report.schema.json` this report conforms to.
  public static let schemaVersion = "1.3.0"

  public var schemaVersion: String = PositionReport.schemaVersion
  public var generator: String
  public var title: String
  public var asOf: PartialDate
  @ExplicitNull public var since: PartialDate? = nil
  public var knownAt: RecordPoint
  public var parties: [ReportParty]
  public var comparison: Comparison
  /// One valid-time diff per party, from the day before `since` to `asOf` (empty without `since`).
  public var changes: [PositionDiff]
  public var contested: ContestedClaims
  /// The shown parties' commitments and threats with their outcomes (schema 1.1).
  public var commitments: [CommitmentEntry] = []
  /// Publication time: the report as the public record stood on this day, when asked.
  @ExplicitNull public var publishedBy: PartialDate? = nil
  public var timeline: Timeline
  public var sources: [BriefSource]

  enum CodingKeys: String, CodingKey {
    case generator, title, since, parties, comparison, changes, contested, timeline, sources
    case commitments
    case publishedBy = "published_by"
    case schemaVersion = "schema_version"
    case asOf = "as_of"
    case knownAt = "known_at"
  }

}

/// A party shown in a report.
public struct ReportParty: Sendable, Equatable, Encodable {
  public var id: String
  public var name: String
}

extension ParleyStore {
  /// Builds a comparison report.
  ///
  /// - Parameters:
  ///   - parties: by default the states and organisations holding a position on the as-of day,
  ///     most positions first.
  ///   - issues: issue ids (already expanded); by default every issue any of them holds a
  ///     position on.
  ///   - since: when given, each party's changes from the start of that day to `asOf`.
  public func report(
    parties requested: [String] = [], issues: [String] = [], asOf: PartialDate,
    since: PartialDate? = nil, knownAt: KnownAt = .latest, publishedBy: PartialDate? = nil,
    includeMachineCoded: Bool = false, generator: String = "parley \(ParleyStore.toolVersion)"
  ) throws -> PositionReport {
    let partyRecords = try reader.read { db in
      try Party.fetchAll(db).reduce(into: [String: Party]()) { $0[$1.id] = $1 }
    }
    var partyIds = requested
    if partyIds.isEmpty {
      let held = try positions(
        PositionFilter(
          asOf: asOf, knownAt: knownAt, publishedBy: publishedBy,
          includeMachineCoded: includeMachineCoded))
      // A joint position counts for each of its holders.
      let counts = Dictionary(grouping: held.flatMap(\.holders), by: { $0 }).mapValues(\.count)
      partyIds = counts.keys
        .filter { [.state, .organisation].contains(partyRecords[$0]?.kind) }
        .sorted { (counts[$0]!, $1) > (counts[$1]!, $0) }
    }
    let comparison = try compare(
      parties: partyIds, issues: issues, asOf: asOf, knownAt: knownAt, publishedBy: publishedBy,
      includeMachineCoded: includeMachineCoded)
    var changes: [PositionDiff] = []
    if let since {
      for party in partyIds {
        changes.append(
          try diff(
            holder: party, issues: issues, from: since.dayBefore, to: asOf, knownAt: knownAt,
            publishedBy: publishedBy, includeMachineCoded: includeMachineCoded)
        )
      }
    }
    var contestedClaims = try contested(
      issues: issues, asOf: asOf, knownAt: knownAt, publishedBy: publishedBy,
      includeMachineCoded: includeMachineCoded)
    let shownParties = Set(partyIds)
    contestedClaims.claims = contestedClaims.claims.filter { claim in
      claim.claim.holders.contains { shownParties.contains($0) }
        || claim.claim.evidence.contains { shownParties.contains($0.onBehalfOf) }
    }
    var events: [TimelineEvent] = []
    for party in partyIds {
      events += try timeline(
        party: party, issues: issues, to: asOf, knownAt: knownAt, publishedBy: publishedBy,
        includeMachineCoded: includeMachineCoded
      ).events
        .filter { $0.kind != .statement || $0.party == party }
    }
    var timeline = Timeline(
      question: "Timeline of \(partyIds.joined(separator: ", "))", from: nil, to: asOf,
      knownAt: comparison.knownAt, events: events)
    timeline.publishedBy = publishedBy

    var cited = Set<String>()
    for row in comparison.rows {
      for cell in row.cells {
        for position in cell.positions { cited.formUnion(position.evidence.map(\.statement)) }
      }
    }
    for diff in changes {
      for change in diff.changes {
        cited.formUnion((change.after ?? change.before)?.evidence.map(\.statement) ?? [])
      }
    }
    for claim in contestedClaims.claims { cited.formUnion(claim.claim.evidence.map(\.statement)) }
    let commitmentEntries = try commitments(
      holders: partyIds, issues: issues, asOf: asOf, knownAt: knownAt, publishedBy: publishedBy,
      includeMachineCoded: includeMachineCoded
    )
    .commitments
    for entry in commitmentEntries {
      cited.formUnion(entry.position.evidence.map(\.statement))
      cited.formUnion(entry.assessments.compactMap(\.statement))
    }
    let title =
      "Positions of \(partyIds.map { partyRecords[$0]?.name ?? $0 }.joined(separator: ", "))"
    var report = PositionReport(
      generator: generator, title: title, asOf: asOf, since: since,
      knownAt: comparison.knownAt,
      parties: partyIds.map { ReportParty(id: $0, name: partyRecords[$0]?.name ?? $0) },
      comparison: comparison, changes: changes, contested: contestedClaims,
      commitments: commitmentEntries, timeline: timeline, sources: try sources(for: cited))
    report.publishedBy = publishedBy
    return report
  }
}
