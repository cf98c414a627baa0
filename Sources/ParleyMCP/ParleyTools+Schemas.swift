import MCP
import ParleyKit

extension ParleyTools {
  /// The tool for a command: its description and an input schema that teaches the time questions.
  static func tool(for command: ReadCommand) -> Tool {
    let (title, description, properties, required) = definition(of: command)
    return Tool(
      name: command.rawValue, title: title, description: description,
      inputSchema: .object([
        "type": .string("object"),
        "properties": .object(properties),
        "required": .array(required.map { .string($0) }),
        "additionalProperties": .bool(false),
      ]),
      annotations: .init(
        title: title, readOnlyHint: true, destructiveHint: false, idempotentHint: true,
        openWorldHint: false))
  }

  // MARK: - Properties the tools share

  static func text(_ description: String) -> Value {
    .object(["type": .string("string"), "description": .string(description)])
  }

  static func flag(_ description: String) -> Value {
    .object(["type": .string("boolean"), "description": .string(description)])
  }

  static let asOf = text(
    "The day in the world the answer is about (valid time): YYYY-MM-DD, YYYY-MM or YYYY (a month or year means its last day), or 'today' (the default). 'What did Russia demand on 12 March 2025?' is as_of 2025-03-12. A position counts from the day it was first stated or published until it was superseded, withdrawn, expired or fulfilled."
  )
  static let knownAt = text(
    "Answer with only what Parley had recorded by then (record time), not what was true then: a revision 'r3', a date (the end of that UTC day) or a UTC time '2025-03-14T09:30:00Z'. Default: everything recorded so far. Use it to reproduce what an earlier briefing could have known; combine with as_of to ask 'what did we believe on day K about day D'."
  )
  static let publishedBy = text(
    "The third time question: what the public record held on this day (publication time): YYYY-MM-DD, YYYY-MM or YYYY. Only evidence from documents published by then counts, and only positions with such evidence are shown; an end counts only once what says so was published. as_of asks what was true on a day; published_by asks what anyone could have read by a day; known_at asks what Parley had recorded by then. 'What could a reader have known on 13 March about Russia's demands?' is published_by 2025-03-13 (with as_of 2025-03-13)."
  )
  static let includeMachine = flag(
    "Also include machine-coded positions and statements, imported from event data (GDELT) rather than curated from quotes; they are left out by default and marked machine_coded: true when included. Use it only to look for leads: a machine-coded position has no verbatim quote and is never evidence to cite as a curated one."
  )
  static let party = text(
    "A party: an id, alias or name (russia, Kremlin, ukraine, united-states). A person stands for the party they speak for."
  )
  static let issue = text(
    "Only this issue: an id, a prefix or a word (nato, ceasefire, territory/crimea).")

  /// Title, description, properties and required names of each tool.
  static func definition(of command: ReadCommand) -> (
    String, String, [String: Value], [String]
  ) {
    switch command {
    case .who:
      return (
        "Who takes a stance",
        "Lists the positions of one stance held on a day (default today), with the evidence for each: statement id, speaker, date, verbatim quote, source URL. Example: who demands on nato as of 2025-03-14.",
        [
          "stance": text(
            "The stance, as a verb: demands, conditions, commits, proposes (offers), accepts, rejects, threatens, claims, considers."
          ),
          "on": issue,
          "of": text("Only positions addressed to or aimed at this party."),
          "by": text("Only positions held by this party."),
          "as_of": asOf, "known_at": knownAt, "published_by": publishedBy,
          "include_machine": includeMachine,
        ], ["stance"]
      )
    case .positions:
      return (
        "A party's positions",
        "What a party (and its ministries and bodies) holds on a day, each position with its evidence. With all=true, every position it ever held, with the status it has now.",
        [
          "party": party, "issue": issue,
          "all": flag(
            "Every position ever held, not only those held on the as_of day (cannot be combined with as_of)."
          ),
          "include_deprecated": flag("Also positions the curators retracted as mistakes."),
          "as_of": asOf, "known_at": knownAt, "published_by": publishedBy,
          "include_machine": includeMachine,
        ], ["party"]
      )
    case .show:
      return (
        "One position in full",
        "One position by id (as listed by who and positions): its evidence, its relations to other positions (supersedes, contradicts, responds to) and its history in Parley's record.",
        [
          "position": text("The position id, e.g. ru-nato-bar-ukraine-2021-12."),
          "known_at": knownAt,
          "published_by": text(
            "Show the position with only the evidence from documents published by this day (YYYY-MM-DD, YYYY-MM or YYYY); a position with none is not found."
          ),
          "include_machine": flag(
            "Needed to show a machine-coded position (imported event data, not curated); without it, asking for one is an error that says so."
          ),
        ],
        ["position"]
      )
    case .diff:
      return (
        "What changed in a party's positions",
        "Two questions. With from (and to, default today): what changed in the world between two days (valid time): each change (reversed, hardened, softened, scope widened or narrowed, added, dropped, came and went) with the positions before and after and their dated steps. With known_since instead: what Parley learned since that revision or date (record time), whenever the facts happened.",
        [
          "party": party,
          "from": text("The first day of the window (valid time): YYYY-MM-DD, YYYY-MM or YYYY."),
          "to": text("The last day of the window (valid time); default today."),
          "known_since": text(
            "Instead of from/to: what was recorded after this revision (r3), or since the start of this UTC day or time. Cannot be combined with from, to, known_at or published_by."
          ),
          "known_at": text(
            "For a from/to diff: answer as Parley knew it at this revision, date or UTC time."),
          "issue": issue,
          "show_restatements": flag(
            "List the statements that restated a position inside the window."),
          "published_by": text(
            "For a from/to diff: compare the two days as the public record stood on this day (publication time): only evidence from documents published by then. YYYY-MM-DD, YYYY-MM or YYYY."
          ),
          "include_machine": includeMachine,
        ], ["party"]
      )
    case .compare:
      return (
        "Parties side by side",
        "Each party's stance per issue on a day, side by side, each row classified (aligned, opposed, partly aligned, one-sided) with the positions and their evidence.",
        [
          "parties": .object([
            "type": .string("array"), "items": .object(["type": .string("string")]),
            "minItems": .int(2),
            "description": .string("Two or more parties: ids, aliases or names."),
          ]),
          "issue": issue, "as_of": asOf, "known_at": knownAt, "published_by": publishedBy,
          "include_machine": includeMachine,
        ], ["parties"]
      )
    case .timeline:
      return (
        "The chronology",
        "Statements and position changes in date order (the day each was said or took effect), optionally for one party or issue and between two days.",
        [
          "party": party, "issue": issue,
          "from": text("From this day (inclusive): YYYY-MM-DD, YYYY-MM or YYYY."),
          "to": text("Up to this day (inclusive)."), "known_at": knownAt,
          "published_by": publishedBy, "include_machine": includeMachine,
        ], []
      )
    case .contested:
      return (
        "Contested claims",
        "Claims that another party contradicts or disputes, or that are unconfirmed, and positions another party contradicts; held on the as_of day (default today), or all of them with all=true. Never resolved automatically: both sides are given with their evidence.",
        [
          "party": text("Only claims held by this party."), "issue": issue,
          "all": flag("Every position, held or not (cannot be combined with as_of)."),
          "as_of": asOf, "known_at": knownAt, "published_by": publishedBy,
          "include_machine": includeMachine,
        ], []
      )
    case .commitments:
      return (
        "Commitments and threats, kept or broken",
        "Each commitment and threat with what became of it: a commitment kept, partly kept, broken or pending; a threat carried out, not carried out or pending; the latest assessment up to the as_of day, with the statements that assessed it, and a flag when a commitment's term is over with no outcome recorded.",
        [
          "party": text(
            "Only this party's commitments and threats (and its ministries' and bodies'): an id, alias or name."
          ),
          "issue": issue,
          "as_of": text(
            "The day in the world (valid time) to judge on: YYYY-MM-DD, YYYY-MM or YYYY, or 'today' (the default); only commitments and threats made by then, each with the latest assessment made by then."
          ),
          "known_at": knownAt, "published_by": publishedBy, "include_machine": includeMachine,
        ], []
      )
    case .query:
      return (
        "Positions by a filter expression",
        "Positions selected by field:value terms separated by spaces, all of which must hold; a value with spaces is double-quoted, and a comma list (holder:russia,ukraine) matches any of its values. Fields: holder, target, kind (demand, offer, threat, …), issue (territory/* for everything under territory), status (active, superseded, withdrawn, deprecated), modality (firm, conditional, hedged), attribution, speaker, document, text (words in the proposition, its quotes or their titles), and the time questions as-of:DATE (what was held that day; without it, every position ever held) and known-at:r3 (what Parley had recorded by then).",
        [
          "expression": text(
            "The filter expression, e.g. 'holder:kremlin kind:demand issue:territory/* as-of:2025-03-14'. as-of:DATE inside it is the day in the world (valid time); known-at:WHEN (r3, a date or a UTC time) is what Parley had recorded then (record time)."
          ),
          "published_by": publishedBy, "include_machine": includeMachine,
        ], ["expression"]
      )
    case .report:
      return (
        "The position comparison report",
        "The report a briefing attaches, as data: per issue each party's stance on the as_of day side by side (aligned, opposed, partly aligned, one-sided), each party's changes since a day, commitments and threats with their outcomes, contested claims, a timeline, and the sources; every position with its evidence.",
        [
          "parties": .object([
            "type": .string("array"), "items": .object(["type": .string("string")]),
            "description": .string(
              "Parties to compare: ids, aliases or names (default: the states and organisations holding positions)."
            ),
          ]),
          "issues": .object([
            "type": .string("array"), "items": .object(["type": .string("string")]),
            "description": .string(
              "Issues to show: ids, prefixes or words (default: every issue they hold positions on)."
            ),
          ]),
          "since": text(
            "Also list each party's changes in the world from the start of this day to as_of (valid time): YYYY-MM-DD, YYYY-MM or YYYY."
          ),
          "as_of": asOf, "known_at": knownAt, "published_by": publishedBy,
          "include_machine": includeMachine,
        ], []
      )
    case .search:
      return (
        "Full-text search",
        "Positions, statements and documents by their words, best match first; a statement hit names the positions it is evidence for.",
        [
          "words": text("The words to find, e.g. 'crimea recognition'."),
          "limit": .object([
            "type": .string("integer"), "minimum": .int(1),
            "description": .string("At most this many hits (default 20)."),
          ]),
          "known_at": knownAt,
          "published_by": text(
            "Only what the public record held on this day (YYYY-MM-DD, YYYY-MM or YYYY): statements and documents published by then, positions with such evidence."
          ),
          "include_machine": flag(
            "Also machine-coded hits (imported event data, not curated), marked machine_coded: true; left out by default."
          ),
        ], ["words"]
      )
    case .brief:
      return (
        "The briefing feed",
        "Positions held on the as_of day by party, what changed in the world since a day (since), what Parley learned since a revision (known_since), commitments and threats with their outcomes, and contested claims; every item with its quotes and sources.",
        [
          "since": text("World changes since this day (valid time): YYYY-MM-DD, YYYY-MM or YYYY."),
          "known_since": text(
            "What Parley learned after this revision (r3) or since this UTC day or time."),
          "parties": .object([
            "type": .string("array"), "items": .object(["type": .string("string")]),
            "description": .string("Only these parties (default: every party with positions)."),
          ]),
          "max_items": .object([
            "type": .string("integer"), "minimum": .int(1),
            "description": .string(
              "At most this many standings, world changes and learned facts each, most significant first (default 25); the brief says what it left out."
            ),
          ]),
          "full": flag("The full feed: every position held and every change, without a cap."),
          "stale_after": .object([
            "type": .string("integer"), "minimum": .int(1),
            "description": .string(
              "Flag a held position not stated for more than this many days (default 180)."),
          ]),
          "as_of": asOf, "known_at": knownAt, "published_by": publishedBy,
          "include_machine": includeMachine,
        ], []
      )
    default:
      return (command.rawValue, command.rawValue, [:], [])
    }
  }
}
