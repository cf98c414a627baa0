import Foundation

// What every output format says the same way: a position's stance and the interval it is held
// over. Escaping for each markup language is in `String+Escaping.swift`.

extension Renderer {
  /// A position's stance in words: its kind, then "(against)" and a modality other than firm,
  /// such as `demand (against) (conditional)`.
  func stanceLabel(_ position: PositionSummary) -> String {
    var label = position.kind.rawValue
    if position.polarity == .against { label += " (against)" }
    if position.modality != .firm { label += " (\(position.modality.rawValue))" }
    return label + machineMark(position.machineCoded)
  }

  /// ` [machine-coded]` after what was machine-coded from event data (`parley import gdelt`),
  /// so it never passes for curated in any format; nothing otherwise.
  func machineMark(_ machineCoded: Bool) -> String { machineCoded ? " [machine-coded]" : "" }

  /// The interval a position is held over: `since 2025-03-11`, or `2024-06 → 2025-03-11
  /// superseded` (half-open: the end is the first day it is no longer held, with what ended
  /// it), and its term or period in force when it has one.
  func heldInterval(_ position: PositionSummary) -> String {
    let term = position.term.map { " (\($0.description))" } ?? ""
    guard let end = position.validTo else { return "since \(position.validFrom)\(term)" }
    let reason = position.endReason.map { " \($0.rawValue)" } ?? ""
    return "\(position.validFrom) → \(end)\(reason)\(term)"
  }

  /// What stands in place of a quote that is not shown: none of the statement's words bear on
  /// the position (`no_quote`), or the source gave none.
  func missingQuote(_ item: EvidenceItem) -> String {
    item.quoteIsOwn
      ? "(none of this statement's words bear on this position)"
      : "(reported without a verbatim quote)"
  }
  /// ` · as published by DATE` when a publication day was asked for; nothing otherwise.
  func published(_ day: PartialDate?) -> String { day.map { " · as published by \($0)" } ?? "" }

  /// "As of DATE" (or "At any time"), as known at a revision.
  func timeNote(asOf: PartialDate?, knownAt: RecordPoint) -> String {
    "\(asOf.map { "As of \($0)" } ?? "At any time"), as known at \(knownAt.description)"
  }
}

/// How an ended position's status reads, in every format and in the timeline.
enum EndWording {
  /// The note after a status word: "expired (its term ran out: 30 days; per statement s-1)".
  ///
  /// The stored reason begins with the status word itself ("expired, per statement s-1"); it is
  /// said once, not twice.
  static func note(status: String, reason: String?, term: String? = nil) -> String {
    var notes: [String] = []
    if status == "expired", let term { notes.append("its term ran out: \(term)") }
    if var said = reason {
      if said.hasPrefix(status) {
        said = String(said.dropFirst(status.count)).trimmingCharacters(
          in: .init(charactersIn: ", "))
      }
      if !said.isEmpty { notes.append(said) }
    }
    return notes.isEmpty ? "" : " (" + notes.joined(separator: "; ") + ")"
  }
}

extension Renderer {
  /// A commitment's outcome as a tag: `PENDING`, `KEPT`, …, or `SUPERSEDED` / `WITHDRAWN` for
  /// one replaced or withdrawn with no outcome recorded (no longer pending).
  func outcomeTag(_ entry: CommitmentEntry) -> String {
    if entry.outcome == .pending {
      if entry.flags.contains("superseded-no-outcome") { return "SUPERSEDED" }
      if entry.flags.contains("withdrawn-no-outcome") { return "WITHDRAWN" }
    }
    return entry.outcome.rawValue.uppercased()
  }

  /// What a joint or multi-issue position adds to its holder and issue: `held with eu, france;
  /// also on territory/crimea`, or nil for a position of one holder on one slot.
  func jointNote(_ position: PositionSummary) -> String? {
    var parts: [String] = []
    if !position.coHolders.isEmpty {
      parts.append("held with \(position.coHolders.joined(separator: ", "))")
    }
    if !position.alsoOn.isEmpty {
      parts.append("also on \(position.alsoOn.joined(separator: ", "))")
    }
    return parts.isEmpty ? nil : parts.joined(separator: "; ")
  }

  /// A contested claim's counts in words: other parties' corroborating statements, and further
  /// reports of its own statements by other outlets (labelled apart: the same words again, not
  /// another party's confirmation); nil when it has neither.
  func corroborationCounts(_ item: ContestedClaim) -> String? {
    var parts: [String] = []
    if item.corroborations > 0 {
      parts.append(
        "corroborated by \(item.corroborations) statement\(item.corroborations == 1 ? "" : "s") of other parties"
      )
    }
    if item.furtherReports > 0 {
      parts.append(
        "\(item.furtherReports) further report\(item.furtherReports == 1 ? "" : "s") of the same words by other outlets"
      )
    }
    return parts.isEmpty ? nil : parts.joined(separator: "; ")
  }
}
