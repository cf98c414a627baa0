import Foundation
import GRDB

/// An existing position a proposal may restate or replace, with how sure and why.
public struct PositionCandidate: Sendable, Equatable {
  public enum Relation: String, Sendable {
    /// Same holder, slot and stance: cite it (`supports: id`), a restatement.
    case restates
    /// Same holder, same or related slot, different stance or content: `supersedes: id`.
    case supersedes
  }

  public var positionId: String
  public var holder: String
  public var issue: String
  public var kind: StanceKind
  public var proposition: String
  public var validFrom: Int
  public var relation: Relation
  public var score: Double
  public var why: [String]
  /// Whether the position is held on the day the proposal was said.
  public var heldOnDay: Bool
}

/// What `parley extract` drafts for one document.
public struct ExtractionDraft: Sendable {
  public var document: Document
  /// The text the draft was made from (the stored one, or the file given).
  public var text: String
  public var proposals: [ExtractedProposal]
  /// For each proposal (same order): the existing positions it may restate or replace, best first.
  public var candidates: [[PositionCandidate]]
  /// The curated YAML to review and load.
  public var yaml: String
}

/// What the extractor knows about the store: parties, issues and positions.
struct ExtractionContext {
  var gazetteer: ActorGazetteer
  var issues: IssueLexicon
  var issueParents: [String: String]
  var partyIds: Set<String>

  static func read(_ db: Database) throws -> ExtractionContext {
    let parties = try Row.fetchAll(
      db, sql: "SELECT id, name, kind, parentId FROM party WHERE retiredIn IS NULL ORDER BY id")
    let actors = parties.map { row in
      ActorGazetteer.Actor(
        id: row["id"], name: row["name"], kind: PartyKind(rawValue: row["kind"]) ?? .organisation,
        parent: row["parentId"])
    }
    let aliases = try Row.fetchAll(
      db,
      sql: "SELECT alias, partyId FROM partyAlias WHERE retiredIn IS NULL ORDER BY alias, partyId"
    ).map { (alias: $0["alias"] as String, party: $0["partyId"] as String) }
    let affiliations = try Row.fetchAll(
      db,
      sql: """
        SELECT personId, partyId, role, validFrom, validTo FROM affiliation
        WHERE retiredIn IS NULL ORDER BY personId, validFrom
        """
    ).map { row in
      ActorGazetteer.Affiliation(
        person: row["personId"], party: row["partyId"], role: row["role"], from: row["validFrom"],
        to: row["validTo"])
    }
    let issueRows = try Row.fetchAll(
      db, sql: "SELECT id, label, parentId FROM issue WHERE retiredIn IS NULL ORDER BY id")
    var parents: [String: String] = [:]
    for row in issueRows { if let parent: String = row["parentId"] { parents[row["id"]] = parent } }
    var names = Set<String>()
    for actor in actors { names.formUnion(IssueLexicon.words(actor.name)) }
    for alias in aliases { names.formUnion(IssueLexicon.words(alias.alias)) }
    return ExtractionContext(
      gazetteer: ActorGazetteer(actors: actors, aliases: aliases, affiliations: affiliations),
      issues: IssueLexicon(
        issues: issueRows.map { (id: $0["id"], label: $0["label"]) }, names: names),
      issueParents: parents, partyIds: Set(actors.map(\.id)))
  }
}

extension ParleyStore {
  /// Drafts curated YAML for a stored document: statements and positions proposed by the rule-based
  /// extractor, each with the existing positions it may restate or replace.
  ///
  /// Writes nothing.
  ///
  /// `text` stands in for a document stored with only its SHA-256 (like the seed articles); it
  /// must have that digest.
  public func extractDraft(document id: String, text: String? = nil, today: PartialDate = .today())
    throws -> ExtractionDraft
  {
    let documentId = try resolveDocument(id)
    return try reader.read { db in
      guard let document = try Document.fetchOne(db, key: documentId) else {
        throw QueryError.unknownDocument(id, suggestions: [])
      }
      let body: String
      if let text {
        let digest = SHA256.hexDigest(of: Data(text.utf8))
        if let stored = document.textSHA256, stored != digest {
          throw ExtractError.textDoesNotMatch(document: documentId, stored: stored, given: digest)
        }
        body = text
      } else if let stored = document.body {
        body = stored
      } else {
        throw ExtractError.noText(document: documentId, hasDigest: document.textSHA256 != nil)
      }
      let context = try ExtractionContext.read(db)
      let extractor = Extractor(
        gazetteer: context.gazetteer, issues: context.issues,
        dates: DateResolver(published: document.published?.firstDay, fallback: today.firstDay))
      let proposals = extractor.extract(TextSpans(body))
      var candidates: [[PositionCandidate]] = []
      for proposal in proposals {
        candidates.append(
          try Self.candidates(for: proposal, extractor: extractor, context: context, db: db))
      }
      var writer = DraftWriter(
        document: document, text: body, proposals: proposals, candidates: candidates,
        context: context, extractor: extractor, today: today)
      let yaml = try writer.write(db: db)
      return ExtractionDraft(
        document: document, text: body, proposals: proposals, candidates: candidates, yaml: yaml)
    }
  }

  /// The positions a proposal most likely restates or replaces: the same holder (its bodies,
  /// or the party it belongs to), the same or a related slot, similar words by full-text rank.
  static func candidates(
    for proposal: ExtractedProposal, extractor: Extractor, context: ExtractionContext,
    db: Database
  ) throws -> [PositionCandidate] {
    guard let holderActor = proposal.holder,
      case .known(let holder) = extractor.party(of: holderActor, on: proposal.said.firstDay)
    else { return [] }
    var family = Set(try partyWithParts(holder, db: db))
    if let parent = context.gazetteer.actors[holder]?.parent { family.insert(parent) }
    let rows = try Row.fetchAll(
      db,
      sql: """
        SELECT p.id, p.holderId, p.issueId, p.kind, p.proposition, p.propositionKey,
               v.validFrom, v.validTo, v.status
        FROM position p JOIN positionVersion v ON v.positionId = p.id AND v.retiredIn IS NULL
        WHERE p.holderId IN (SELECT value FROM json_each(?)) AND v.status <> 'deprecated'
          AND NOT EXISTS (SELECT 1 FROM machineCoded m
                          WHERE m.recordKind = 'position' AND m.recordId = p.id)
        ORDER BY p.id
        """, arguments: [String(decoding: try JSONEncoder().encode(family.sorted()), as: UTF8.self)]
    )
    guard !rows.isEmpty else { return [] }
    // Full-text rank of the positions over the proposal's words.
    let words = contentWords(proposal.object + " " + proposal.quote)
    var rank: [String: Int] = [:]
    if let match = FullTextQuery.matchExpression(anyOf: words, prefix: true) {
      let ranked = try String.fetchAll(
        db,
        sql: """
          SELECT id FROM searchIndex WHERE searchIndex MATCH ? AND kind = 'position'
          ORDER BY bm25(searchIndex) LIMIT 200
          """, arguments: [match])
      for (index, id) in ranked.enumerated() where rank[id] == nil { rank[id] = index }
    }
    let said = proposal.said.firstDay
    var result: [PositionCandidate] = []
    for row in rows {
      let id: String = row["id"]
      let issue: String = row["issueId"]
      let kind = StanceKind(rawValue: row["kind"]) ?? .claim
      let validFrom: Int = row["validFrom"]
      let validTo: Int? = row["validTo"]
      let status: String = row["status"]
      var score = 0.0
      var why: [String] = []
      let heldOnDay = validFrom <= said && (validTo == nil || said < validTo!)
      if let target = proposal.issue {
        if issue == target {
          score += 0.35
          why.append("same issue \(issue)")
        } else if context.issueParents[target] == issue || context.issueParents[issue] == target {
          score += 0.2
          why.append("related issue \(issue)")
        } else if issue.split(separator: "/").first == target.split(separator: "/").first {
          score += 0.05
        } else if rank[id] == nil {
          continue
        }
      }
      if kind == proposal.kind {
        score += 0.25
        why.append("same kind (\(kind.rawValue))")
      } else if Self.relatedKinds(kind, proposal.kind) {
        score += 0.1
        why.append("kind \(kind.rawValue) → \(proposal.kind.rawValue)")
      } else {
        why.append("kind \(kind.rawValue) → \(proposal.kind.rawValue)")
      }
      let theirs = Set(
        contentWords(
          (row["proposition"] as String) + " "
            + (row["propositionKey"] as String).replacingOccurrences(of: "-", with: " ")))
      let shared = theirs.intersection(Set(words)).sorted()
      if !shared.isEmpty {
        score += min(
          0.25, 0.25 * Double(shared.count) / Double(max(3, min(theirs.count, Set(words).count))))
        why.append("shared words: " + shared.prefix(5).joined(separator: ", "))
      }
      if let position = rank[id] {
        score += 0.15 * max(0, 1 - Double(position) / 20)
        if position < 20 { why.append("full-text rank \(position + 1)") }
      }
      if heldOnDay {
        why.append("held on \(proposal.said)")
      } else {
        score -= 0.15
        why.append(
          validFrom > said
            ? "begins after \(proposal.said)" : "no longer held on \(proposal.said) (\(status))")
      }
      let holderId: String = row["holderId"]
      let sameKind =
        kind == proposal.kind || (Set([kind, proposal.kind]) == [.demand, .condition])
      let relation: PositionCandidate.Relation
      if sameKind && heldOnDay
        && (kind == .claim
          ? shared.count >= 3 && issue == proposal.issue
          : shared.count >= 2 || issue == proposal.issue)
      {
        relation = .restates
      } else if holderId == holder && heldOnDay && validFrom < said && status == "active"
        && validTo == nil && proposal.issue != nil
        && (issue == proposal.issue! || context.issueParents[proposal.issue!] == issue
          || context.issueParents[issue] == proposal.issue!)
      {
        relation = .supersedes
      } else if sameKind {
        relation = .restates
      } else {
        continue
      }
      result.append(
        PositionCandidate(
          positionId: id, holder: holderId, issue: issue, kind: kind,
          proposition: row["proposition"], validFrom: validFrom, relation: relation,
          score: (min(1, max(0, score)) * 100).rounded() / 100, why: why, heldOnDay: heldOnDay))
    }
    return Array(result.sorted { ($0.score, $1.positionId) > ($1.score, $0.positionId) }.prefix(3))
  }

  static func relatedKinds(_ a: StanceKind, _ b: StanceKind) -> Bool {
    let groups: [Set<StanceKind>] = [
      [.demand, .condition], [.commitment, .proposal, .acceptance], [.acceptance, .consideration],
      [.rejection, .acceptance], [.threat, .demand],
    ]
    return groups.contains { $0.contains(a) && $0.contains(b) }
  }

  /// The words that carry meaning: lower case, at least three letters, no stopwords, a final
  /// plural "s" dropped.
  static func contentWords(_ text: String) -> [String] {
    var seen = Set<String>()
    var result: [String] = []
    for token in TextSpans.tokenize(Array(text.unicodeScalars)) where token.isWord {
      var word = token.lower
      guard word.count >= 3, !contentStopwords.contains(word) else { continue }
      if word.hasSuffix("s") && !word.hasSuffix("ss") && word.count > 4 { word.removeLast() }
      if seen.insert(word).inserted { result.append(word) }
    }
    return result
  }

  static let contentStopwords: Set<String> = [
    "the", "and", "for", "that", "this", "with", "from", "its", "his", "her", "their", "has",
    "have", "had", "was", "were", "are", "will", "would", "could", "should", "said", "says",
    "not", "but", "any", "all", "who", "which", "what", "when", "where", "into", "over", "than",
    "then", "there", "they", "them", "been", "being", "also", "only", "about", "after", "before",
    "while", "more", "most", "some", "such", "other", "can", "may", "might", "must", "him",
    "she", "our", "out", "now", "very", "just", "one", "two",
  ]
}

/// Why a document cannot be drafted from.
public enum ExtractError: Error, Sendable, CustomStringConvertible, Equatable {
  case noText(document: String, hasDigest: Bool)
  case textDoesNotMatch(document: String, stored: String, given: String)

  public var description: String {
    switch self {
    case .noText(let document, let hasDigest):
      return hasDigest
        ? "document '\(document)' is stored with only its text's SHA-256 (expected its text: give the file with '--text FILE')"
        : "document '\(document)' has no stored text (expected a document added with 'parley add', or its text with '--text FILE')"
    case .textDoesNotMatch(let document, let stored, let given):
      return
        "the text given has SHA-256 \(given.prefix(12))…, but document '\(document)' was stored with \(stored.prefix(12))… (expected the same text)"
    }
  }
}
