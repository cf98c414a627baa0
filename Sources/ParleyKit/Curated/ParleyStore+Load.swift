import Foundation
import GRDB

/// One curated file to load: its text and the name used in messages.
public struct LoadInput: Sendable {
  /// The path shown in messages (as the user typed it, or `seeds/…` for the embedded corpus).
  public var path: String
  public var text: String
  /// The folder that `text_file` paths are relative to; nil for embedded files.
  public var baseDirectory: URL?

  public init(path: String, text: String, baseDirectory: URL?) {
    self.path = path
    self.text = text
    self.baseDirectory = baseDirectory
  }

  /// Reads a file from disk, or reports why it cannot be read.
  public static func file(_ path: String) throws(LoadError) -> LoadInput {
    let url = URL(fileURLWithPath: path)
    guard let data = FileManager.default.contents(atPath: path) else {
      throw LoadError([
        LoadProblem(
          location: SourceLocation(file: path, line: 1, column: 1, field: "(file)"),
          message: "cannot be read (expected an existing, readable YAML or JSON file)")
      ])
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw LoadError([
        LoadProblem(
          location: SourceLocation(file: path, line: 1, column: 1, field: "(file)"),
          message: "is not UTF-8 text (expected a YAML or JSON file)")
      ])
    }
    return LoadInput(path: path, text: text, baseDirectory: url.deletingLastPathComponent())
  }
}

/// What a load wrote.
public struct LoadReport: Sendable, Equatable {
  /// The revision written, or nil when everything was already in the store.
  public var revision: Int64?
  /// How many rows of each kind were added, by kind ("positions", "statements", …).
  public var added: [String: Int]
  /// How many positions changed interval or status (superseded, withdrawn, deprecated).
  public var positionsChanged: Int

  public var changedNothing: Bool { revision == nil }
}

extension ParleyStore {
  /// Validates curated files as one batch and writes them in one transaction.
  ///
  /// Everything is checked before anything is written; on any problem a ``LoadError`` lists
  /// them all and the store is left exactly as it was. Loading the same input again changes
  /// nothing and writes no revision.
  @discardableResult
  public func load(_ inputs: [LoadInput], summary: String? = nil) throws -> LoadReport {
    var files: [CuratedFile] = []
    var problems: [LoadProblem] = []
    for input in inputs {
      do {
        files.append(
          try CuratedParser.parse(
            text: input.text, path: input.path, baseDirectory: input.baseDirectory))
      } catch {
        problems.append(error)
      }
    }
    if !problems.isEmpty { throw LoadError(problems) }

    let now = clock()
    let description = summary ?? "load " + inputs.map(\.path).joined(separator: ", ")
    return try dbWriter.write { db in
      let revision = (try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM revision") ?? 0) + 1
      var planner = LoadPlanner(db: db, revision: revision)
      try planner.plan(files)
      if !planner.problems.isEmpty { throw LoadError(planner.problems) }
      let plan = planner.plan
      if plan.isEmpty {
        return LoadReport(revision: nil, added: [:], positionsChanged: 0)
      }
      try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
      try Revision(
        id: revision, recordedAt: Int64((now.timeIntervalSince1970 * 1000).rounded()),
        summary: description, toolVersion: Self.toolVersion
      ).insert(db)
      try write(plan, revision: revision, db: db)
      let newPositions = Set(plan.positions.map(\.id))
      return LoadReport(
        revision: revision,
        added: [
          "parties": plan.parties.count, "aliases": plan.aliases.count,
          "affiliations": plan.affiliations.count, "issues": plan.issues.count,
          "documents": plan.documents.count, "statements": plan.statements.count,
          "positions": plan.positions.count, "evidence": plan.evidence.count,
          "relations": plan.relations.count,
        ].filter { $0.value > 0 },
        positionsChanged: plan.versions.filter { !newPositions.contains($0.positionId) }.count)
    }
  }

  /// Loads the seed corpus embedded in the binary (every `seeds/*.yaml` and `*.json`, by name).
  @discardableResult
  public func loadSeedCorpus() throws -> LoadReport {
    try load(Self.seedCorpus, summary: "seed corpus \(Self.toolVersion)")
  }

  /// The embedded seed corpus files, sorted by name.
  public static var seedCorpus: [LoadInput] {
    EmbeddedResources.files
      .filter {
        $0.path.hasPrefix("seeds/")
          && ($0.path.hasSuffix(".yaml") || $0.path.hasSuffix(".yml") || $0.path.hasSuffix(".json"))
      }
      .map { LoadInput(path: $0.path, text: $0.text, baseDirectory: nil) }
  }

  private func write(_ plan: WritePlan, revision: Int64, db: Database) throws {
    for party in plan.parties { try party.insert(db) }
    for alias in plan.aliases { try alias.insert(db) }
    for id in plan.retiredAffiliations {
      try db.execute(
        sql: "UPDATE affiliation SET retiredIn = ? WHERE id = ? AND retiredIn IS NULL",
        arguments: [revision, id])
    }
    for var affiliation in plan.affiliations { try affiliation.insert(db) }
    for issue in plan.issues { try issue.insert(db) }
    for document in plan.documents { try document.insert(db) }
    for statement in plan.statements { try statement.insert(db) }
    for position in plan.positions { try position.insert(db) }
    for target in plan.targets { try target.insert(db) }
    for condition in plan.conditions { try condition.insert(db) }
    for id in plan.retiredVersions {
      try db.execute(
        sql: "UPDATE positionVersion SET retiredIn = ? WHERE id = ? AND retiredIn IS NULL",
        arguments: [revision, id])
    }
    for var version in plan.versions { try version.insert(db) }
    for evidence in plan.evidence { try evidence.insert(db) }
    for relation in plan.relations { try relation.insert(db) }
  }
}
