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
          position.holder, stanceLabel(position), position.issue,
          position.target.isEmpty ? "-" : position.target.joined(separator: ","),
          heldInterval(position), position.id,
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
      "\(position.id) · known at \(detail.knownAt.description)\(published(detail.publishedBy))",
      "",
      "  holder       \(position.holder) (\(position.holderName))",
      "  kind         \(stanceLabel(position))",
      "  issue        \(position.issue) — \(position.issueLabel)",
    ]
    if !position.coHolders.isEmpty {
      lines.append("  held with    \(position.coHolders.joined(separator: ", "))")
    }
    for (issue, label) in zip(position.alsoOn, position.alsoOnLabels) {
      lines.append("  also on      \(issue) — \(label)")
    }
    lines += [
      "  proposition  \(position.proposition)",
      "  key          \(position.propositionKey)",
      "  last stated  \(position.lastStated?.description ?? "never (no supporting statement)")",
      "  target       \(position.target.isEmpty ? "-" : position.target.joined(separator: ", "))",
      "  held         \(heldInterval(position))",
      "  status       \(position.status.rawValue)"
        + EndWording.note(
          status: position.status.rawValue, reason: position.statusReason,
          term: position.term?.description),
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
          relation.direction == .outgoing
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
        version.status.rawValue
          + EndWording.note(status: version.status.rawValue, reason: version.statusReason),
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
      let chain = pathIds(change)
      // One step: its day. Several: what happened on each, in one line ("reversed 2025-03-18,
      // then expired 2025-04-17"), the steps themselves below.
      let single =
        change.steps.count == 1
        ? " (\(change.steps[0].on))"
        : change.steps.isEmpty
          ? "" : " (" + change.steps.map(stepHeadline).joined(separator: ", then ") + ")"
      lines.append("  " + change.change.rawValue.uppercased() + "  " + chain + single)
      for detail in change.details { lines.append("      " + detail) }
      if change.steps.count > 1 {
        for step in change.steps { lines.append("      " + stepLine(step)) }
      }
      for (label, position) in [("before", change.before), ("after", change.after)] {
        guard let position else { continue }
        lines.append(
          "      \(label): \(stanceLabel(position)) · \(heldInterval(position)) · \(position.proposition)"
        )
        if let joint = jointNote(position) { lines.append("        (\(joint))") }
        for condition in position.conditions { lines.append("        if: " + condition) }
        if let latest = position.evidence.last(where: { $0.role == .supports })
          ?? position.evidence.last
        {
          lines += evidenceLines(latest).map { "        " + $0 }
        }
      }
      for position in change.through {
        lines.append(
          "      through: \(position.id) · \(stanceLabel(position)) · \(heldInterval(position)) · \(position.proposition)"
        )
        for condition in position.conditions { lines.append("        if: " + condition) }
      }
      // The relations of the position the change ends on (or went through), in one line each;
      // the JSON lists those of the earlier positions too.
      let shown = Set(
        [change.after?.id ?? change.before?.id].compactMap { $0 } + change.through.map(\.id))
      for relation in change.related where shown.contains(relation.position) {
        lines.append("      \(relation.position) \(relation.line)")
      }
    }
    if !diff.restated.isEmpty {
      lines.append("")
      lines.append("Restated without change:")
      for restatement in diff.restated {
        let times = restatement.count == 1 ? "once" : "\(restatement.count) times"
        lines.append("  \(restatement.position) (\(restatement.issue)), \(times)")
        if restatement.evidence.isEmpty {
          for line in restatement.statements {
            let who =
              line.speaker.map { "\($0) for \(line.onBehalfOf)" } ?? "for \(line.onBehalfOf)"
            lines.append("      \(line.date) \(who) (\(line.statement))")
          }
        }
        for item in restatement.evidence { lines += evidenceLines(item).map { "      " + $0 } }
      }
    }
    lines.append("")
    lines.append(
      "\(diff.changes.count) change\(diff.changes.count == 1 ? "" : "s"); \(diff.unchanged) unchanged; \(diff.restated.count) position\(diff.restated.count == 1 ? "" : "s") restated."
    )
    return lines.joined(separator: "\n") + "\n"
  }

  /// "a → b → c": the positions a change passes through, in order.
  private func pathIds(_ change: PositionChange) -> String {
    var ids: [String] = []
    for step in change.steps {
      for id in [step.from, step.to].compactMap({ $0 }) where ids.last != id { ids.append(id) }
    }
    if ids.isEmpty {
      ids = [change.before?.id, change.after?.id].compactMap { $0 }
    }
    var unique: [String] = []
    for id in ids where !unique.contains(id) { unique.append(id) }
    return unique.joined(separator: " → ")
  }

  /// A step in a chain's headline: "reversed 2025-03-18", or how it ended ("expired 2025-04-17").
  private func stepHeadline(_ step: DiffStep) -> String {
    var word = step.change.rawValue
    if step.to == nil, let first = step.details.first?.split(separator: " ").first {
      word = String(first)
    }
    return "\(word) \(step.on)"
  }

  /// One step of a path on one line: "2025-03-18  hardened  a → b: condition added: …".
  private func stepLine(_ step: DiffStep) -> String {
    let what: String
    switch (step.from, step.to) {
    case (nil, let to?): what = "took up \(to)"
    case (let from?, nil): what = step.details.first ?? "ended \(from)"
    case (let from?, let to?):
      // Compact: the proposition's wording is in the before/after/through lines.
      let shown = step.details.filter { !$0.hasPrefix("proposition:") && $0 != "reversal" }
      what = "\(from) → \(to)" + (shown.isEmpty ? "" : ": " + shown.joined(separator: "; "))
    case (nil, nil): what = ""
    }
    return "\(step.on)  \(step.change.rawValue)  \(what)"
  }

  public func render(_ comparison: Comparison) throws -> String {
    Escaping.terminalSafe(try layout(comparison))
  }

  private func layout(_ comparison: Comparison) throws -> String {
    let time = comparison.asOf.map { "as of \($0)" } ?? "at any time"
    var lines = [
      "Compare \(comparison.parties.joined(separator: ", ")) · \(time) · known at \(comparison.knownAt.description)\(published(comparison.publishedBy))",
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
          lines.append("  \(name)  \(stanceLabel(position)) · \(position.id)")
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
      case .positionStart, .positionEnd, .inForce, .outcome:
        details.append(
          event.positions.joined(separator: ", ") + " · " + event.issues.joined(separator: ", ")
            + (event.statement.map { " · per \($0)" } ?? "")
            + (event.speaker.map { " (\($0))" } ?? ""))
      }
      let label =
        switch event.kind {
        case .statement: "said"
        case .positionStart: "starts"
        case .positionEnd: "ends"
        case .inForce: "in force"
        case .outcome: "outcome"
        }
      table.addRow(
        [event.date.description, label + machineMark(event.machineCoded), event.party, what],
        details: details)
    }
    return lines.joined(separator: "\n") + table.render(detailIndent: 6) + "\n"
  }

  public func render(_ commitments: CommitmentList) throws -> String {
    var lines = [
      "Commitments and threats · as of \(commitments.asOf) · known at \(commitments.knownAt.description)\(published(commitments.publishedBy))",
      "",
    ]
    if commitments.commitments.isEmpty { lines.append("No commitments or threats.") }
    for entry in commitments.commitments {
      let position = entry.position
      let flags = entry.flags.isEmpty ? "" : " · " + entry.flags.joined(separator: ", ")
      lines.append(
        "[\(outcomeTag(entry))] \(position.id) — \(position.holders.joined(separator: " and ")) \(stanceLabel(position)), \(position.issue)\(flags)"
      )
      lines.append("    \(position.proposition)")
      lines.append("    \(heldInterval(position))")
      for assessment in entry.assessments {
        lines.append(
          "    \(assessment.on) \(assessment.outcome.rawValue)"
            + (assessment.statement.map { " per \($0)" } ?? "")
            + (assessment.note.map { ": \($0)" } ?? ""))
      }
      if let first = position.evidence.first(where: { $0.role == .supports }) {
        lines += evidenceLines(first).map { "    " + $0 }
      }
      lines.append("")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  public func render(_ contested: ContestedClaims) throws -> String {
    Escaping.terminalSafe(try layout(contested))
  }

  private func layout(_ contested: ContestedClaims) throws -> String {
    let time = contested.asOf.map { "as of \($0)" } ?? "at any time"
    var lines = [
      "Contested and unconfirmed claims · \(time) · known at \(contested.knownAt.description)\(published(contested.publishedBy))",
      "",
    ]
    if contested.claims.isEmpty { lines.append("No contested or unconfirmed claims.") }
    for item in contested.claims {
      let claim = item.claim
      lines.append(
        "[\(item.status)] \(claim.id) — \(claim.holders.joined(separator: ", ")), \(claim.issue) · \(item.flags.joined(separator: ", "))\(machineMark(claim.machineCoded))"
      )
      lines.append("    \(claim.proposition)")
      if let counts = corroborationCounts(item) { lines.append("    \(counts)") }
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
    if !report.commitments.isEmpty {
      parts.append(
        try render(
          CommitmentList(
            asOf: report.asOf, knownAt: report.knownAt, commitments: report.commitments)))
    }
    return parts.joined(separator: "\n")
  }

  public func render(_ briefing: Briefing) throws -> String {
    Escaping.terminalSafe(try layout(briefing))
  }

  private func layout(_ briefing: Briefing) throws -> String {
    Self.plainText(
      fromMarkdown: try BriefTemplates.render(
        briefing, template: BriefTemplates.defaultMarkdown, html: false))
  }

  /// The brief's Markdown as plain text for a terminal: headings underlined, emphasis, code
  /// marks and line breaks (`<br>`) turned into plain words and indented lines.
  static func plainText(fromMarkdown markdown: String) -> String {
    var lines: [String] = []
    for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
      var text = String(line)
      var underline: Character?
      if text.hasPrefix("# ") {
        text.removeFirst(2)
        underline = "="
      } else if text.hasPrefix("## ") {
        text.removeFirst(3)
        underline = "-"
      } else if text.hasPrefix("### ") {
        text.removeFirst(4)
      }
      if text.count > 1, text.hasPrefix("_"), text.hasSuffix("_") {
        text = String(text.dropFirst().dropLast())
      }
      text = text.replacingOccurrences(of: "**", with: "")
        .replacingOccurrences(of: "`", with: "")
        .replacingOccurrences(of: " )", with: ")")
      let indent = text.hasPrefix("- ") ? "    " : "  "
      text = text.replacingOccurrences(of: "<br>", with: "\n" + indent)
      lines.append(text)
      if let underline {
        lines.append(String(repeating: underline, count: min(text.count, 100)))
      }
    }
    return lines.joined(separator: "\n")
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
      table.addRow(
        [hit.kind.rawValue + machineMark(hit.machineCoded), hit.id, hit.context], details: details)
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

  private func details(_ position: PositionSummary) -> [String] {
    var lines = [position.proposition]
    // The key is what a curator restates or supersedes by; staleness is what a reader weighs.
    lines.append(
      "key: \(position.propositionKey)"
        + (position.lastStated.map { " · last stated \($0)" } ?? ""))
    // A joint or multi-issue position is one record, listed under its primary holder and slot.
    if let joint = jointNote(position) { lines.append("joint: \(joint)") }
    for condition in position.conditions { lines.append("if: \(condition)") }
    if position.status != .active {
      lines.append(
        "status: \(position.status.rawValue)"
          + EndWording.note(
            status: position.status.rawValue, reason: position.statusReason,
            term: position.term?.description))
    }
    if let term = position.term { lines.append("term: \(term.description)") }
    if let outcome = position.outcome {
      lines.append(
        "outcome: \(outcome.outcome.rawValue) on \(outcome.on)"
          + (outcome.statement.map { " (per \($0))" } ?? ""))
    }
    // The evidence that bears on it: how it was first stated and most recently restated, and
    // every other party's reaction; the rest is in `parley show`.
    let supports = position.evidence.filter { $0.role == .supports }
    let shown = position.evidence.filter { item in
      item.role != .supports || item.statement == supports.first?.statement
        || item.statement == supports.last?.statement
    }
    for item in shown { lines += evidenceLines(item) }
    let hidden = position.evidence.count - shown.count
    if hidden > 0 {
      lines.append(
        "(\(hidden) more restatement\(hidden == 1 ? "" : "s") in between: parley show \(position.id))"
      )
    }
    return lines
  }

  private func evidenceLines(_ item: EvidenceItem) -> [String] {
    let who = item.speaker ?? "unnamed source"
    let role = item.role == .supports ? "" : "[\(item.role.rawValue)] "
    let source = [item.outlet, item.url].compactMap { $0 }.joined(separator: ", ")
    var lines = [
      "\(role)" + (item.quote.map { "“\($0)”" } ?? missingQuote(item)),
      "    — \(who) for \(item.onBehalfOf), \(item.date), \(item.attribution.rawValue); \(item.document)\(source.isEmpty ? "" : " (\(source))")",
    ]
    if !item.alsoReportedIn.isEmpty {
      let others = item.alsoReportedIn.map { other in
        [other.outlet ?? other.document, other.published?.description].compactMap { $0 }
          .joined(separator: ", ")
      }
      lines.append("    also reported by: \(others.joined(separator: "; "))")
    }
    return lines
  }
}
