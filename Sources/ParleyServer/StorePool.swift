import Foundation
import NIOPosix
import ParleyKit
import Synchronization

/// The connections a server reads through: several opened on the same store file, each used by
/// one thread at a time, on threads of their own so that a query never blocks the event loops.
///
/// A `ParleyStore` opens one SQLite connection (a `DatabaseQueue`); the store is in WAL mode,
/// so the connections read side by side, and a load by another process (or by `POST /api/load`
/// through ``writer``) never blocks them.
public final class StorePool: Sendable {
  private let idle: Mutex<[ParleyStore]>
  private let threads: NIOThreadPool
  /// The connection loads go through, when the server takes loads; loads take turns on it.
  let writer: ParleyStore?
  private let writeTurn = Mutex(())
  /// The store file's path, for messages.
  public let path: String
  /// A connection and a thread of their own for asking the store's latest revision, so that
  /// the question (tens of microseconds) never waits behind queries.
  private let revisionReader: ParleyStore
  private let revisionThread: NIOThreadPool

  /// Opens `size` read connections on the store at `path` (created with the seed corpus when it
  /// does not exist, as the CLI does), and one writer when `writable`.
  public init(path: String, size: Int, writable: Bool) throws {
    let size = max(1, size)
    let first = try ParleyStore.openCreatingWithSeed(path: path)
    var stores = [first]
    for _ in 1..<size { stores.append(try ParleyStore.open(path: path)) }
    self.idle = Mutex(stores)
    self.writer = writable ? try ParleyStore.open(path: path) : nil
    self.path = path
    self.threads = NIOThreadPool(numberOfThreads: size)
    threads.start()
    self.revisionReader = try ParleyStore.open(path: path)
    self.revisionThread = NIOThreadPool(numberOfThreads: 1)
    revisionThread.start()
  }

  deinit {
    threads.shutdownGracefully { _ in }
    revisionThread.shutdownGracefully { _ in }
  }

  /// The store's latest revision (0 for none): every load, by this server or another process,
  /// makes one, so answers change only when it does.
  public func latestRevision() async throws -> Int64 {
    try await revisionThread.runIfActive { [revisionReader] in
      try revisionReader.latestRevision()?.id ?? 0
    }
  }

  /// Runs `body` with a free connection on one of the pool's threads.
  public func read<T: Sendable>(_ body: @escaping @Sendable (ParleyStore) throws -> T) async throws
    -> T
  {
    try await threads.runIfActive { [self] in
      // As many connections as threads: one is always free here.
      let store = self.idle.withLock { $0.popLast() }!
      defer { self.idle.withLock { $0.append(store) } }
      return try body(store)
    }
  }

  /// Runs `body` with the writer, one load at a time (and SQLite's write lock besides, which
  /// makes loads of other processes wait their turn too).
  func write<T: Sendable>(_ body: @escaping @Sendable (ParleyStore) throws -> T) async throws -> T {
    guard let writer else { throw StoreError(.readOnly, path: path, message: "takes no loads.") }
    return try await threads.runIfActive { [self] in
      try self.writeTurn.withLock { _ in try body(writer) }
    }
  }
}
