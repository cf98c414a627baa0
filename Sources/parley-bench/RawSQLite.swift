import Foundation
import GRDBSQLite
import ParleyKit

/// A read-only connection straight through SQLite's C API: the baseline that Parley's queries are
/// measured against.
///
/// It runs the exact SQL Parley emitted (traced, with values expanded), steps through every row and
/// reads every column, and creates no Swift values beyond a checksum.
final class RawSQLite {
  private var connection: OpaquePointer?

  init(path: String) throws {
    guard sqlite3_open_v2(path, &connection, SQLITE_OPEN_READONLY, nil) == SQLITE_OK else {
      let message = connection.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
      sqlite3_close(connection)
      throw BenchError("sqlite3_open_v2 \(path): \(message)")
    }
    // The settings of Parley's connections (ParleyStore.makeConfiguration), so that the
    // comparison measures the library, not a different way of reading the file.
    sqlite3_exec(connection, "PRAGMA foreign_keys = ON", nil, nil, nil)
    sqlite3_exec(connection, "PRAGMA cache_size = \(ParleyStore.queryCacheSize)", nil, nil, nil)
  }

  /// Prepared statements by their SQL text, kept until ``forget()``.
  ///
  /// Parley binds its values and keeps its statements prepared from one question to the next, so
  /// its timed run prepares nothing; the replay's text has the values in it, so the bench forgets
  /// the statements before each question, replays it once to prepare them, and times the second
  /// replay, which prepares nothing either. (Until 30 November 2026 the cache kept the first 200
  /// texts for ever and prepared every later one inside the timed run: from the fifteenth
  /// question or so on, the C API's time included SQLite's parser, which flattered Parley.)
  private var prepared: [String: OpaquePointer] = [:]

  deinit {
    forget()
    sqlite3_close(connection)
  }

  /// Finalizes every prepared statement.
  func forget() {
    for statement in prepared.values { sqlite3_finalize(statement) }
    prepared = [:]
  }

  /// Runs each statement once (prepare or reuse, step to the end, reset) and returns a checksum
  /// of everything read, so that no work can be skipped.
  @discardableResult
  func run(_ statements: [String]) throws -> Int {
    var checksum = 0
    for sql in statements {
      var statement = prepared[sql]
      if statement == nil {
        guard sqlite3_prepare_v2(connection, sql, -1, &statement, nil) == SQLITE_OK else {
          throw BenchError("prepare: \(String(cString: sqlite3_errmsg(connection))): \(sql)")
        }
        prepared[sql] = statement
      }
      defer { sqlite3_reset(statement) }
      while true {
        let code = sqlite3_step(statement)
        if code == SQLITE_DONE { break }
        guard code == SQLITE_ROW else {
          throw BenchError("step: \(String(cString: sqlite3_errmsg(connection))): \(sql)")
        }
        for column in 0..<sqlite3_column_count(statement) {
          switch sqlite3_column_type(statement, column) {
          case SQLITE_INTEGER: checksum &+= Int(sqlite3_column_int64(statement, column))
          case SQLITE_FLOAT: checksum &+= Int(sqlite3_column_double(statement, column))
          case SQLITE_TEXT, SQLITE_BLOB:
            _ = sqlite3_column_text(statement, column)
            checksum &+= Int(sqlite3_column_bytes(statement, column))
          default: checksum &+= 1
          }
        }
      }
    }
    return checksum
  }

  /// `EXPLAIN QUERY PLAN` of one statement, one line per step.
  func queryPlan(_ sql: String) throws -> [String] {
    var statement: OpaquePointer?
    guard
      sqlite3_prepare_v2(connection, "EXPLAIN QUERY PLAN " + sql, -1, &statement, nil) == SQLITE_OK
    else { throw BenchError("prepare: \(String(cString: sqlite3_errmsg(connection)))") }
    defer { sqlite3_finalize(statement) }
    var lines: [String] = []
    while sqlite3_step(statement) == SQLITE_ROW {
      lines.append(String(cString: sqlite3_column_text(statement, 3)))
    }
    return lines
  }
}

struct BenchError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

/// The version of the SQLite library linked in.
func sqliteLibraryVersion() -> String { String(cString: sqlite3_libversion()) }
