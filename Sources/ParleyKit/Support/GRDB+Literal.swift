import GRDB

// Fetching from an SQL literal, whose interpolated values are bound as arguments.

extension FetchableRecord {
  static func fetchAll(_ db: Database, _ sql: SQL) throws -> [Self] {
    try fetchAll(db, SQLRequest<Self>(literal: sql))
  }
}

extension Row {
  static func fetchAll(_ db: Database, _ sql: SQL) throws -> [Row] {
    try fetchAll(db, SQLRequest<Row>(literal: sql))
  }
}

extension Database {
  /// Sets an integer PRAGMA.
  ///
  /// PRAGMAs take no bound parameters, so the value is typed as an integer and written as digits:
  /// no text reaches the statement.
  func setPragma(_ name: IntegerPragma, to value: Int) throws {
    try execute(sql: "PRAGMA " + name.rawValue + " = " + String(value))
  }
}

/// The integer PRAGMAs Parley sets.
enum IntegerPragma: String {
  case cacheSize = "cache_size"
  case tempStore = "temp_store"
  case applicationID = "application_id"
  case userVersion = "user_version"
}
