import Foundation

/// Self-contained HTML: inline CSS and SVG, no scripts and no network fetches, every value escaped.
///
/// The report is a full page with a party × issue matrix and a timeline; other answers are a page
/// around their text form.
public struct HTMLRenderer: Renderer {
  /// A user's own Mustache template for the briefing, instead of the built-in one.
  public var briefTemplate: String?

  public init(briefTemplate: String? = nil) { self.briefTemplate = briefTemplate }

  public func render(_ list: PositionList) throws -> String {
    try page(list.question, TextRenderer().render(list))
  }
  public func render(_ detail: PositionDetail) throws -> String {
    try page(detail.position.id, TextRenderer().render(detail))
  }
  public func render(_ parties: PartyList) throws -> String {
    try page("Parties", TextRenderer().render(parties))
  }
  public func render(_ issues: IssueList) throws -> String {
    try page("Issues", TextRenderer().render(issues))
  }
  public func render(_ diff: PositionDiff) throws -> String {
    try page(diff.question, TextRenderer().render(diff))
  }
  public func render(_ comparison: Comparison) throws -> String {
    try page("Comparison", TextRenderer().render(comparison))
  }
  public func render(_ timeline: Timeline) throws -> String {
    try page(timeline.question, TextRenderer().render(timeline))
  }
  public func render(_ contested: ContestedClaims) throws -> String {
    try page("Contested claims", TextRenderer().render(contested))
  }

  public func render(_ commitments: CommitmentList) throws -> String {
    try page("Commitments and threats", TextRenderer().render(commitments))
  }

  public func render(_ results: SearchResults) throws -> String {
    try page("Search: \(results.query)", TextRenderer().render(results))
  }

  public func render(_ briefing: Briefing) throws -> String {
    try BriefTemplates.render(
      briefing, template: briefTemplate ?? BriefTemplates.defaultHTML, html: true)
  }

  public func render(_ report: PositionReport) throws -> String {
    var footnotes = Footnotes()
    var body = ""
    body += "<header><h1>\(escape(report.title))</h1>"
    body +=
      "<p class=\"meta\">As of <strong>\(escape(report.asOf.description))</strong>, as known at \(escape(report.knownAt.description))"
    if let since = report.since { body += " · changes since \(escape(since.description))" }
    body += " · \(escape(report.generator))</p></header>\n"

    body += "<section id=\"matrix\"><h2>Who holds what</h2>\n"
    body += matrixSVG(report.comparison)
    body += legend()
    body += "</section>\n"

    body += "<section id=\"timeline\"><h2>Timeline</h2>\n"
    body += timelineSVG(report)
    body +=
      "<p class=\"note\">One lane per party: a bar for each position while it is held (an arrow at the left edge: held since before this period), a dot for each statement, a diamond where a position was superseded or withdrawn.</p>"
    body += "</section>\n"

    body += "<section id=\"issues\"><h2>By issue</h2>\n"
    for row in report.comparison.rows {
      body +=
        "<h3 id=\"\(anchor("issue", row.issue))\">\(escape(row.issue)) <small>\(escape(row.issueLabel))</small> <span class=\"class class-\(row.classification.rawValue)\">\(escape(row.classification.rawValue))</span></h3>\n"
      body += "<p class=\"reason\">\(escape(row.reason))</p>\n"
      body +=
        "<table><thead><tr><th>Party</th><th>Stance</th><th>Position</th><th>Held</th><th>Evidence</th></tr></thead><tbody>\n"
      for cell in row.cells {
        if cell.positions.isEmpty {
          body +=
            "<tr id=\"\(anchor("cell", row.issue, cell.party))\"><td>\(escape(cell.party))</td><td colspan=\"4\" class=\"silent\">silent</td></tr>\n"
        }
        for (index, position) in cell.positions.enumerated() {
          let refs = position.evidence.map { footnotes.reference(for: $0) }
          let id = index == 0 ? " id=\"\(anchor("cell", row.issue, cell.party))\"" : ""
          body +=
            "<tr\(id)><td>\(escape(cell.party))</td><td><span class=\"chip\" style=\"background:\(Self.color(position.kind))\"></span>\(escape(stanceLabel(position)))</td>"
          body +=
            "<td>\(escape(position.proposition))\(position.conditions.map { "<br><em>if</em> \(escape($0))" }.joined())<br><code>\(escape(position.id))</code>\(jointNote(position).map { "<br><em>\(escape($0))</em>" } ?? "")</td>"
          body +=
            "<td>\(escape(heldInterval(position)))</td><td>\(refs.joined(separator: " "))</td></tr>\n"
        }
      }
      body += "</tbody></table>\n"
    }
    body += "</section>\n"

    if report.since != nil {
      body +=
        "<section id=\"changes\"><h2>Changes since \(escape(report.since?.description ?? ""))</h2>\n"
      let all = report.changes.flatMap { diff in diff.changes.map { (diff.holder, $0) } }
      if all.isEmpty {
        body += "<p>No changes.</p>"
      } else {
        body +=
          "<table><thead><tr><th>Party</th><th>Issue</th><th>Change</th><th>Before</th><th>After</th><th>Evidence</th></tr></thead><tbody>\n"
        for (holder, change) in all {
          let refs = ((change.after ?? change.before)?.evidence ?? []).map {
            footnotes.reference(for: $0)
          }
          body +=
            "<tr><td>\(escape(holder))</td><td>\(escape(change.issue))</td><td><strong>\(escape(change.change.rawValue))</strong><br>\(change.details.map(escape).joined(separator: "<br>"))</td>"
          body +=
            "<td>\(change.before.map { escape(stanceLabel($0) + ": " + $0.proposition) } ?? "—")</td>"
          body +=
            "<td>\(change.after.map { escape(stanceLabel($0) + ": " + $0.proposition) } ?? "—")</td><td>\(refs.joined(separator: " "))</td></tr>\n"
        }
        body += "</tbody></table>\n"
      }
      body += "</section>\n"
    }

    body += "<section id=\"contested\"><h2>Contested and unconfirmed claims</h2>\n"
    if report.contested.claims.isEmpty { body += "<p>None.</p>" }
    body += "<ul>\n"
    for item in report.contested.claims {
      let refs = item.claim.evidence.map { footnotes.reference(for: $0) }
      body +=
        "<li><span class=\"class class-\(escape(item.status))\">\(escape(item.status))</span> <strong>\(escape(item.claim.holders.joined(separator: ", ")))</strong>: \(escape(item.claim.proposition + machineMark(item.claim.machineCoded))) <em>(\(escape(([item.flags.joined(separator: ", ")] + [corroborationCounts(item)].compactMap { $0 }).joined(separator: "; "))))</em> \(refs.joined(separator: " "))</li>\n"
    }
    body += "</ul></section>\n"

    if !report.commitments.isEmpty {
      body += "<section id=\"commitments\"><h2>Commitments and threats</h2>\n<ul>\n"
      for entry in report.commitments {
        let refs = entry.position.evidence.map { footnotes.reference(for: $0) }
        let flags = entry.flags.isEmpty ? "" : "; " + entry.flags.joined(separator: ", ")
        body +=
          "<li><span class=\"class\">\(escape(entry.outcome.rawValue + flags))</span> <strong>\(escape(entry.position.holders.joined(separator: ", ")))</strong> \(escape(entry.position.kind.rawValue + machineMark(entry.position.machineCoded))): \(escape(entry.position.proposition)) \(refs.joined(separator: " "))</li>\n"
      }
      body += "</ul></section>\n"
    }

    body += "<section id=\"evidence\"><h2>Evidence</h2><ol>\n"
    let documents = Dictionary(uniqueKeysWithValues: report.sources.map { ($0.document, $0) })
    for item in footnotes.items {
      let source = documents[item.document]
      var where_ = escape(source?.title ?? item.document)
      if let outlet = source?.outlet { where_ += ", \(escape(outlet))" }
      if let published = source?.published { where_ += ", \(escape(published))" }
      if let url = source?.url {
        // Only an http(s) URL is a link: 'javascript:' and the like are shown as text.
        where_ +=
          Escaping.isSafeLink(url)
          ? " — <a href=\"\(escape(url))\">\(escape(url))</a>" : " — \(escape(url))"
      }
      // Further documents that report the same statement: other outlets' copies of its words.
      for other in item.alsoReportedIn {
        where_ += "; also reported in \(escape(other.title))"
        if let outlet = other.outlet { where_ += ", \(escape(outlet))" }
        if let published = other.published { where_ += ", \(escape(published.description))" }
        if let url = other.url {
          where_ +=
            Escaping.isSafeLink(url)
            ? " — <a href=\"\(escape(url))\">\(escape(url))</a>" : " — \(escape(url))"
        }
      }
      let quote =
        item.quote.map { "“\(escape($0))”" } ?? "<em>reported without a verbatim quote</em>"
      body +=
        "<li id=\"\(anchor("ev", item.statement))\">\(quote) — \(escape(item.speaker ?? "unnamed source")) for \(escape(item.onBehalfOf)), \(escape(item.date.description)), \(escape(item.attribution.rawValue)). <span class=\"source\">\(where_)</span></li>\n"
    }
    body += "</ol></section>\n"
    return document(title: report.title, body: body)
  }

  // MARK: - Pictures

  private func matrixSVG(_ comparison: Comparison) -> String {
    let rows = comparison.rows
    let labelWidth = 260
    let cellWidth = 120
    let cellHeight = 26
    let header = 34
    let width = labelWidth + cellWidth * max(comparison.parties.count, 1) + 10
    let height = header + cellHeight * rows.count + 10
    var svg =
      "<svg class=\"matrix\" role=\"img\" aria-label=\"Matrix of stances by party and issue\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\">\n"
    for (column, party) in comparison.parties.enumerated() {
      let x = labelWidth + column * cellWidth + cellWidth / 2
      svg +=
        "<text x=\"\(x)\" y=\"22\" text-anchor=\"middle\" class=\"head\">\(escape(party))</text>\n"
    }
    for (index, row) in rows.enumerated() {
      let y = header + index * cellHeight
      svg +=
        "<a href=\"#\(anchor("issue", row.issue))\"><text x=\"4\" y=\"\(y + 17)\" class=\"label\">\(escape(row.issue))</text></a>\n"
      for (column, cell) in row.cells.enumerated() {
        let x = labelWidth + column * cellWidth
        let kinds = orderedKinds(cell.positions)
        let link = "#\(anchor("cell", row.issue, cell.party))"
        let tip = cell.positions.map { "\(stanceLabel($0)): \($0.proposition)" }.joined(
          separator: "\n")
        svg +=
          "<a href=\"\(link)\"><g><title>\(escape(tip.isEmpty ? "\(cell.party): silent" : tip))</title>"
        if kinds.isEmpty {
          svg +=
            "<rect x=\"\(x + 2)\" y=\"\(y + 2)\" width=\"\(cellWidth - 4)\" height=\"\(cellHeight - 4)\" class=\"empty\"/>"
        } else {
          let stripe = Double(cellWidth - 4) / Double(kinds.count)
          for (offset, kind) in kinds.enumerated() {
            svg += String(
              format: "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%@\"/>",
              Double(x + 2) + stripe * Double(offset), y + 2, stripe, cellHeight - 4,
              Self.color(kind))
          }
          let label = kinds.count == 1 ? kinds[0].rawValue : "\(cell.positions.count) positions"
          svg +=
            "<text x=\"\(x + cellWidth / 2)\" y=\"\(y + 17)\" text-anchor=\"middle\" class=\"cell\">\(escape(label))</text>"
        }
        svg += "</g></a>\n"
      }
    }
    svg += "</svg>\n"
    return svg
  }

  private func legend() -> String {
    var html = "<ul class=\"legend\">"
    for kind in StanceKind.allCases {
      html +=
        "<li><span class=\"chip\" style=\"background:\(Self.color(kind))\"></span>\(escape(kind.rawValue))</li>"
    }
    return html + "<li><span class=\"chip empty\"></span>silent</li></ul>\n"
  }

  /// The chronology as lanes: the year before the as-of day (or from `since`, if earlier),
  /// with positions that began earlier clipped at the left edge.
  private func timelineSVG(_ report: PositionReport) -> String {
    let end = report.asOf.lastDay
    let endDay = Self.dayNumber(end)
    var startDay = endDay - 365
    if let since = report.since { startDay = min(startDay, Self.dayNumber(since.firstDay) - 30) }
    let left = 130
    let plotWidth = 820
    let x = { (yyyymmdd: Int) -> Double in
      let day = min(max(Self.dayNumber(yyyymmdd), startDay), endDay)
      return Double(left) + Double(day - startDay) / Double(endDay - startDay) * Double(plotWidth)
    }
    // One bar row per position held at some point in the window, grouped by party lane.
    var lanes: [(party: String, positions: [String])] = []
    var intervals: [String: (from: Int, to: Int?, kind: StanceKind?, ended: Bool)] = [:]
    for event in report.timeline.events
    where event.kind == .positionStart || event.kind == .positionEnd {
      guard let id = event.positionReferences.first?.id else { continue }
      var interval = intervals[id] ?? (from: event.date.firstDay, to: nil, kind: nil, ended: false)
      if event.kind == .positionStart {
        interval.from = event.date.firstDay
        interval.kind = event.stance
      } else {
        interval.to = event.date.firstDay
        interval.ended = event.endStatus == .superseded || event.endStatus == .withdrawn
      }
      intervals[id] = interval
      if lanes.firstIndex(where: { $0.party == event.party }) == nil {
        lanes.append((event.party, []))
      }
    }
    for event in report.timeline.events where event.kind == .positionStart {
      guard let id = event.positionReferences.first?.id, let interval = intervals[id],
        Self.dayNumber(interval.to ?? end) > startDay,
        let lane = lanes.firstIndex(where: { $0.party == event.party }),
        !lanes[lane].positions.contains(id)
      else { continue }
      lanes[lane].positions.append(id)
    }
    lanes.removeAll { $0.positions.isEmpty }
    guard !lanes.isEmpty else { return "<p>No positions in this period.</p>" }
    let barHeight = 7
    let laneGap = 18
    var height = 30
    for lane in lanes { height += laneGap + lane.positions.count * (barHeight + 2) }
    var svg =
      "<svg class=\"timeline\" role=\"img\" aria-label=\"Timeline of positions and statements\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(left + plotWidth + 20) \(height + 10)\" width=\"\(left + plotWidth + 20)\" height=\"\(height + 10)\">\n"
    // Quarterly ticks.
    let startYear = (end / 10000) - 3
    for year in startYear...(end / 10000) {
      for month in [1, 4, 7, 10] {
        let tick = year * 10000 + month * 100 + 1
        let day = Self.dayNumber(tick)
        guard day > startDay, day <= endDay else { continue }
        let position = x(tick)
        svg += String(
          format: "<line x1=\"%.1f\" y1=\"18\" x2=\"%.1f\" y2=\"%d\" class=\"tick\"/>", position,
          position, height)
        svg += String(
          format:
            "<text x=\"%.1f\" y=\"14\" text-anchor=\"middle\" class=\"axis\">%04d-%02d</text>",
          position, year, month)
      }
    }
    var y = 30
    var rowOf: [String: Int] = [:]
    for lane in lanes {
      svg += "<text x=\"4\" y=\"\(y + 10)\" class=\"lane\">\(escape(lane.party))</text>\n"
      y += laneGap - 6
      for id in lane.positions {
        guard let interval = intervals[id] else { continue }
        let x1 = x(interval.from)
        let x2 = x(interval.to ?? end)
        let kind = interval.kind
        svg += String(
          format:
            "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%@\"><title>%@</title></rect>",
          x1, y, max(x2 - x1, 2), barHeight, kind.map(Self.color) ?? "#999", escape(id))
        if Self.dayNumber(interval.from) < startDay {
          svg += String(
            format: "<path d=\"M %.1f %d l -5 %d l 5 %d z\" class=\"earlier\"/>", x1, y,
            barHeight / 2, barHeight / 2)
        }
        if interval.ended, let to = interval.to {
          svg += String(
            format: "<path d=\"M %.1f %d l 4 4 l -4 4 l -4 -4 z\" class=\"change\"/>", x(to), y - 1)
        }
        rowOf[id] = y
        y += barHeight + 2
      }
      y += 6
    }
    for event in report.timeline.events where event.kind == .statement {
      guard Self.dayNumber(event.date.firstDay) >= startDay else { continue }
      for reference in event.positionReferences {
        guard let row = rowOf[reference.id] else { continue }
        svg += String(
          format:
            "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.2\" class=\"said\"><title>%@</title></circle>",
          x(event.date.firstDay), Double(row) + Double(barHeight) / 2,
          escape("\(event.date) \(event.speaker ?? event.party): \(event.text)"))
      }
    }
    svg += "\n</svg>\n"
    return svg
  }

  // MARK: - Helpers

  static func color(_ kind: StanceKind) -> String {
    switch kind {
    case .demand: "#c0392b"
    case .condition: "#e67e22"
    case .commitment: "#2874a6"
    case .proposal: "#229954"
    case .acceptance: "#17a589"
    case .rejection: "#6c3483"
    case .threat: "#78281f"
    case .claim: "#808b96"
    case .consideration: "#d4ac0d"
    }
  }

  /// The day count of a `yyyymmdd`, for placing dates on an axis.
  static func dayNumber(_ yyyymmdd: Int) -> Int { CivilDate(yyyymmdd: yyyymmdd).daysSince1970 }

  private func orderedKinds(_ positions: [PositionSummary]) -> [StanceKind] {
    var seen: [StanceKind] = []
    for position in positions where !seen.contains(position.kind) { seen.append(position.kind) }
    return seen
  }

  private func anchor(_ parts: String...) -> String {
    parts.joined(separator: "-").htmlAnchorID
  }

  private func page(_ title: String, _ text: String) throws -> String {
    document(title: title, body: "<h1>\(escape(title))</h1>\n<pre>\(escape(text))</pre>\n")
  }

  private func document(title: String, body: String) -> String {
    """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>\(escape(title))</title>
    <style>
    \(Self.css)
    </style>
    </head>
    <body>
    \(body)</body>
    </html>

    """
  }

  static let css = """
    body { font: 14px/1.45 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #1c2833; margin: 24px auto; max-width: 1100px; padding: 0 16px; }
    h1 { font-size: 24px; margin-bottom: 4px; } h2 { border-bottom: 2px solid #d5d8dc; padding-bottom: 4px; margin-top: 32px; }
    h3 { margin-bottom: 2px; } h3 small { color: #566573; font-weight: normal; }
    .meta, .note, .reason { color: #566573; } code { font-size: 12px; color: #566573; }
    table { border-collapse: collapse; width: 100%; margin: 6px 0 16px; } th, td { border: 1px solid #d5d8dc; padding: 4px 6px; vertical-align: top; text-align: left; }
    th { background: #f4f6f7; } td.silent { color: #909497; font-style: italic; }
    .chip { display: inline-block; width: 12px; height: 12px; border-radius: 2px; margin-right: 5px; vertical-align: -1px; }
    .chip.empty, rect.empty { background: #f2f3f4; fill: #f2f3f4; stroke: #d5d8dc; }
    .legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 12px; }
    .class { font-size: 12px; border-radius: 10px; padding: 1px 8px; background: #eaecee; font-weight: normal; }
    .class-opposed, .class-contested { background: #f5b7b1; } .class-aligned { background: #abebc6; } .class-conditional { background: #fad7a0; } .class-unconfirmed { background: #f9e79f; }
    svg text { font-family: inherit; } svg .head { font-weight: bold; font-size: 13px; } svg .label { font-size: 12px; fill: #1c2833; }
    svg .cell { font-size: 11px; fill: #fff; } svg .axis { font-size: 11px; fill: #566573; } svg .lane { font-size: 12px; font-weight: bold; }
    svg .tick { stroke: #d5d8dc; } svg .said { fill: #fff; stroke: #1c2833; stroke-width: 1; } svg .change { fill: #fff; stroke: #1c2833; } svg .earlier { fill: #909497; }
    a { color: #1f618d; } .source { color: #566573; }
    @media print { body { margin: 0; max-width: none; } section { page-break-inside: avoid; } a { color: inherit; text-decoration: none; } }
    """

  /// User text for HTML, control characters made visible (`Escaping.html`).
  func escape(_ text: String) -> String { Escaping.html(text) }
}

/// Numbered evidence footnotes, one per statement, in order of first reference.
struct Footnotes {
  private(set) var items: [EvidenceItem] = []
  private var numbers: [String: Int] = [:]

  mutating func reference(for item: EvidenceItem) -> String {
    let number: Int
    if let existing = numbers[item.statement] {
      number = existing
    } else {
      items.append(item)
      number = items.count
      numbers[item.statement] = number
    }
    let id = "ev-" + item.statement.htmlAnchorID
    return "<a class=\"ref\" href=\"#\(id)\">[\(number)]</a>"
  }
}
