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
    let suggestions = try String.fetchAll(
      db,
      sql: """
        SELECT id FROM party WHERE id LIKE ? ESCAPE '\\' OR lower(name) LIKE ? ESCAPE '\\'
        UNION SELECT partyId FROM partyAlias WHERE alias LIKE ? ESCAPE '\\'
        ORDER BY 1 LIMIT 5
        """,
      arguments: StatementArguments(Array(repeating: "%" + escapeLike(folded) + "%", count: 3)))
    throw QueryError.unknownParty(text, suggestions: suggestions)
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
      let suggestions = all.filter { $0.contains(String(folded.prefix(3))) }.prefix(5)
      throw QueryError.unknownIssue(text, suggestions: Array(suggestions))
    }
    return all.filter { id in roots.contains { id == $0 || id.hasPrefix($0 + "/") } }
  }

  static func escapeLike(_ text: String) -> String {
    text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
      .replacingOccurrences(of: "_", with: "\\_")
  }
}
