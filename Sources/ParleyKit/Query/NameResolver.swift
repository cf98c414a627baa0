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
    let folded = trimmingSpaces(text).lowercased()
    // Cached statements: a command resolves a name or two on every question, and GRDB's
    // uncached `fetch(sql:)` costs more than the lookup (it parses and trims the SQL each time).
    let byId = try db.cachedStatement(sql: "SELECT * FROM party WHERE id = ?")
    if let party = try Party.fetchOne(byId, arguments: [folded]) { return party }
    let byAlias = try db.cachedStatement(
      sql: """
        SELECT party.* FROM partyAlias JOIN party ON party.id = partyAlias.partyId
        WHERE partyAlias.alias = ? AND partyAlias.retiredIn IS NULL ORDER BY party.id LIMIT 1
        """)
    if let party = try Party.fetchOne(byAlias, arguments: [folded]) { return party }
    let byName = try db.cachedStatement(
      sql: "SELECT * FROM party WHERE lower(name) = ? ORDER BY id LIMIT 1")
    if let party = try Party.fetchOne(byName, arguments: [folded]) { return party }
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
      db.cachedStatement(
        sql: """
          WITH RECURSIVE parts(id) AS (
            SELECT ? UNION SELECT party.id FROM party JOIN parts ON party.parentId = parts.id)
          SELECT id FROM parts ORDER BY id
          """), arguments: [id])
  }

  /// The parties and every party that is part of one of them, recursively, in one query.
  static func partiesWithParts(_ ids: [String], db: Database) throws -> [String] {
    if ids.count == 1 { return try partyWithParts(ids[0], db: db) }
    return try String.fetchAll(
      db.cachedStatement(
        sql: """
          WITH RECURSIVE parts(id) AS (
            SELECT value FROM json_each(?)
            UNION SELECT party.id FROM party JOIN parts ON party.parentId = parts.id)
          SELECT id FROM parts ORDER BY id
          """), arguments: [jsonArray(ids)])
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

  /// Each party's parent, for the parties that have one (a ministry's state).
  static func partyParents(db: Database) throws -> [String: String] {
    let rows = try Row.fetchCursor(
      db.cachedStatement(sql: "SELECT id, parentId FROM party WHERE parentId IS NOT NULL"))
    var parents: [String: String] = [:]
    while let row = try rows.next() { parents[row[0]] = row[1] }
    return parents
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
    // Trimmed by hand: Foundation's `trimmingCharacters(in:)` bridges through NSString and
    // cost more than the query.
    var scalars = Substring(trimmingSpaces(text).lowercased()).unicodeScalars
    while let first = scalars.first, first == "/" || first == "*" { scalars.removeFirst() }
    while let last = scalars.last, last == "/" || last == "*" { scalars.removeLast() }
    let folded = String(scalars)
    // The common case, an issue's own id: that issue and the ids under it, read by key (the
    // ids from `x/` up to `x0`, `0` being the character after `/`), not every issue.
    if !folded.isEmpty {
      let family = try String.fetchAll(
        db.cachedStatement(
          sql: """
            SELECT id FROM issue
            WHERE retiredIn IS NULL AND (id = ?1 OR (id > ?1 || '/' AND id < ?1 || '0'))
            ORDER BY id
            """), arguments: [folded])
      if family.first == folded { return family }
    }
    let all = try String.fetchAll(
      db.cachedStatement(sql: "SELECT id FROM issue WHERE retiredIn IS NULL ORDER BY id"))
    var roots = all.filter { $0 == folded }
    if roots.isEmpty {
      roots = all.filter { id in
        id.split(separator: "/").contains { $0.hasPrefix(folded) }
      }
    }
    if roots.isEmpty {
      let labels = try String.fetchAll(
        db.cachedStatement(
          sql: "SELECT id FROM issue WHERE retiredIn IS NULL AND lower(label) LIKE ? ESCAPE '\\'"),
        arguments: ["%" + escapeLike(folded) + "%"])
      roots = labels
    }
    guard !roots.isEmpty, !folded.isEmpty else {
      throw QueryError.unknownIssue(text, suggestions: closestIds(to: folded, among: all))
    }
    return all.filter { id in roots.contains { id == $0 || id.hasPrefix($0 + "/") } }
  }

  /// `text` without the spaces and tabs at its ends (Foundation's `.whitespaces`: tab and the
  /// Unicode space separators), without bridging through NSString.
  static func trimmingSpaces(_ text: String) -> String {
    func isSpace(_ scalar: Unicode.Scalar) -> Bool {
      scalar == "\t" || scalar.properties.generalCategory == .spaceSeparator
    }
    let scalars = text.unicodeScalars
    guard let first = scalars.firstIndex(where: { !isSpace($0) }),
      let last = scalars.lastIndex(where: { !isSpace($0) })
    else { return "" }
    if first == scalars.startIndex && last == scalars.index(before: scalars.endIndex) {
      return text
    }
    return String(scalars[first...last])
  }

  /// A JSON array of strings, to bind a list of ids as one parameter (`json_each(?)`): one SQL
  /// text, and one prepared statement, whatever the list's length.
  static func jsonArray(_ values: [String]) -> String {
    var json = "["
    for (index, value) in values.enumerated() {
      if index > 0 { json += "," }
      json += "\""
      for scalar in value.unicodeScalars {
        switch scalar {
        case "\"": json += "\\\""
        case "\\": json += "\\\\"
        case let control where control.value < 0x20:
          json +=
            "\\u" + String(repeating: "0", count: 4 - String(control.value, radix: 16).count)
            + String(control.value, radix: 16)
        default: json.unicodeScalars.append(scalar)
        }
      }
      json += "\""
    }
    return json + "]"
  }

  static func escapeLike(_ text: String) -> String {
    text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
      .replacingOccurrences(of: "_", with: "\\_")
  }
}
