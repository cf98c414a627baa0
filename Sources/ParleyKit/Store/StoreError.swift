import Foundation
import GRDB

/// A store could not be opened, read or written, said in words a user can act on.
///
/// Every SQLite error that reaches a user goes through ``init(_:path:)``, so nobody sees
/// "SQLite error 14": the store that was locked, read-only, damaged or not a Parley store at all
/// is named, with what to do about it.
public struct StoreError: Error, Sendable, CustomStringConvertible {
  /// What went wrong, by kind, for tests and callers that react to it.
  public enum Reason: Sendable, Equatable {
    /// The file exists but is not a Parley store (empty, another program's database, not SQLite).
    case notAStore
    /// A newer Parley wrote the store (a schema version or migration this binary does not know).
    case newerStore
    /// The store, or a file beside it that SQLite needs, cannot be written.
    case readOnly
    /// Another process held the store's write lock for longer than the wait allowed.
    case locked
    /// The file is damaged.
    case damaged
    /// The file or its folder cannot be opened or created.
    case cannotOpen
    /// The disk is full.
    case diskFull
    /// Anything else SQLite reported.
    case other
  }

  public var reason: Reason
  /// The store's path, when known.
  public var path: String?
  /// One or more sentences: what is wrong and what to do.
  public var message: String

  public init(_ reason: Reason, path: String?, message: String) {
    self.reason = reason
    self.path = path
    self.message = message
  }

  public var description: String {
    let noun = reason == .notAStore ? "file" : "store"
    guard let path else { return "The \(noun) \(message)" }
    return "The \(noun) '\(path)' \(message)"
  }

  /// Translates an SQLite error into what it means for the store at `path`.
  public init(_ error: DatabaseError, path: String?, waited: TimeInterval? = nil) {
    let detail = error.message.map { " (SQLite: \($0))" } ?? ""
    switch error.resultCode {
    case .SQLITE_BUSY, .SQLITE_LOCKED:
      let wait = waited.map { " for \(Self.seconds($0))" } ?? ""
      self.init(
        .locked, path: path,
        message:
          "is locked by another load: it was still writing after waiting\(wait). Try again when it has finished (or wait longer with '--wait SECONDS').\(StoreError.blockers(path: path))"
      )
    case .SQLITE_READONLY, .SQLITE_PERM:
      self.init(
        .readOnly, path: path,
        message:
          "is read-only: it can be read, but nothing can be written to it.\(StoreError.blockers(path: path))"
      )
    case .SQLITE_NOTADB:
      self.init(
        .notAStore, path: path,
        message: "is not a Parley store: it is not an SQLite database. Nothing was changed.")
    case .SQLITE_CORRUPT:
      self.init(
        .damaged, path: path,
        message:
          "is damaged\(detail). Nothing was changed; restore it from a copy (or check it with 'sqlite3 FILE \"PRAGMA integrity_check\"')."
      )
    case .SQLITE_FULL:
      self.init(
        .diskFull, path: path, message: "cannot be written: the disk is full. Nothing was changed.")
    case .SQLITE_CANTOPEN:
      self.init(
        .cannotOpen, path: path,
        message:
          "cannot be opened: its folder is missing or not writable, or a file beside it cannot be created.\(StoreError.blockers(path: path))"
      )
    case .SQLITE_IOERR:
      self.init(
        .cannotOpen, path: path,
        message:
          "could not be read or written by the system\(detail).\(StoreError.blockers(path: path))"
      )
    default:
      self.init(.other, path: path, message: "could not be used\(detail).")
    }
  }

  /// Translates `error` when it is an SQLite error; nil for any other error.
  public init?(translating error: any Error, path: String?) {
    guard let error = error as? DatabaseError else { return nil }
    self.init(error, path: path)
  }

  private static func seconds(_ interval: TimeInterval) -> String {
    interval == interval.rounded() ? "\(Int(interval)) s" : String(format: "%.1f s", interval)
  }

  /// What may block writing: SQLite's `-wal`, `-shm` and `-journal` files beside the store that
  /// belong to another user (a reader in a shared folder leaves them), said in one sentence.
  static func blockers(path: String?, currentUser: uid_t = geteuid()) -> String {
    guard let path else { return "" }
    var foreign: [String] = []
    for suffix in ["-wal", "-shm", "-journal"] {
      var info = stat()
      guard stat(path + suffix, &info) == 0 else { continue }
      if info.st_uid != currentUser && currentUser != 0 {
        foreign.append("'\(path + suffix)' belongs to user \(userName(info.st_uid))")
      }
    }
    guard !foreign.isEmpty else { return "" }
    return
      " What blocks it: \(foreign.joined(separator: ", ")), left by their reading the store; it must be removed (by them or an administrator) when no parley is running, and the store can then be written again."
  }

  private static func userName(_ uid: uid_t) -> String {
    if let entry = getpwuid(uid), let name = entry.pointee.pw_name {
      return "'\(String(cString: name))' (uid \(uid))"
    }
    return "uid \(uid)"
  }
}
