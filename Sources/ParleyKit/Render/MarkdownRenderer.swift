/// Markdown: headings and tables that paste into a wiki, every value escaped.
public struct MarkdownRenderer: Renderer {
  /// A user's own Mustache template for the briefing, instead of the built-in one.
  public var briefTemplate: String?

  public init(briefTemplate: String? = nil) { self.briefTemplate = briefTemplate }

  public func render(_ briefing: Briefing) throws -> String {
    try BriefTemplates.render(
      briefing, template: briefTemplate ?? BriefTemplates.defaultMarkdown, html: false)
  }

  public func render(_ report: PositionReport) throws -> String {
    var parts = [
      "# \(escape(report.title))", "",
      "_As of \(report.asOf), as known at \(report.knownAt.description)"
        + (report.since.map { "; changes since \($0)" } ?? "") + " · \(escape(report.generator))_",
      "", try render(report.comparison),
    ]
    if report.since != nil {
      parts.append("## Changes since \(report.since!)")
      parts.append("")
      for diff in report.changes { parts.append(try render(diff)) }
    }
    parts.append(try render(report.contested))
    if !report.commitments.isEmpty {
      parts.append(
        try render(
          CommitmentList(
            asOf: report.asOf, knownAt: report.knownAt, commitments: report.commitments)))
    }
    parts.append("## Sources")
    parts.append("")
    for source in report.sources {
      var line = "- `\(source.document)`: \(escape(source.title))"
      if let outlet = source.outlet { line += ", \(escape(outlet))" }
      if let published = source.published { line += ", \(published)" }
      if let url = source.url {
        line += Escaping.isSafeLink(url) ? " <\(url)>" : " (\(escape(url)))"
      }
      parts.append(line)
    }
    return parts.joined(separator: "\n") + "\n"
  }

  public func render(_ list: PositionList) throws -> String {
    var lines = [
      "## \(escape(list.question))", "",
      "_\(timeNote(asOf: list.asOf, knownAt: list.knownAt))_", "",
    ]
    if list.positions.isEmpty {
      return (lines + ["No positions match.", ""]).joined(separator: "\n")
    }
    lines.append("| Holder | Stance | Issue | Target | Held | Position | Evidence |")
    lines.append("| --- | --- | --- | --- | --- | --- | --- |")
    for position in list.positions {
      lines.append(
        row([
          .text(position.holder), .text(stanceLabel(position)), .text(position.issue),
          .text(position.target.joined(separator: ", ")), .text(heldInterval(position)),
          .markup(
            "**\(escape(position.proposition))**<br>`\(position.id)`"
              + (jointNote(position).map { "<br>_\(escape($0))_" } ?? "")),
          .markup(position.evidence.map(evidence).joined(separator: "<br>")),
        ]))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  public func render(_ detail: PositionDetail) throws -> String {
    let position = detail.position
    var lines = [
      "## \(escape(position.id))", "",
      "| Field | Value |", "| --- | --- |",
      row(["holder", "\(position.holder) (\(position.holderName))"]),
      row(["stance", stanceLabel(position)]),
      row(["issue", "\(position.issue) — \(position.issueLabel)"]),
    ]
    if !position.coHolders.isEmpty {
      lines.append(row(["held with", position.coHolders.joined(separator: ", ")]))
    }
    for (issue, label) in zip(position.alsoOn, position.alsoOnLabels) {
      lines.append(row(["also on", "\(issue) — \(label)"]))
    }
    lines += [
      row(["proposition", position.proposition]),
      row(["target", position.target.joined(separator: ", ")]),
      row(["held", heldInterval(position)]),
      row([
        "status",
        position.status.rawValue
          + EndWording.note(
            status: position.status.rawValue, reason: position.statusReason,
            term: position.term?.description),
      ]),
    ]
    for condition in position.conditions { lines.append(row(["condition", condition])) }
    lines += ["", "### Evidence", ""]
    lines += position.evidence.map { "- " + evidence($0) }
    if !detail.relations.isEmpty {
      lines += ["", "### Relations", ""]
      for relation in detail.relations {
        let text =
          relation.direction == .outgoing
          ? "this **\(relation.kind.rawValue)** `\(relation.other)`"
          : "`\(relation.other)` **\(relation.kind.rawValue)** this"
        lines.append("- \(text): \(escape(relation.otherProposition))")
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  public func render(_ parties: PartyList) throws -> String {
    var lines = [
      "## Parties", "", "| Id | Kind | Name | Positions | Aliases |",
      "| --- | --- | --- | --- | --- |",
    ]
    for party in parties.parties {
      lines.append(
        row([
          party.id, party.kind.rawValue, party.name, "\(party.positions)",
          party.aliases.joined(separator: ", "),
        ]))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  public func render(_ issues: IssueList) throws -> String {
    var lines = ["## Issues", "", "| Issue | Label | Positions |", "| --- | --- | --- |"]
    for issue in issues.issues {
      lines.append(row([issue.id, issue.label, "\(issue.positions)"]))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  public func render(_ diff: PositionDiff) throws -> String {
    var lines = ["## \(escape(diff.question))", ""]
    if diff.changes.isEmpty {
      lines.append("No changes.")
    } else {
      lines.append("| Issue | Change | Before | After | What changed |")
      lines.append("| --- | --- | --- | --- | --- |")
      for change in diff.changes {
        lines.append(
          row([
            .text(change.issue), .markup("**\(change.change.rawValue)**"),
            .markup(change.before.map(cell) ?? "—"), .markup(change.after.map(cell) ?? "—"),
            .markup(change.details.map(escape).joined(separator: "<br>")),
          ]))
      }
    }
    if !diff.restated.isEmpty {
      lines += ["", "Restated without change:", ""]
      for restatement in diff.restated {
        lines.append(
          "- `\(restatement.position)` (\(escape(restatement.issue))): \(restatement.count)×"
            + restatement.evidence.map { "<br>" + evidence($0) }.joined())
      }
    }
    lines += ["", "_\(diff.changes.count) changes; \(diff.unchanged) unchanged._"]
    return lines.joined(separator: "\n") + "\n"
  }

  public func render(_ comparison: Comparison) throws -> String {
    var lines = [
      "## Compare \(escape(comparison.parties.joined(separator: ", ")))", "",
      "_\(timeNote(asOf: comparison.asOf, knownAt: comparison.knownAt))_", "",
      "| Issue | " + comparison.parties.map(escape).joined(separator: " | ")
        + " | Classification |",
      "| --- | " + comparison.parties.map { _ in "---" }.joined(separator: " | ") + " | --- |",
    ]
    for comparisonRow in comparison.rows {
      let cells = comparisonRow.cells.map { cell in
        cell.positions.isEmpty
          ? "_silent_" : cell.positions.map(self.cell).joined(separator: "<br><br>")
      }
      lines.append(
        row(
          [.markup("**\(escape(comparisonRow.issue))**")] + cells.map(TableCell.markup)
            + [
              .markup(
                "**\(comparisonRow.classification.rawValue)**: \(escape(comparisonRow.reason))")
            ]))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  public func render(_ timeline: Timeline) throws -> String {
    var lines = [
      "## \(escape(timeline.question))", "",
      "| Date | Event | Party | What | Positions |", "| --- | --- | --- | --- | --- |",
    ]
    for event in timeline.events {
      let what =
        event.kind == .statement
        ? "“\(escape(event.text))” — \(escape(event.speaker ?? "unnamed source")), \(event.attribution?.rawValue ?? "")"
        : escape(event.text)
      lines.append(
        row([
          .text(event.date.description),
          .text(event.kind.rawValue + machineMark(event.machineCoded)),
          .text(event.party),
          .markup(what), .markup(event.positions.map { "`\($0)`" }.joined(separator: ", ")),
        ]))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  public func render(_ contested: ContestedClaims) throws -> String {
    var lines = [
      "## Contested and unconfirmed claims", "",
      "_\(timeNote(asOf: contested.asOf, knownAt: contested.knownAt))_", "",
      "| Status | Claim | Holder | Flags | Evidence |", "| --- | --- | --- | --- | --- |",
    ]
    for item in contested.claims {
      var reactions = item.claim.evidence.map(evidence)
      reactions += item.contradictedBy.map { "contradicted by `\($0.id)` (\(escape($0.holder)))" }
      reactions += item.matchingClaims.map { "also claimed by \(escape($0.holder)) (`\($0.id)`)" }
      lines.append(
        row([
          .text(item.status + machineMark(item.claim.machineCoded)),
          .markup("**\(escape(item.claim.proposition))**<br>`\(item.claim.id)`"),
          .text(item.claim.holders.joined(separator: ", ")),
          .text(
            ([item.flags.joined(separator: ", ")] + [corroborationCounts(item)].compactMap { $0 })
              .joined(separator: "; ")),
          .markup(reactions.joined(separator: "<br>")),
        ]))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  public func render(_ commitments: CommitmentList) throws -> String {
    var lines = [
      "## Commitments and threats", "",
      "_As of \(commitments.asOf), known at \(commitments.knownAt.description)_", "",
      "| Outcome | Position | Holder | Held | Assessments |", "| --- | --- | --- | --- | --- |",
    ]
    for entry in commitments.commitments {
      let position = entry.position
      let assessments = entry.assessments.map {
        escape("\($0.on) \($0.outcome.rawValue)" + ($0.statement.map { " per \($0)" } ?? ""))
      }
      let flags = entry.flags.isEmpty ? "" : " (\(entry.flags.joined(separator: ", ")))"
      lines.append(
        row([
          .text(entry.outcome.rawValue + flags + machineMark(entry.position.machineCoded)),
          .markup("**\(escape(position.proposition))**<br>`\(position.id)`"),
          .text(position.holders.joined(separator: ", ")), .text(heldInterval(position)),
          .markup(assessments.joined(separator: "<br>")),
        ]))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  public func render(_ results: SearchResults) throws -> String {
    var lines = [
      "## Search: \(escape(results.query))", "", "_Known at \(results.knownAt.description)_", "",
    ]
    if results.hits.isEmpty { return (lines + ["No matches.", ""]).joined(separator: "\n") }
    lines += ["| Kind | Id | From | Match |", "| --- | --- | --- | --- |"]
    for hit in results.hits {
      let evidence =
        hit.positions.isEmpty
        ? "" : "<br>evidence for: " + hit.positions.map { "`\($0)`" }.joined(separator: ", ")
      lines.append(
        row([
          .text(hit.kind.rawValue + machineMark(hit.machineCoded)), .markup("`\(hit.id)`"),
          .text(hit.context),
          .markup(escape(hit.snippet) + evidence),
        ]))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  // MARK: - Private

  /// User text for a table cell: pipes, markup characters, line breaks and control characters
  /// (`Escaping.markdown`).
  func escape(_ text: String) -> String { Escaping.markdown(text) }

  /// A table row of plain text, every cell escaped.
  private func row(_ cells: [String]) -> String {
    row(cells.map(TableCell.text))
  }

  private func row(_ cells: [TableCell]) -> String {
    "| " + cells.map(\.markdown).joined(separator: " | ") + " |"
  }

  private func cell(_ position: PositionSummary) -> String {
    "**\(escape(stanceLabel(position)))**: \(escape(position.proposition))<br>`\(position.id)` · \(escape(heldInterval(position)))"
      + position.conditions.map { "<br>_if_ " + escape($0) }.joined()
      + (jointNote(position).map { "<br>_\(escape($0))_" } ?? "")
      + ((position.evidence.last { $0.role == .supports } ?? position.evidence.last).map {
        "<br>" + evidence($0)
      } ?? "")
  }

  /// "; also reported in `doc` (Outlet, date)", for each further document reporting the statement.
  private func furtherSources(_ item: EvidenceItem) -> String {
    guard !item.alsoReportedIn.isEmpty else { return "" }
    let others = item.alsoReportedIn.map { other in
      let about = [other.outlet.map(escape), other.published?.description].compactMap { $0 }
      return "`\(other.document)`" + (about.isEmpty ? "" : " (\(about.joined(separator: ", ")))")
    }
    return "; also reported in " + others.joined(separator: ", ")
  }

  private func evidence(_ item: EvidenceItem) -> String {
    let role = item.role == .supports ? "" : "[\(item.role.rawValue)] "
    return
      "\(role)\(item.quote.map { "“\(escape($0))”" } ?? "_\(missingQuote(item))_") — \(escape(item.speaker ?? "unnamed source")) for \(escape(item.onBehalfOf)), \(item.date), \(item.attribution.rawValue) (`\(item.document)`\(furtherSources(item)))"
  }

}

/// A cell of a Markdown table: user text, escaped when written, or Markdown the renderer built
/// (whose user text it escaped itself).
private enum TableCell {
  case text(String)
  case markup(String)

  var markdown: String {
    switch self {
    case .text(let text): text.markdownEscaped
    case .markup(let markup): markup
    }
  }
}
