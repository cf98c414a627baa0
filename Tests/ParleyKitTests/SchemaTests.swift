import GRDB
import ParleyTestSupport
import Testing

@testable import ParleyKit

struct SchemaTests {
  @Test func migrationsComeFromTheEmbeddedSchemaFolderInOrder() {
    let identifiers = SchemaMigrations.files.map(\.identifier)
    #expect(identifiers.first == "0001_knowledge_model")
    #expect(identifiers == identifiers.sorted())
  }

  @Test func everyTableIsStrictAndForeignKeysAreOn() throws {
    let store = try Fixtures.emptyStore()
    try store.reader.read { db in
      let tables = try Row.fetchAll(
        db,
        sql:
          "SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'grdb_migrations'"
      )
      #expect(tables.count >= 13)
      for table in tables {
        #expect(table["strict"] as Int == 1, "table \(table["name"] as String) is not STRICT")
      }
      #expect(try Bool.fetchOne(db, sql: "PRAGMA foreign_keys") == true)
    }
  }

  @Test func factsCannotBeEditedOrDeletedOnlyRetiredOnce() throws {
    let store = try Fixtures.emptyStore()
    try store.load([Fixtures.input(Fixtures.base)])
    try store.dbWriter.write { db in
      #expect(throws: DatabaseError.self) {
        try db.execute(sql: "UPDATE statement SET quote = 'something else' WHERE id = 'st-1'")
      }
      #expect(throws: DatabaseError.self) {
        try db.execute(sql: "DELETE FROM statement WHERE id = 'st-1'")
      }
      #expect(throws: DatabaseError.self) {
        try db.execute(sql: "UPDATE position SET proposition = 'x' WHERE id = 'alpha-no-alliance'")
      }
      // Stamping retiredIn is the one permitted write, and only once.
      try db.execute(sql: "UPDATE statement SET retiredIn = 1 WHERE id = 'st-1'")
      #expect(throws: DatabaseError.self) {
        try db.execute(sql: "UPDATE statement SET retiredIn = 1 WHERE id = 'st-1'")
      }
    }
  }

  @Test func aPositionHasAtMostOneCurrentVersion() throws {
    let store = try Fixtures.emptyStore()
    try store.load([Fixtures.input(Fixtures.base)])
    try store.dbWriter.write { db in
      #expect(throws: DatabaseError.self) {
        try db.execute(
          sql: """
            INSERT INTO positionVersion (positionId, validFrom, validFromPrecision, status, recordedIn)
            VALUES ('alpha-no-alliance', 20250401, 'day', 'active', 1)
            """)
      }
    }
  }

  /// Every table the loader bulk-inserts into, with the columns its record says an insert sets.
  static let bulkInserts: [(table: String, columns: [String])] = [
    (Document.databaseTableName, Document.insertColumnDeclarations),
    (Statement.databaseTableName, Statement.insertColumnDeclarations),
    (Position.databaseTableName, Position.insertColumnDeclarations),
    (PositionTarget.databaseTableName, PositionTarget.insertColumnDeclarations),
    (PositionCondition.databaseTableName, PositionCondition.insertColumnDeclarations),
    (PositionCoHolder.databaseTableName, PositionCoHolder.insertColumnDeclarations),
    (PositionAlsoOn.databaseTableName, PositionAlsoOn.insertColumnDeclarations),
    (PositionVersion.databaseTableName, PositionVersion.insertColumnDeclarations),
    (Evidence.databaseTableName, Evidence.insertColumnDeclarations),
    (PositionRelation.databaseTableName, PositionRelation.insertColumnDeclarations),
  ]

  /// A record's bulk-insert columns are its table's columns, by name and type and in the
  /// table's order, leaving out only the row id and `retiredIn` (set later, by a retirement).
  @Test func bulkInsertColumnsAreTheTablesColumnsInOrder() throws {
    let store = try Fixtures.emptyStore()
    try store.reader.read { db in
      for (table, columns) in Self.bulkInserts {
        let rows = try Row.fetchAll(
          db, sql: "SELECT name, type, pk FROM pragma_table_info(?) ORDER BY cid",
          arguments: [table])
        let primaryKeyColumns = rows.filter { ($0["pk"] as Int) > 0 }.count
        let expected = rows.filter { row in
          let name: String = row["name"]
          let isRowID =
            primaryKeyColumns == 1 && (row["pk"] as Int) == 1
            && (row["type"] as String) == "INTEGER"
          return name != "retiredIn" && !isRowID
        }.map { "\($0["name"] as String) \($0["type"] as String)" }
        #expect(!expected.isEmpty, "no table \(table)")
        #expect(columns == expected, "\(table)")
      }
    }
  }
}
