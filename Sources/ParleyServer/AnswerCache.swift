import NIOCore
import Synchronization

/// The JSON answers a server has given, kept until the store changes, so that a question asked
/// again is answered without querying or encoding.
///
/// An answer depends only on the question (the request's path and query string), the store's
/// latest revision (a store changes only by a load, and every load is a revision) and today's
/// date (the default of `as-of` and `to`). Answers are kept for one such generation: the first
/// request that sees a new revision or a new day empties the cache. The cache holds at most
/// `capacity` bytes of answers; past that, the answers used least recently go first.
final class AnswerCache: Sendable {
  /// What every kept answer was computed at.
  struct Generation: Equatable, Sendable {
    var revision: Int64
    var day: String
  }

  private struct Entry {
    var body: ByteBuffer
    var lastUsed: UInt64
  }

  private struct State {
    var generation: Generation?
    var entries: [String: Entry] = [:]
    var bytes = 0
    var clock: UInt64 = 0
    var hits = 0
    var misses = 0
  }

  /// The most bytes of answers kept.
  let capacity: Int
  private let state = Mutex(State())

  init(capacity: Int) {
    self.capacity = capacity
  }

  /// The answer kept for `question` in `generation`, if any.
  func answer(for question: String, in generation: Generation) -> ByteBuffer? {
    state.withLock { state in
      if state.generation != generation {
        state.generation = generation
        state.entries = [:]
        state.bytes = 0
      }
      state.clock += 1
      guard var entry = state.entries[question] else {
        state.misses += 1
        return nil
      }
      state.hits += 1
      entry.lastUsed = state.clock
      state.entries[question] = entry
      return entry.body
    }
  }

  /// Keeps `body` as the answer to `question` in `generation` (dropped if the cache has moved
  /// on to a later generation, or if the answer alone is larger than the cache).
  func keep(_ body: ByteBuffer, for question: String, in generation: Generation) {
    guard body.readableBytes <= capacity else { return }
    state.withLock { state in
      guard state.generation == generation, state.entries[question] == nil else { return }
      state.clock += 1
      state.entries[question] = Entry(body: body, lastUsed: state.clock)
      state.bytes += body.readableBytes
      guard state.bytes > capacity else { return }
      // Over the budget: drop the least recently used answers down to three quarters of it, so
      // that the sort is paid once per many insertions.
      for (key, entry) in state.entries.sorted(by: { $0.value.lastUsed < $1.value.lastUsed }) {
        guard state.bytes > capacity / 4 * 3 else { break }
        state.entries[key] = nil
        state.bytes -= entry.body.readableBytes
      }
    }
  }

  /// Answers given from the cache and computed, since the server started.
  var counts: (hits: Int, misses: Int) {
    state.withLock { ($0.hits, $0.misses) }
  }
}

extension AnswerCache.Generation {
  /// The entity tag of the answer to `question` in this generation: its bytes depend only on
  /// the question, the store's latest revision and the day. (The question's FNV-1a hash makes
  /// tags differ between questions, and stay the same when the server restarts.)
  func tag(for question: String) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in question.utf8 {
      hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
    }
    let digits = String(hash, radix: 16)
    return "\"r\(revision)-\(day)-\(String(repeating: "0", count: 16 - digits.count))\(digits)\""
  }
}
