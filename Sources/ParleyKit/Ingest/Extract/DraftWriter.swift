import Foundation
import GRDB

/// Writes an extraction as curated YAML (seeds/FORMAT.md) for a person to review and load:
/// every proposal with its evidence span, confidence, codes and candidates as comments; those
/// below the threshold, without a holder or without an issue, commented out.
struct DraftWriter {
  var document: Document
  var text: String
  var proposals: [ExtractedProposal]
  var candidates: [[PositionCandidate]]
  var context: ExtractionContext
  var extractor: Extractor
  var today: PartialDate

  private var usedIds = Set<String>()
  private var lines: [String] = []

  init(
    document: Document, text: String, proposals: [ExtractedProposal],
    candidates: [[PositionCandidate]], context: ExtractionContext, extractor: Extractor,
    today: PartialDate
  ) {
    self.document = document
    self.text = text
    self.proposals = proposals
    self.candidates = candidates
    self.context = context
    self.extractor = extractor
    self.today = today
  }

  /// A YAML double-quoted string.
  static func quoted(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\t": result += "\\t"
      default:
        if scalar.value < 0x20 {
          result += String(format: "\\x%02X", scalar.value)
        } else {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    return result + "\""
  }

  /// An id not in the store nor already used in this draft (`base`, `base-2`, and so on).
  mutating func freshId(_ base: String, table kind: RecordKind, db: Database) throws -> String {
    var candidate = base
    var suffix = 2
    // One fixed query per kind: no name is ever built into SQL text.
    let sql =
      switch kind {
      case .party: "SELECT EXISTS (SELECT 1 FROM party WHERE id = ?)"
      case .statement: "SELECT EXISTS (SELECT 1 FROM statement WHERE id = ?)"
      case .position: "SELECT EXISTS (SELECT 1 FROM position WHERE id = ?)"
      case .issue: "SELECT EXISTS (SELECT 1 FROM issue WHERE id = ?)"
      case .document: "SELECT EXISTS (SELECT 1 FROM document WHERE id = ?)"
      }
    func stored(_ id: String) throws -> Bool {
      try Bool.fetchOne(db, sql: sql, arguments: [id]) ?? false
    }
    while try usedIds.contains(candidate) || stored(candidate) {
      candidate = "\(base)-\(suffix)"
      suffix += 1
    }
    usedIds.insert(candidate)
    return candidate
  }

  static func slug(_ words: [String], limit: Int) -> String {
    words.prefix(limit).joined(separator: "-")
  }

  struct NewParty {
    var id: String
    var name: String
    var kind: PartyKind
    var role: String?
    var active: Bool
  }

  mutating func write(db: Database) throws -> String {
    // New parties first, so proposals can name their ids.
    var newParties: [String: NewParty] = [:]
    var order: [String] = []
    func newPartyId(_ name: String, kind: PartyKind, role: String?) throws -> String {
      if let existing = newParties[name] { return existing.id }
      let base = DraftWriter.slug(slugWords(name), limit: 6)
      let id = try freshId(base.isEmpty ? "new-party" : base, table: .party, db: db)
      newParties[name] = NewParty(id: id, name: name, kind: kind, role: role, active: false)
      order.append(name)
      return id
    }
    func id(of actor: ProposedActor) throws -> String {
      switch actor {
      case .known(let id): return id
      case .new(let name, let kind, let role): return try newPartyId(name, kind: kind, role: role)
      }
    }

    var blocks: [[String]] = []
    var activeCount = 0
    let published = document.published
    let datePart = published?.description ?? today.description
    let shaPart = (document.textSHA256 ?? SHA256.hexDigest(of: Data(text.utf8))).prefix(6)
    for (index, proposal) in proposals.enumerated() {
      var block: [String] = []
      var reasons: [String] = []
      if proposal.confidence < Extractor.threshold {
        reasons.append("confidence below \(Extractor.threshold)")
      }
      if proposal.holder == nil { reasons.append("no holder found") }
      if proposal.issue == nil { reasons.append("no issue slot found") }
      let active = reasons.isEmpty
      let statementId = try freshId(
        "st-\(datePart)-\(shaPart)-\(String(format: "%02d", index + 1))", table: .statement, db: db
      )
      // The holder's party speaks through the statement; a person who speaks for it is its
      // speaker.
      let holderParty = try proposal.holder.map {
        try id(of: extractor.party(of: $0, on: proposal.said.firstDay))
      }
      var speakerId: String?
      for actor in [proposal.holder, proposal.speaker].compactMap({ $0 })
      where extractor.isPerson(actor) {
        let person = try id(of: actor)
        if case .known(let party) = extractor.party(of: actor, on: proposal.said.firstDay),
          party == holderParty || context.gazetteer.actors[party]?.parent == holderParty
        {
          speakerId = person
          break
        }
        if actor == proposal.holder { speakerId = person }
      }
      if speakerId != nil && speakerId == holderParty { speakerId = nil }
      let plover = proposal.plover.map { " · PLOVER \($0)" } ?? ""
      let cameoName = CameoCodebook.name(of: proposal.cameoCode).map { " (\($0))" } ?? ""
      block.append("")
      block.append(
        "# ── proposal \(index + 1) · confidence \(String(format: "%.2f", proposal.confidence)) · sentence \(proposal.sentence + 1), characters \(proposal.quoteStart)–\(proposal.quoteEnd)"
      )
      block.append(
        "#    cue “\(proposal.cue)” → \(proposal.kind.rawValue) · CAMEO \(proposal.cameoCode)\(cameoName)\(plover)"
      )
      for signal in proposal.signals { block.append("#    \(signal)") }
      if let issue = proposal.issue {
        block.append("#    issue \(issue): keywords \(proposal.issueWhy.joined(separator: ", "))")
      }
      if !active {
        block.append(
          "#    commented out: \(reasons.joined(separator: "; ")); uncomment after review")
      }
      // The statement.
      var body: [String] = []
      body.append("- id: \(statementId)")
      body.append("  speaker: \(speakerId ?? "null")")
      body.append("  on_behalf_of: \(holderParty ?? "null")   # REVIEW: the party spoken for")
      body.append("  said: \(proposal.said)")
      body.append("  date_basis: \(Self.quoted(proposal.dateBasis))")
      body.append("  attribution: \(proposal.attribution.rawValue)")
      body.append("  quote: \(Self.quoted(proposal.quote))")
      body.append("  quote_start: \(proposal.quoteStart)")
      body.append("  supports:")
      // Restatement, supersession or new position.
      let options = candidates[index]
      // Only a position still held on the day is restated; one that ended is a candidate to review.
      let restatement = options.first {
        $0.relation == .restates && $0.score >= 0.6 && $0.heldOnDay
      }
      let supersedes = options.first {
        $0.relation == .supersedes && $0.score >= 0.45 && $0.holder == holderParty
      }
      for option in options {
        block.append(
          "#    candidate: \(option.relation == .restates ? "supports" : "supersedes"): \(option.positionId) · score \(String(format: "%.2f", option.score)) · \(option.why.joined(separator: "; "))"
        )
      }
      var positionLines: [String] = []
      let issueLeaf = proposal.issue.map { String($0.split(separator: "/").last ?? "") } ?? "issue"
      let keyWords = Array(ParleyStore.contentWords(proposal.object).prefix(3)).flatMap {
        slugWords($0)
      }
      let key = Self.slug([issueLeaf] + [proposal.kind.rawValue] + keyWords, limit: 6)
      let holderPrefix = holderParty ?? "unknown"
      let month = String(proposal.said.description.prefix(7))
      let positionId = try freshId(
        "\(holderPrefix)-\(proposal.kind.rawValue)-\(issueLeaf)-\(month)", table: .position, db: db
      )
      let holderName = proposal.holder.map(name(of:)) ?? "The holder"
      positionLines.append("- id: \(positionId)")
      if let issue = proposal.issue {
        positionLines.append("  issue: \(issue)")
      } else {
        positionLines.append("  issue: null   # REVIEW: pick an issue slot (parley issues)")
      }
      positionLines.append("  key: \(key)")
      positionLines.append(
        "  proposition: \(Self.quoted(proposition(holderName, proposal)))   # REVIEW: rewrite in your own words"
      )
      positionLines.append("  kind: \(proposal.kind.rawValue)")
      let targets = try proposal.targets.compactMap { actor -> String? in
        guard case .known = actor else { return nil }
        let target = try id(of: actor)
        return target == holderParty ? nil : target
      }
      if !targets.isEmpty { positionLines.append("  target: [\(targets.joined(separator: ", "))]") }
      if proposal.polarity == .against { positionLines.append("  polarity: against") }
      if proposal.modality != .firm {
        positionLines.append("  modality: \(proposal.modality.rawValue)")
      }
      if !proposal.conditions.isEmpty {
        positionLines.append("  conditions:")
        for condition in proposal.conditions {
          positionLines.append("    - \(Self.quoted(condition))")
        }
      }
      if let supersedes, restatement == nil {
        positionLines.append(
          "  supersedes: \(supersedes.positionId)   # score \(String(format: "%.2f", supersedes.score)): \(supersedes.why.joined(separator: "; "))"
        )
      } else if let other = options.first(where: { $0.relation == .supersedes }) {
        positionLines.append(
          "  # supersedes: \(other.positionId)   # score \(String(format: "%.2f", other.score)): \(other.why.joined(separator: "; "))"
        )
      }
      positionLines.append(
        "  note: \(Self.quoted("Drafted by parley extract: cue '\(proposal.cue)', CAMEO \(proposal.cameoCode)\(proposal.plover.map { ", PLOVER \($0)" } ?? ""), confidence \(String(format: "%.2f", proposal.confidence))."))"
      )
      if let restatement {
        body.append(
          "    - \(restatement.positionId)   # restates: score \(String(format: "%.2f", restatement.score)): \(restatement.why.joined(separator: "; "))"
        )
        body.append("    # or, if it is a new position:")
        body += positionLines.map { "    # " + $0 }
      } else {
        body += positionLines.map { "    " + $0 }
      }
      if active {
        activeCount += 1
        block += body
        for actor in [proposal.holder, proposal.speaker].compactMap({ $0 }) {
          if case .new(let name, _, _) = actor { newParties[name]?.active = true }
        }
      } else {
        block += body.map { "# " + $0 }
      }
      blocks.append(block)
    }

    var out: [String] = []
    out.append(
      "# Draft by `parley extract` from document \(document.id), \(proposals.count) proposal\(proposals.count == 1 ? "" : "s"),"
    )
    out.append(
      "# \(proposals.count - activeCount) commented out (confidence below \(Extractor.threshold), or no holder or issue found)."
    )
    out.append(
      "# A machine draft, not a reading: check every holder, kind, date, target and restatement;")
    out.append("# rewrite each proposition in your own words; then `parley load` this file.")
    out.append(
      "# Dates are resolved against \(published.map { "the publication day, \($0)" } ?? "today, \(today) (the document has no publication date)")."
    )
    if !order.isEmpty {
      out.append("")
      out.append(
        "# Names the store does not know, proposed as new parties (REVIEW: an alias of a known")
      out.append("# party belongs under its `aliases` instead).")
      out.append("parties:")
      for name in order {
        let party = newParties[name]!
        let prefix = party.active ? "  " : "  # "
        out.append("\(prefix)- id: \(party.id)")
        out.append("\(prefix)  name: \(Self.quoted(party.name))")
        out.append("\(prefix)  kind: \(party.kind.rawValue)   # REVIEW: a guess")
        if let role = party.role {
          out.append(
            "\(prefix)  note: \(Self.quoted("Named in the text as \(role) \(party.name)."))")
        }
      }
    }
    out.append("")
    out.append("documents:")
    out.append("  - id: \(document.id)")
    out.append("    title: \(Self.quoted(document.title))")
    if let outlet = document.outlet { out.append("    outlet: \(Self.quoted(outlet))") }
    if let url = document.url { out.append("    url: \(Self.quoted(url))") }
    if let published { out.append("    published: \(published)") }
    out.append("    language: \(document.language)")
    out.append("    text_sha256: \(document.textSHA256 ?? SHA256.hexDigest(of: Data(text.utf8)))")
    out.append(activeCount == 0 ? "    statements: []" : "    statements:")
    for block in blocks {
      for line in block { out.append(line.isEmpty ? "" : "      " + line) }
    }
    return out.map { $0.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }
      .joined(separator: "\n") + "\n"
  }

  func name(of actor: ProposedActor) -> String {
    switch actor {
    case .known(let id): return context.gazetteer.actors[id]?.name ?? id
    case .new(let name, _, _): return name
    }
  }

  /// A first draft of the proposition, from the holder, the stance and the words after the cue.
  func proposition(_ holder: String, _ proposal: ExtractedProposal) -> String {
    let verb: String =
      switch (proposal.kind, proposal.polarity) {
      case (.demand, _): "demands"
      case (.condition, _): "sets as a condition"
      case (.commitment, _): "commits to"
      case (.proposal, _): "proposes"
      case (.acceptance, _): "accepts"
      case (.rejection, _): "rejects"
      case (.threat, _): "threatens"
      case (.claim, .for): "claims"
      case (.claim, .against): "denies"
      case (.consideration, _): "is considering"
      }
    let object = proposal.object.isEmpty ? "(see the quote)" : proposal.object
    return "\(holder) \(verb): \(object)."
  }
}
