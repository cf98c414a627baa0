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
