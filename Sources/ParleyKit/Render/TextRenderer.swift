import Foundation

/// Human-readable text: aligned tables with the evidence under each position.
public struct TextRenderer: Renderer {
  public init() {}

  public func render(_ list: PositionList) throws -> String {
    var output = header(list.question, asOf: list.asOf, knownAt: list.knownAt)
    guard !list.positions.isEmpty else {
      return output + "No positions match.\n"
    }
    var table = TextTable(headers: ["HOLDER", "KIND", "ISSUE", "TARGET", "HELD", "ID"])
    for position in list.positions {
      table.addRow(
        [
          position.holder, kindLabel(position), position.issue,
          position.target.isEmpty ? "-" : position.target.joined(separator: ","),
          interval(position), position.id,
        ],
        details: details(position))
    }
    output += table.render() + "\n"
    let count = list.positions.count
    output += "\n\(count) position\(count == 1 ? "" : "s").\n"
    return output
  }

  public func render(_ detail: PositionDetail) throws -> String {
    let position = detail.position
    var lines = [
      "\(position.id) · known at \(detail.knownAt.description)",
      "",
      "  holder       \(position.holder) (\(position.holderName))",
      "  kind         \(kindLabel(position))",
      "  issue        \(position.issue) — \(position.issueLabel)",
      "  proposition  \(position.proposition)",
      "  key          \(position.propositionKey)",
      "  target       \(position.target.isEmpty ? "-" : position.target.joined(separator: ", "))",
      "  held         \(interval(position))",
      "  status       \(position.status.rawValue)\(position.statusReason.map { " (\($0))" } ?? "")",
    ]
    for condition in position.conditions { lines.append("  condition    \(condition)") }
    if let note = position.note { lines.append("  note         \(note)") }
    lines.append("")
    lines.append(
      "Evidence (\(position.evidence.count); \(position.restatements) restatement\(position.restatements == 1 ? "" : "s")):"
    )
    for item in position.evidence { lines += evidenceLines(item).map { "  " + $0 } }
    if !detail.relations.isEmpty {
      lines.append("")
      lines.append("Relations:")
      for relation in detail.relations {
        let arrow =
          relation.direction == "outgoing"
          ? "this \(relation.kind.rawValue) \(relation.other)"
          : "\(relation.other) \(relation.kind.rawValue) this"
        lines.append("  \(arrow)")
        lines.append(
          "      \(relation.otherHolder) \(relation.otherKind.rawValue): \(relation.otherProposition)"
        )
      }
    }
    lines.append("")
    lines.append("History (record time):")
    var history = TextTable(headers: ["RECORDED", "RETIRED", "HELD", "STATUS"])
    for version in detail.history {
      let held = "\(version.validFrom) → \(version.validTo?.description ?? "open")"
      history.addRow([
        "r\(version.recordedIn)", version.retiredIn.map { "r\($0)" } ?? "-", held,
        version.status.rawValue + (version.statusReason.map { " (\($0))" } ?? ""),
      ])
    }
    lines += history.render().split(separator: "\n").map { "  " + $0 }
    return lines.joined(separator: "\n") + "\n"
  }

  public func render(_ parties: PartyList) throws -> String {
    var table = TextTable(headers: ["ID", "KIND", "NAME", "HOLDS", "ALIASES / ROLES"])
    for party in parties.parties {
      var details: [String] = []
      for affiliation in party.affiliations {
        let period = "\(affiliation.from ?? "…") → \(affiliation.to ?? "now")"
        details.append("\(affiliation.role), for \(affiliation.party) (\(period))")
      }
      let roleOrAliases = party.aliases.joined(separator: ", ")
      table.addRow(
        [party.id, party.kind.rawValue, party.name, "\(party.positions)", roleOrAliases],
        details: details.map { "  " + $0 })
    }
    return "Parties · known at \(parties.knownAt.description)\n\n" + table.render() + "\n"
  }

  public func render(_ issues: IssueList) throws -> String {
    var table = TextTable(headers: ["ISSUE", "HELD", "LABEL"])
    for issue in issues.issues {
      let indent = String(repeating: "  ", count: issue.depth - 1)
      table.addRow([
        indent + issue.id, issue.positions == 0 ? "-" : "\(issue.positions)", issue.label,
      ])
    }
    let asOf = issues.asOf.map { " · positions held as of \($0)" } ?? ""
    return "Issues\(asOf) · known at \(issues.knownAt.description)\n\n" + table.render() + "\n"
  }

  public func render(_ results: SearchResults) throws -> String {
    var output = "search \"\(results.query)\" · known at \(results.knownAt.description)\n\n"
    guard !results.hits.isEmpty else { return output + "No matches.\n" }
    var table = TextTable(headers: ["KIND", "ID", "FROM"])
    for hit in results.hits {
      var details = [hit.snippet]
      if !hit.positions.isEmpty {
        details.append("evidence for: \(hit.positions.joined(separator: ", "))")
      }
      table.addRow([hit.kind.rawValue, hit.id, hit.context], details: details)
    }
    output += table.render() + "\n"
    let count = results.hits.count
    output += "\n\(count) hit\(count == 1 ? "" : "s"), best first.\n"
    return output
  }

  // MARK: - Private

  private func header(_ question: String, asOf: PartialDate?, knownAt: RecordPoint) -> String {
    let time = asOf.map { "as of \($0)" } ?? "at any time"
    return "\(question) · \(time) · known at \(knownAt.description)\n\n"
  }

  private func kindLabel(_ position: PositionSummary) -> String {
    var label = position.kind.rawValue
    if position.polarity == .against { label += " (against)" }
    if position.modality != .firm { label += " (\(position.modality.rawValue))" }
    return label
  }

  private func interval(_ position: PositionSummary) -> String {
    let from = position.validFrom.description
    guard let to = position.validTo else { return "since \(from)" }
    return "\(from) → \(to)"
  }

  private func details(_ position: PositionSummary) -> [String] {
    var lines = [position.proposition]
    for condition in position.conditions { lines.append("if: \(condition)") }
    if position.status != .active {
      lines.append(
        "status: \(position.status.rawValue)\(position.statusReason.map { " (\($0))" } ?? "")")
    }
    for item in position.evidence { lines += evidenceLines(item) }
    return lines
  }

  private func evidenceLines(_ item: EvidenceItem) -> [String] {
    let who = item.speaker ?? "unnamed source"
    let role = item.role == .supports ? "" : "[\(item.role.rawValue)] "
    let source = [item.outlet, item.url].compactMap { $0 }.joined(separator: ", ")
    return [
      "\(role)“\(item.quote)”",
      "    — \(who) for \(item.onBehalfOf), \(item.date), \(item.attribution.rawValue); \(item.document)\(source.isEmpty ? "" : " (\(source))")",
    ]
  }
}
