import GRDB
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
}
