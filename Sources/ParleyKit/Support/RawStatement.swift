import GRDB
import GRDBSQLite

/// A statement prepared straight through SQLite's C API, for the loader's hot paths.
///
/// A large load executes millions of small statements; GRDB's `Statement` adds argument arrays,
/// value conversions and observation bookkeeping to each, which cost more than SQLite's own work.
/// These statements bypass that. They are only used inside a write transaction that GRDB opened
/// (so GRDB's view of the transaction stays right), never observed, and finalized by their owner
/// before the transaction ends.
final class RawStatement {
  private let connection: OpaquePointer
  private let handle: OpaquePointer
  let sql: String
  private var parameter: Int32 = 0

  init(_ db: Database, _ sql: String) throws {
    guard let connection = db.sqliteConnection else {
      throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "closed connection")
    }
    var handle: OpaquePointer?
    let code = sqlite3_prepare_v3(
      connection, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &handle, nil)
    guard code == SQLITE_OK, let handle else {
      throw DatabaseError(
        resultCode: ResultCode(rawValue: code),
        message: String(cString: sqlite3_errmsg(connection)),
        sql: sql)
    }
    self.connection = connection
    self.handle = handle
    self.sql = sql
  }

  deinit { sqlite3_finalize(handle) }

  // MARK: Binding, in parameter order

  func bind(_ value: String?) {
    parameter += 1
    guard let value else {
      sqlite3_bind_null(handle, parameter)
      return
    }
    var text = value
    text.withUTF8 { bytes in
      if let base = bytes.baseAddress, bytes.count > 0 {
        _ = sqlite3_bind_text(
          handle, parameter, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self),
          Int32(bytes.count), sqliteTransient)
      } else {
        _ = sqlite3_bind_text(handle, parameter, "", 0, sqliteTransient)
      }
    }
  }

  func bind(_ value: Int?) {
    parameter += 1
    if let value {
      sqlite3_bind_int64(handle, parameter, Int64(value))
    } else {
      sqlite3_bind_null(handle, parameter)
    }
  }

  func bind(_ value: Int64?) { bind(value.map { Int($0) }) }

  func bind(_ value: Bool) { bind(value ? 1 : 0) }

  func bind<Value: RawRepresentable>(_ value: Value?) where Value.RawValue == String {
    bind(value?.rawValue)
  }

  // MARK: Running

  /// Runs a statement that returns no rows, then resets it for the next bindings.
  func execute() throws {
    defer { reset() }
    let code = sqlite3_step(handle)
    guard code == SQLITE_DONE || code == SQLITE_ROW else { throw error(code) }
  }

  /// Steps to the next row; false at the end.
  ///
  /// Call `reset()` when done reading.
  func step() throws -> Bool {
    let code = sqlite3_step(handle)
    if code == SQLITE_ROW { return true }
    if code == SQLITE_DONE { return false }
    throw error(code)
  }

  /// Whether the query returns at least one row; resets it.
  func exists() throws -> Bool {
    defer { reset() }
    return try step()
  }

  func reset() {
    sqlite3_reset(handle)
    parameter = 0
  }

  // MARK: Reading the current row

  func string(_ column: Int32) -> String? {
    guard let text = sqlite3_column_text(handle, column) else { return nil }
    return String(cString: text)
  }

  func int(_ column: Int32) -> Int? {
    sqlite3_column_type(handle, column) == SQLITE_NULL
      ? nil : Int(sqlite3_column_int64(handle, column))
  }

  private func error(_ code: Int32) -> DatabaseError {
    DatabaseError(
      resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)),
      sql: sql)
  }
}

/// A record the loader writes with ``BulkInsert``: it names the columns an insert sets and
/// binds its values itself, one line per column, so a new column is added in one place.
///
/// `insertColumns` lists the table's columns in the table's order, leaving out only those an
/// insert does not set (an `INTEGER PRIMARY KEY` row id, `retiredIn`); a test compares every
/// list with `PRAGMA table_info`. `bindInsertValues(to:)` binds one value per column, naming
/// it: `row.bind("title", title)`. Debug builds check each name against the list, so a
/// binding out of order (two same-typed columns swapped) fails every test that loads.
protocol BulkInsertable: TableRecord {
  static var insertColumns: [InsertColumn] { get }
  func bindInsertValues(to row: inout InsertRow)
}

extension BulkInsertable {
  /// The columns an insert sets, as `name TYPE`.
  static var insertColumnDeclarations: [String] { insertColumns.map { "\($0.name) \($0.type)" } }
}

/// A column a bulk insert sets: its name and its type in the STRICT table.
struct InsertColumn: Sendable {
  let name: String
  /// `TEXT` or `INTEGER`.
  let type: String

  static func text(_ name: String) -> Self { InsertColumn(name: name, type: "TEXT") }
  static func integer(_ name: String) -> Self { InsertColumn(name: name, type: "INTEGER") }
}

/// The values of one row of a bulk insert, bound in column order.
struct InsertRow {
  fileprivate let statement: RawStatement
  #if DEBUG
    fileprivate let columns: [InsertColumn]
    fileprivate var index = 0
  #endif

  mutating func bind(_ column: StaticString, _ value: String?) {
    check(column)
    statement.bind(value)
  }

  mutating func bind(_ column: StaticString, _ value: Int?) {
    check(column)
    statement.bind(value)
  }

  mutating func bind(_ column: StaticString, _ value: Int64?) {
    check(column)
    statement.bind(value)
  }

  /// A vocabulary word, bound as its raw value.
  mutating func bind<Value: RawRepresentable>(_ column: StaticString, _ value: Value?)
  where Value.RawValue == String {
    check(column)
    statement.bind(value?.rawValue)
  }

  /// In debug builds, that `column` is the next column of the insert.
  @inline(__always)
  private mutating func check(_ column: StaticString) {
    #if DEBUG
      let expected = columns[index % columns.count].name
      precondition(
        expected == "\(column)",
        "bulk insert binds \(column) where \(expected) is expected (insertColumns and bindInsertValues disagree)"
      )
      index += 1
    #endif
  }
}

/// Inserts many records into their table with multi-row `INSERT … VALUES (…), (…), …`
/// statements.
///
/// Beyond saving a step per row, this matters because SQLite builds the lookup table of a
/// `CHECK (x IN (…))` constraint once per statement execution, not once per row, and the schema
/// has such a check on most columns that hold a vocabulary word.
final class BulkInsert<Record: BulkInsertable> {
  private let columns: [InsertColumn]
  /// Statements for 64, 16, 4 and 1 rows: any count takes at most 9 executions beyond the
  /// full 64-row ones.
  private let statements: [(rows: Int, statement: RawStatement)]

  init(_ db: Database) throws {
    columns = Record.insertColumns
    let row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
    // OR FAIL: a failing row stops the statement without undoing its earlier rows, so SQLite
    // keeps no statement journal (a copy of every page the statement changes). Nothing is
    // lost: the loader rolls back its whole transaction (or the unit's savepoint) on any error.
    let head =
      "INSERT OR FAIL INTO \(Record.databaseTableName) "
      + "(\(columns.map(\.name).joined(separator: ", "))) VALUES "
    statements = try [64, 16, 4, 1].map { rows in
      (
        rows,
        try RawStatement(db, head + Array(repeating: row, count: rows).joined(separator: ", "))
      )
    }
  }

  /// Inserts `records`.
  func insert(_ records: [Record]) throws {
    var index = 0
    for (size, statement) in statements {
      while records.count - index >= size {
        #if DEBUG
          var row = InsertRow(statement: statement, columns: columns)
        #else
          var row = InsertRow(statement: statement)
        #endif
        for record in records[index..<index + size] { record.bindInsertValues(to: &row) }
        try statement.execute()
        index += size
      }
    }
  }
}

/// SQLITE_TRANSIENT: SQLite copies the bound text.
private let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
