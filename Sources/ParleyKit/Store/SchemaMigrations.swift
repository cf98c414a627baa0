import GRDB

/// The schema migrations: one per `Schema/NNNN_name.sql` file, embedded in the binary.
///
/// Each file is one migration whose identifier is the file's name without `.sql`. Files are
/// frozen once shipped; a change to the schema is a new file with the next number. Each migration
/// also sets SQLite's `application_id` (Parley's) and `user_version` (its number), so a store
/// says what it is and which schema it has.
enum SchemaMigrations {
  /// The migration files, sorted by name.
  static var files: [(identifier: String, sql: String)] {
    EmbeddedResources.files
      .filter { $0.path.hasPrefix("Schema/") && $0.path.hasSuffix(".sql") }
      .map { file in
        let name = file.path.dropFirst("Schema/".count).dropLast(".sql".count)
        return (identifier: String(name), sql: file.text)
      }
      .sorted { $0.identifier < $1.identifier }
  }

  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    for file in files {
      let sql = file.sql
      let version = StoreIdentity.version(of: file.identifier)
      migrator.registerMigration(file.identifier) { db in
        try db.execute(sql: sql)
        // The store's identity, in the same transaction (see StoreIdentity).
        try db.setPragma(.applicationID, to: Int(StoreIdentity.applicationID))
        try db.setPragma(.userVersion, to: version)
      }
    }
    return migrator
  }
}
