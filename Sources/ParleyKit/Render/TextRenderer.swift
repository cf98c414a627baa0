import Foundation

/// Human-readable text: aligned tables with the evidence under each position.
public struct TextRenderer: Renderer {
  public init() {}

  public func render(_ list: PositionList) throws -> String {
    Escaping.terminalSafe(try layout(list))
  }

  private func layout(_ list: PositionList) throws -> String {
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
    Escaping.terminalSafe(try layout(detail))
  }

  private func layout(_ detail: PositionDetail) throws -> String {
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
    Escaping.terminalSafe(try layout(parties))
  }

  private func layout(_ parties: PartyList) throws -> String {
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
    Escaping.terminalSafe(try layout(issues))
  }

  private func layout(_ issues: IssueList) throws -> String {
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

  public func render(_ diff: PositionDiff) throws -> String {
    Escaping.terminalSafe(try layout(diff))
  }

  private func layout(_ diff: PositionDiff) throws -> String {
    var lines = [diff.question, ""]
    if diff.changes.isEmpty && diff.restated.isEmpty {
      lines.append("No changes.")
    }
    var currentIssue = ""
    for change in diff.changes {
      if change.issue != currentIssue {
        currentIssue = change.issue
        lines.append(change.issue)
      }
      let ids = [change.before?.id, change.after?.id].compactMap { $0 }.joined(separator: " → ")
      lines.append("  " + change.change.rawValue.uppercased() + "  " + ids)
      for detail in change.details { lines.append("      " + detail) }
      for (label, position) in [("before", change.before), ("after", change.after)] {
        guard let position else { continue }
        lines.append(
          "      \(label): \(kindLabel(position)) · \(interval(position)) · \(position.proposition)"
        )
        if let latest = position.evidence.last(where: { $0.role == .supports })
          ?? position.evidence.last
        {
          lines += evidenceLines(latest).map { "        " + $0 }
        }
      }
    }
    if !diff.restated.isEmpty {
      lines.append("")
      lines.append("Restated without change:")
      for restatement in diff.restated {
        let times = restatement.count == 1 ? "once" : "\(restatement.count) times"
        lines.append("  \(restatement.position) (\(restatement.issue)), \(times)")
        for item in restatement.evidence { lines += evidenceLines(item).map { "      " + $0 } }
      }
    }
    lines.append("")
    lines.append(
      "\(diff.changes.count) change\(diff.changes.count == 1 ? "" : "s"); \(diff.unchanged) unchanged, \(diff.restated.count) of them restated."
    )
    return lines.joined(separator: "\n") + "\n"
  }

  public func render(_ comparison: Comparison) throws -> String {
    Escaping.terminalSafe(try layout(comparison))
  }

  private func layout(_ comparison: Comparison) throws -> String {
    let time = comparison.asOf.map { "as of \($0)" } ?? "at any time"
    var lines = [
      "Compare \(comparison.parties.joined(separator: ", ")) · \(time) · known at \(comparison.knownAt.description)",
      "",
    ]
    if comparison.rows.isEmpty { lines.append("None of them holds a position on these issues.") }
    let width = comparison.parties.map(\.count).max() ?? 0
    for row in comparison.rows {
      lines.append("\(row.issue) — \(row.issueLabel)")
      lines.append("  \(row.classification.rawValue.uppercased()): \(row.reason)")
      for cell in row.cells {
        let name = cell.party.padding(toLength: width, withPad: " ", startingAt: 0)
        if cell.positions.isEmpty {
          lines.append("  \(name)  (silent)")
        }
        for position in cell.positions {
          lines.append("  \(name)  \(kindLabel(position)) · \(position.id)")
          let indent = String(repeating: " ", count: width + 4)
          lines.append(indent + position.proposition)
          for condition in position.conditions { lines.append(indent + "if: " + condition) }
          if let latest = position.evidence.last(where: { $0.role == .supports })
            ?? position.evidence.last
          {
            lines += evidenceLines(latest).map { indent + $0 }
          }
        }
      }
      lines.append("")
    }
    return lines.joined(separator: "\n")
  }

  public func render(_ timeline: Timeline) throws -> String {
    Escaping.terminalSafe(try layout(timeline))
  }

  private func layout(_ timeline: Timeline) throws -> String {
    var lines = ["\(timeline.question) · known at \(timeline.knownAt.description)", ""]
    if timeline.events.isEmpty { return lines.joined(separator: "\n") + "No events.\n" }
    var table = TextTable(headers: ["DATE", "EVENT", "PARTY", "WHAT"])
    for event in timeline.events {
      var details: [String] = []
      var what = event.text
      switch event.kind {
      case .statement:
        what = "“\(event.text)”"
        let who = event.speaker ?? "unnamed source"
        details.append(
          "— \(who), \(event.attribution?.rawValue ?? ""); \(event.document ?? "") → \(event.positions.joined(separator: ", "))"
        )
      case .positionStart, .positionEnd:
        details.append(
          event.positions.joined(separator: ", ") + " · " + event.issues.joined(separator: ", "))
      }
      let label =
        switch event.kind {
        case .statement: "said"
        case .positionStart: "starts"
        case .positionEnd: "ends"
        }
      table.addRow([event.date.description, label, event.party, what], details: details)
    }
    return lines.joined(separator: "\n") + table.render(detailIndent: 6) + "\n"
  }

  public func render(_ contested: ContestedClaims) throws -> String {
    Escaping.terminalSafe(try layout(contested))
  }

  private func layout(_ contested: ContestedClaims) throws -> String {
    let time = contested.asOf.map { "as of \($0)" } ?? "at any time"
    var lines = [
      "Contested and unconfirmed claims · \(time) · known at \(contested.knownAt.description)", "",
    ]
    if contested.claims.isEmpty { lines.append("No contested or unconfirmed claims.") }
    for item in contested.claims {
      let claim = item.claim
      lines.append(
        "[\(item.status)] \(claim.id) — \(claim.holder), \(claim.issue) · \(item.flags.joined(separator: ", "))"
      )
      lines.append("    \(claim.proposition)")
      for evidence in claim.evidence { lines += evidenceLines(evidence).map { "    " + $0 } }
      for other in item.contradictedBy {
        lines.append("    contradicted by \(other.id) (\(other.holder)): \(other.proposition)")
      }
      for other in item.matchingClaims {
        lines.append("    also claimed by \(other.holder) (\(other.id)): \(other.proposition)")
      }
      lines.append("")
    }
    return lines.joined(separator: "\n")
  }

  public func render(_ report: PositionReport) throws -> String {
    Escaping.terminalSafe(try layout(report))
  }

  private func layout(_ report: PositionReport) throws -> String {
    var parts = [
      report.title,
      "As of \(report.asOf), as known at \(report.knownAt.description)"
        + (report.since.map { "; changes since \($0)" } ?? ""), "",
      try render(report.comparison),
    ]
    for diff in report.changes { parts.append(try render(diff)) }
    parts.append(try render(report.contested))
    return parts.joined(separator: "\n")
  }

  public func render(_ briefing: Briefing) throws -> String {
    Escaping.terminalSafe(try layout(briefing))
  }

  private func layout(_ briefing: Briefing) throws -> String {
    try BriefTemplates.render(briefing, template: BriefTemplates.defaultMarkdown, html: false)
  }

  public func render(_ results: SearchResults) throws -> String {
    Escaping.terminalSafe(try layout(results))
  }

  private func layout(_ results: SearchResults) throws -> String {
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
      "\(role)" + (item.quote.map { "“\($0)”" } ?? "(reported without a verbatim quote)"),
      "    — \(who) for \(item.onBehalfOf), \(item.date), \(item.attribution.rawValue); \(item.document)\(source.isEmpty ? "" : " (\(source))")",
    ]
  }
}
