import Foundation
import GRDB

extension ParleyStore {
  /// Finds the party a user means: an id, an alias or a name, without regard to case
  /// (`russia`, `Kremlin`, `moscow`, `Vladimir Putin`).
  public func resolveParty(_ text: String) throws -> Party {
    try reader.read { db in try Self.resolveParty(text, db: db) }
  }

  /// Finds the issues a user means, each with its sub-issues: an id (`territory/crimea`), a
  /// taxonomy prefix (`territory`), or a word that starts a segment of an id (`nato`, `kursk`).
  public func resolveIssues(_ text: String) throws -> [String] {
    try reader.read { db in try Self.resolveIssues(text, db: db) }
  }

  static func resolveParty(_ text: String, db: Database) throws -> Party {
    let folded = text.trimmingCharacters(in: .whitespaces).lowercased()
    if let party = try Party.filter(key: folded).fetchOne(db) { return party }
    if let party = try Party.fetchOne(
      db,
      sql: """
        SELECT party.* FROM partyAlias JOIN party ON party.id = partyAlias.partyId
        WHERE partyAlias.alias = ? AND partyAlias.retiredIn IS NULL ORDER BY party.id LIMIT 1
        """, arguments: [folded])
    {
      return party
    }
    if let party = try Party.fetchOne(
      db, sql: "SELECT * FROM party WHERE lower(name) = ? ORDER BY id LIMIT 1", arguments: [folded])
    {
      return party
    }
    throw QueryError.unknownParty(text, suggestions: try partySuggestions(for: folded, db: db))
  }

  /// Party ids whose id, alias or name contains `text` or is within a couple of typos of it.
  static func partySuggestions(for text: String, db: Database) throws -> [String] {
    var scored: [(id: String, distance: Int)] = []
    let rows =
      try Row.fetchAll(
        db, sql: "SELECT id, id AS name FROM party UNION ALL SELECT id, lower(name) FROM party")
      + Row.fetchAll(db, sql: "SELECT partyId AS id, alias AS name FROM partyAlias")
    for row in rows {
      let id: String = row["id"]
      let name: String = row["name"]
      let contains =
        name.count >= 3 && text.count >= 3 && (name.contains(text) || text.contains(name))
      let distance = contains ? 0 : editDistance(text, name)
      if distance <= (text.count >= 4 ? max(2, text.count / 4) : 1) {
        scored.append((id, distance))
      }
    }
    var seen = Set<String>()
    return scored.sorted { ($0.distance, $0.id) < ($1.distance, $1.id) }
      .map(\.id).filter { seen.insert($0).inserted }.prefix(5).map { $0 }
  }

  /// The person's party on `day` when `party` is a person who speaks for one, with a note
  /// saying so; otherwise the party itself.
  public func holderSpeakingFor(_ party: Party, on day: PartialDate) throws -> (
    party: Party, note: String?
  ) {
    guard party.kind == .person else { return (party, nil) }
    return try reader.read { db in
      let affiliations = try Affiliation.filter(
        Affiliation.Columns.personId == party.id && Affiliation.Columns.retiredIn == nil
      ).order(Column("validFrom").desc).fetchAll(db)
      guard
        let affiliation = affiliations.first(where: { $0.holds(onDay: day.lastDay) })
          ?? affiliations.first,
        let holder = try Party.fetchOne(db, key: affiliation.partyId)
      else { return (party, nil) }
      return (
        holder,
        "\(party.name) speaks for \(holder.id) (\(affiliation.role)); showing \(holder.id)'s positions."
      )
    }
  }

  /// The Levenshtein distance between two strings.
  static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
    var previous = Array(0...b.count)
    for i in 1...a.count {
      var current = [i] + Array(repeating: 0, count: b.count)
      for j in 1...b.count {
        current[j] = min(
          previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      previous = current
    }
    return previous[b.count]
  }

  /// The party and every party that is part of it (a ministry of a state), recursively.
  static func partyWithParts(_ id: String, db: Database) throws -> [String] {
    try String.fetchAll(
      db,
      sql: """
        WITH RECURSIVE parts(id) AS (
          SELECT ? UNION SELECT party.id FROM party JOIN parts ON party.parentId = parts.id)
        SELECT id FROM parts ORDER BY id
        """, arguments: [id])
  }

  /// Each party's side: the party at the top of its chain of parents (a ministry's state).
  ///
  /// Two parties with the same side speak for one another: a state restating its ministry's
  /// claim does not corroborate it.
  static func partySides(db: Database) throws -> [String: String] {
    let rows = try Row.fetchAll(db, sql: "SELECT id, parentId FROM party")
    var parents: [String: String] = [:]
    for row in rows { if let up: String = row["parentId"] { parents[row["id"]] = up } }
    var sides: [String: String] = [:]
    for row in rows {
      let id: String = row["id"]
      sides[id] = ancestors(of: id, parents: parents).last ?? id
    }
    return sides
  }

  /// A party's parents, nearest first, up to the top of its chain (a ministry → its state).
  static func ancestors(of id: String, parents: [String: String]) -> [String] {
    var line: [String] = []
    var seen: Set<String> = [id]
    var current = id
    while let up = parents[current], seen.insert(up).inserted {
      line.append(up)
      current = up
    }
    return line
  }

  static func resolveIssues(_ text: String, db: Database) throws -> [String] {
    let folded = text.trimmingCharacters(in: .whitespaces).lowercased()
      .trimmingCharacters(in: CharacterSet(charactersIn: "/*"))
    let all = try String.fetchAll(
      db, sql: "SELECT id FROM issue WHERE retiredIn IS NULL ORDER BY id")
    var roots = all.filter { $0 == folded }
    if roots.isEmpty {
      roots = all.filter { id in
        id.split(separator: "/").contains { $0.hasPrefix(folded) }
      }
    }
    if roots.isEmpty {
      let labels = try String.fetchAll(
        db, sql: "SELECT id FROM issue WHERE retiredIn IS NULL AND lower(label) LIKE ? ESCAPE '\\'",
        arguments: ["%" + escapeLike(folded) + "%"])
      roots = labels
    }
    guard !roots.isEmpty, !folded.isEmpty else {
      throw QueryError.unknownIssue(text, suggestions: closestIds(to: folded, among: all))
    }
    return all.filter { id in roots.contains { id == $0 || id.hasPrefix($0 + "/") } }
  }

  static func escapeLike(_ text: String) -> String {
    text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
      .replacingOccurrences(of: "_", with: "\\_")
  }
}
