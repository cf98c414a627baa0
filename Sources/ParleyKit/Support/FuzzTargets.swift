import Foundation

/// Entry points for the fuzzers (`Sources/parley-fuzz`, run by `.ci/fuzz`): each reads one input
/// the way a user's would be read and must return, whatever the bytes, without crashing, hanging or
/// growing without bound.
///
/// Errors are the expected answer to most inputs.
public enum FuzzTargets {
  /// A `parley query` expression, parsed, with its text values turned into full-text queries;
  /// one input in 64 is also resolved against the seed corpus (names, issues, dates), which
  /// reads the store and is a hundred times slower.
  public static func query(_ bytes: UnsafeRawBufferPointer) {
    let text = String(decoding: bytes, as: UTF8.self)
    guard let expression = try? QueryExpression(parsing: text) else { return }
    for value in expression.values(of: .text) {
      _ = FullTextQuery.matchExpression(value.text, prefix: true)
    }
    if bytes.reduce(0, { $0 &+ Int($1) }) % 64 == 0 {
      _ = try? seeded.positionFilter(for: expression)
    }
  }

  /// A curated YAML or JSON file, parsed; one that parses is, one time in 64, also checked
  /// against a store and loaded (a transaction: a hundred times slower).
  public static func curated(_ bytes: UnsafeRawBufferPointer) {
    guard let text = String(validating: bytes, as: UTF8.self) else { return }
    guard (try? CuratedParser.parse(text: text, path: "fuzz.yaml", baseDirectory: nil)) != nil
    else { return }
    if bytes.reduce(0, { $0 &+ Int($1) }) % 64 == 0 {
      _ = try? scratch.load([LoadInput(path: "fuzz.yaml", text: text, baseDirectory: nil)])
    }
  }

  /// One line of a JSON Lines stream, parsed into a curated file.
  public static func jsonLine(_ bytes: UnsafeRawBufferPointer) {
    let line = bytes.bindMemory(to: UInt8.self)
    guard isValidUTF8(line),
      let root = try? JSONLineParser.parse(line, line: 1, path: "fuzz.jsonl")
    else { return }
    _ = try? CuratedParser.parse(root: root, path: "fuzz.jsonl", baseDirectory: nil)
  }

  // MARK: - Private

  /// A store with the seed corpus, for resolving names.
  nonisolated(unsafe) private static let seeded: ParleyStore = {
    let store = try! ParleyStore.inMemory()
    try! store.loadSeedCorpus()
    return store
  }()

  /// A store the curated target loads into (the seed corpus, so inputs can refer to it).
  nonisolated(unsafe) private static let scratch: ParleyStore = {
    let store = try! ParleyStore.inMemory()
    try! store.loadSeedCorpus()
    return store
  }()
}
