import GRDB

extension ParleyStore {
  /// Every party with its aliases, affiliations and the number of positions it holds now.
  public func partyList(knownAt: KnownAt = .latest, asOf: PartialDate? = nil) throws -> PartyList {
    try reader.read { db in
      let partyVisible = RecordFilter.visible("p", at: knownAt)
      let parties = try Party.fetchAll(
        db,
        SQL(
          """
          SELECT p.* FROM party p WHERE \(partyVisible)
          ORDER BY CASE p.kind WHEN 'state' THEN 0 WHEN 'organisation' THEN 1
            WHEN 'government-body' THEN 2 WHEN 'person' THEN 3 WHEN 'analyst' THEN 4 ELSE 5 END, p.id
          """))
      let aliasVisible = RecordFilter.visible("a", at: knownAt)
      var aliases: [String: [String]] = [:]
      for row in try Row.fetchAll(
        db,
        SQL("SELECT a.partyId, a.alias FROM partyAlias a WHERE \(aliasVisible) ORDER BY a.alias"))
      {
        aliases[row["partyId"], default: []].append(row["alias"])
      }
      let affiliationVisible = RecordFilter.visible("f", at: knownAt)
      var affiliations: [String: [AffiliationEntry]] = [:]
      for affiliation in try Affiliation.fetchAll(
        db, SQL("SELECT f.* FROM affiliation f WHERE \(affiliationVisible) ORDER BY f.validFrom"))
      {
        affiliations[affiliation.personId, default: []].append(
          AffiliationEntry(
            party: affiliation.partyId, role: affiliation.role,
            from: affiliation.from?.description, to: affiliation.to?.description))
      }
      let counts = try positionCounts(groupedBy: "p.holderId", knownAt: knownAt, asOf: asOf, db: db)
      let entries = parties.map { party in
        PartyEntry(
          id: party.id, name: party.name, kind: party.kind, parent: party.parentId,
          aliases: aliases[party.id] ?? [], affiliations: affiliations[party.id] ?? [],
          positions: counts[party.id] ?? 0)
      }
      return PartyList(parties: entries, knownAt: try Self.recordPoint(knownAt, db: db))
    }
  }

  /// The issue taxonomy, in tree order, with the number of positions held on each slot.
  public func issueList(knownAt: KnownAt = .latest, asOf: PartialDate? = nil) throws -> IssueList {
    try reader.read { db in
      let visible = RecordFilter.visible("i", at: knownAt)
      let issues = try Issue.fetchAll(
        db, SQL("SELECT i.* FROM issue i WHERE \(visible) ORDER BY i.id"))
      let counts = try positionCounts(groupedBy: "p.issueId", knownAt: knownAt, asOf: asOf, db: db)
      let entries = issues.map { issue in
        IssueEntry(
          id: issue.id, label: issue.label, description: issue.description,
          depth: issue.id.split(separator: "/").count, positions: counts[issue.id] ?? 0)
      }
      return IssueList(
        issues: entries, asOf: asOf, knownAt: try Self.recordPoint(knownAt, db: db))
    }
  }

  private func positionCounts(
    groupedBy column: String, knownAt: KnownAt, asOf: PartialDate?, db: Database
  ) throws -> [String: Int] {
    var conditions: [SQL] = [RecordFilter.visible("v", at: knownAt), "v.status <> 'deprecated'"]
    if let asOf {
      let day = asOf.lastDay
      conditions.append("v.validFrom <= \(day) AND (v.validTo IS NULL OR v.validTo > \(day))")
    }
    let groupColumn = column == "p.issueId" ? SQL(sql: "p.issueId") : SQL(sql: "p.holderId")
    let rows = try Row.fetchAll(
      db,
      SQL(
        """
        SELECT \(groupColumn) AS slot, COUNT(*) AS n FROM position p
        JOIN positionVersion v ON v.positionId = p.id
        WHERE \(conditions.joined(operator: .and)) GROUP BY 1
        """))
    return Dictionary(uniqueKeysWithValues: rows.map { ($0["slot"], $0["n"]) })
  }
}
