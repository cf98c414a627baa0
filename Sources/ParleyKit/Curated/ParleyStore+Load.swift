import Foundation
import GRDB

/// One curated file to load: its text and the name used in messages.
public struct LoadInput: Sendable {
  /// The path shown in messages (as the user typed it, or `seeds/…` for the embedded corpus).
  public var path: String
  public var text: String
  /// The folder that `text_file` paths are relative to; nil for embedded files.
  public var baseDirectory: URL?

  public init(path: String, text: String, baseDirectory: URL?) {
    self.path = path
    self.text = text
    self.baseDirectory = baseDirectory
  }

  /// Reads a file from disk, or reports why it cannot be read.
  public static func file(_ path: String) throws(LoadError) -> LoadInput {
    let url = URL(fileURLWithPath: path)
    if let problem = ParleyStore.fileProblem(path, expected: "a YAML or JSON file") {
      throw LoadError([problem])
    }
    if let size = FileKind.size(path: path), size > InputLimits.fileBytes {
      throw LoadError([
        LoadProblem(
          location: SourceLocation(file: path, line: 1, column: 1, field: "(file)"),
          message:
            "is \(size.grouped) bytes long (expected a YAML or JSON file of at most \(InputLimits.fileBytes.bytesDescription); write a large load as a .jsonl stream)"
        )
      ])
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw LoadError([
        LoadProblem(
          location: SourceLocation(file: path, line: 1, column: 1, field: "(file)"),
          message: "cannot be read (expected an existing, readable YAML or JSON file)")
      ])
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw LoadError([
        LoadProblem(
          location: SourceLocation(file: path, line: 1, column: 1, field: "(file)"),
          message: "is not UTF-8 text (expected a YAML or JSON file)")
      ])
    }
    return LoadInput(path: path, text: text, baseDirectory: url.deletingLastPathComponent())
  }
}

/// What a load wrote.
public struct LoadReport: Sendable, Equatable {
  /// The revision written, or nil when everything was already in the store.
  public var revision: Int64?
  /// How many rows of each kind were added, by kind ("positions", "statements", …).
  public var added: [String: Int]
  /// How many positions changed interval or status (superseded, withdrawn, deprecated).
  public var positionsChanged: Int
  /// Things that look wrong but may be right (a restatement dated after the position ended),
  /// each at its file:line:column; the load went ahead.
  public var warnings: [LoadProblem] = []

  public var changedNothing: Bool { revision == nil }
}

extension ParleyStore {
  /// Whether a path names a JSON Lines stream (`.jsonl` or `.ndjson`), which ``load(_:streams:summary:)``
  /// reads line by line, rather than a YAML or JSON file read whole.
  public static func isStream(path: String) -> Bool {
    path.hasSuffix(".jsonl") || path.hasSuffix(".ndjson")
  }

  /// Validates curated input and writes it in one transaction.
  ///
  /// `inputs` (YAML or JSON files) are checked together as one batch, so they may refer to each
  /// other in any order. Then each of `streams` (JSON Lines files) is read one line at a time:
  /// each line is one curated file, checked against the store and everything before it (the
  /// batch and earlier lines) and written at once, so a stream of any size is never held in
  /// memory. Everything happens inside one transaction: on any problem a ``LoadError`` lists
  /// them all and the store is left exactly as it was. Loading the same input again changes
  /// nothing and writes no revision.
  ///
  /// `progress`, when given, is told after each block of a stream how many lines were read,
  /// statements made and bytes read, counted over every stream in turn.
  @discardableResult
  public func load(
    _ inputs: [LoadInput], streams: [String] = [], summary: String? = nil,
    textFiles: TextFileAccess = .insideInputFolder, progress: ProgressMeter? = nil
  ) throws -> LoadReport {
    if dbWriter.configuration.readonly {
      throw StoreError(
        .readOnly, path: storePath,
        message: "is read-only: it can be read, but nothing can be written to it.")
    }
    var files: [CuratedFile] = []
    var problems: [LoadProblem] = []
    for input in inputs {
      do throws(LoadError) {
        let file = try CuratedParser.parse(
          text: input.text, path: input.path, baseDirectory: input.baseDirectory,
          textFiles: textFiles)
        if file.hasNoRecords {
          problems.append(Self.noRecords(input.path, what: "YAML or JSON file"))
        }
        files.append(file)
      } catch {
        problems.append(contentsOf: error.problems)
      }
    }
    for path in streams {
      if let problem = Self.fileProblem(path, expected: "a JSON Lines file") {
        problems.append(problem)
        continue
      }
      guard !FileManager.default.isReadableFile(atPath: path) else { continue }
      problems.append(
        LoadProblem(
          location: SourceLocation(file: path, line: 1, column: 1, field: "(file)"),
          message: "cannot be read (expected an existing, readable JSON Lines file)"))
    }
    if !problems.isEmpty { throw LoadError(problems) }

    let now = clock()
    let description = summary ?? "load " + (inputs.map(\.path) + streams).joined(separator: ", ")
    do {
      return try dbWriter.writeWithoutTransaction { db in
        // Multi-row inserts keep a statement journal (to undo one statement on failure), and
        // the load keeps intervals in a temporary table: both in memory rather than in temporary
        // files, which would take a write system call per page. (Settable outside transactions
        // only.)
        let previousTempStore = try Int.fetchOne(db, sql: "PRAGMA temp_store") ?? 0
        try db.execute(sql: "PRAGMA temp_store = MEMORY")
        defer { try? db.setPragma(.tempStore, to: previousTempStore) }
        var report: LoadReport?
        // IMMEDIATE: the write lock is taken (or waited for, up to the busy timeout) before
        // anything is read, so a second load waits its turn and then checks against what the
        // first one wrote, instead of failing when it first writes.
        try db.inTransaction(.immediate) {
          report = try load(
            files: files, streams: streams, description: description, now: now,
            textFiles: textFiles, progress: progress, db: db)
          return .commit
        }
        return report!
      }
    } catch let nothing as NothingNew {
      return LoadReport(revision: nil, added: [:], positionsChanged: 0, warnings: nothing.warnings)
    } catch let error as DatabaseError {
      throw StoreError(error, path: storePath, waited: busyTimeout)
    }
  }

  /// The load itself, inside its transaction.
  private func load(
    files: [CuratedFile], streams: [String], description: String, now: Date,
    textFiles: TextFileAccess, progress: ProgressMeter?, db: Database
  ) throws -> LoadReport {
    let revision = (try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM revision") ?? 0) + 1
    try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
    let session = try LoadSession(db: db, revision: revision)
    if !files.isEmpty { try session.apply(files) }
    var done = StreamProgress()
    defer { progress?.finish() }
    for path in streams where !session.hasReachedProblemLimit {
      try Self.stream(
        path, into: session, textFiles: textFiles, progress: progress, done: &done)
    }
    if !session.problems.isEmpty {
      var problems = session.problems
      if session.hasReachedProblemLimit {
        let last = problems[problems.count - 1].location
        problems.append(
          LoadProblem(
            location: last,
            message:
              "checking stopped after \(LoadSession.problemLimit) problems (expected fewer; fix these and load again)"
          ))
      }
      throw LoadError(problems)
    }
    let (versions, positionsChanged) = try session.finish()
    if !session.wroteRows && versions == 0 { throw NothingNew(warnings: session.warnings) }
    try Revision(
      id: revision, recordedAt: Int64((now.timeIntervalSince1970 * 1000).rounded()),
      summary: description, toolVersion: Self.toolVersion
    ).insert(db)
    return LoadReport(
      revision: revision, added: session.added, positionsChanged: positionsChanged,
      warnings: session.warnings)
  }

  /// Loads the seed corpus embedded in the binary (every `seeds/*.yaml` and `*.json`, by name).
  @discardableResult
  public func loadSeedCorpus() throws -> LoadReport {
    try load(Self.seedCorpus, summary: "seed corpus \(Self.toolVersion)")
  }

  /// The embedded seed corpus files, sorted by name.
  public static var seedCorpus: [LoadInput] {
    EmbeddedResources.files
      .filter {
        $0.path.hasPrefix("seeds/")
          && ($0.path.hasSuffix(".yaml") || $0.path.hasSuffix(".yml") || $0.path.hasSuffix(".json"))
      }
      .map { LoadInput(path: $0.path, text: $0.text, baseDirectory: nil) }
  }

  /// How many lines of a stream are checked and written together.
  ///
  /// Each line is still checked only against the lines before it; blocks let the writes use
  /// multi-row statements.
  static let streamBlockLines = 256

  /// Reads a JSON Lines file into the session in blocks of lines; blank lines are skipped.
  ///
  /// A second thread reads and parses the file while this one checks and writes the previous
  /// block (at most a few blocks are in flight, so memory stays bounded). Problems are reported
  /// in line order: a block's syntax problems together with its other problems.
  private static func stream(
    _ path: String, into session: LoadSession, textFiles: TextFileAccess,
    progress: ProgressMeter?, done: inout StreamProgress
  ) throws {
    guard let reader = JSONLinesReader(path: path) else {
      session.report([
        LoadProblem(
          location: SourceLocation(file: path, line: 1, column: 1, field: "(file)"),
          message: "cannot be read (expected an existing, readable JSON Lines file)")
      ])
      return
    }
    let pipe = BlockPipe(capacity: 3)
    let producer = Thread {
      parseBlocks(reader, into: pipe, textFiles: textFiles)
    }
    producer.stackSize = 8 << 20
    producer.start()
    defer {
      pipe.cancel()
      pipe.waitUntilProducerFinished()
    }
    let before = done
    while let block = pipe.take() {
      let start = session.problems.count
      session.report(block.problems)
      try session.apply(block.files, streamOrder: true)
      session.sortProblems(from: start)
      done.lines = before.lines + block.lastLine
      done.bytes = before.bytes + block.bytesRead
      done.statements += block.files.reduce(0) { sum, file in
        sum + file.documents.reduce(0) { $0 + $1.statements.count }
      }
      progress?.advance(lines: done.lines, records: done.statements, bytes: done.bytes)
      if session.hasReachedProblemLimit { break }
    }
  }

  /// The producer's side of ``stream(_:into:)``: parses lines into blocks until the file ends
  /// or the consumer stops taking them.
  private static func parseBlocks(
    _ reader: JSONLinesReader, into pipe: BlockPipe, textFiles: TextFileAccess
  ) {
    defer { pipe.finish() }
    let path = reader.path
    let baseDirectory = URL(fileURLWithPath: path).deletingLastPathComponent()
    var block = ParsedBlock()
    var records = false
    defer {
      if !records && !pipe.isCancelled {
        var last = ParsedBlock()
        last.problems.append(noRecords(path, what: "JSON Lines stream"))
        pipe.put(last)
      }
    }
    while !pipe.isCancelled {
      let parsed = reader.nextLine { read, line -> Result<CuratedFile?, LoadError> in
        guard case .bytes(let bytes) = read else {
          guard case .tooLong(let length) = read else { return .success(nil) }
          return .failure(
            LoadError([
              LoadProblem(
                location: SourceLocation(file: path, line: line, column: 1, field: "(file)"),
                message:
                  "is a line of \(length.grouped) bytes (expected lines of at most \(InputLimits.lineBytes.bytesDescription): one curated file per line)"
              )
            ]))
        }
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return .success(nil) }
        guard isValidUTF8(bytes) else {
          return .failure(
            LoadError([
              LoadProblem(
                location: SourceLocation(file: path, line: line, column: 1, field: "(file)"),
                message: "is not UTF-8 text (expected JSON Lines in UTF-8)")
            ]))
        }
        let root: SourceNode
        do throws(LoadProblem) {
          root = try JSONLineParser.parse(bytes, line: line, path: path)
        } catch {
          return .failure(LoadError([error]))
        }
        do throws(LoadError) {
          return .success(
            try CuratedParser.parse(
              root: root, path: path, baseDirectory: baseDirectory, textFiles: textFiles))
        } catch {
          return .failure(error)
        }
      }
      guard let parsed else { break }
      switch parsed {
      case .success(let file?):
        records = records || !file.hasNoRecords
        block.files.append(file)
      case .success(nil): continue
      case .failure(let error):
        records = true  // a line that says something, if wrongly
        block.problems.append(contentsOf: error.problems)
      }
      block.lastLine = reader.lineNumber
      block.bytesRead = reader.bytesRead
      if block.files.count + block.problems.count >= streamBlockLines {
        pipe.put(block)
        block = ParsedBlock()
      }
    }
    block.lastLine = reader.lineNumber
    block.bytesRead = reader.bytesRead
    if !block.files.isEmpty || !block.problems.isEmpty { pipe.put(block) }
  }

  /// The problem of an input path that is not a regular file (a folder, a FIFO, a device):
  /// reading a FIFO or a device would wait or never end.
  static func fileProblem(_ path: String, expected: String) -> LoadProblem? {
    let kind = FileKind(path: path)
    guard kind != .regular && kind != .missing else { return nil }
    return LoadProblem(
      location: SourceLocation(file: path, line: 1, column: 1, field: "(file)"),
      message: "is \(kind.noun) (expected \(expected))")
  }

  /// The problem of a file that names no record: a load of it would do nothing, which is
  /// almost always a mistake (the wrong file, or a file emptied by accident).
  private static func noRecords(_ path: String, what: String) -> LoadProblem {
    LoadProblem(
      location: SourceLocation(file: path, line: 1, column: 1, field: "(file)"),
      message:
        "has no records (expected a \(what) with at least one party, issue, document, relation, withdrawal or deprecation)"
    )
  }
}

/// Whether bytes are well-formed UTF-8 (checked without making a string of them).
func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
  var index = 0
  let count = bytes.count
  while index < count {
    let byte = bytes[index]
    if byte < 0x80 {
      index += 1
      continue
    }
    let length: Int
    let minimum: UInt32
    var scalar: UInt32
    switch byte {
    case 0xC2...0xDF: (length, minimum, scalar) = (2, 0x80, UInt32(byte & 0x1F))
    case 0xE0...0xEF: (length, minimum, scalar) = (3, 0x800, UInt32(byte & 0x0F))
    case 0xF0...0xF4: (length, minimum, scalar) = (4, 0x10000, UInt32(byte & 0x07))
    default: return false
    }
    guard index + length <= count else { return false }
    for offset in 1..<length {
      let next = bytes[index + offset]
      guard next & 0xC0 == 0x80 else { return false }
      scalar = scalar << 6 | UInt32(next & 0x3F)
    }
    guard scalar >= minimum, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else {
      return false
    }
    index += length
  }
  return true
}

/// Parsed lines of a stream, and the problems found parsing them.
struct ParsedBlock: Sendable {
  var files: [CuratedFile] = []
  var problems: [LoadProblem] = []
  /// The number of the block's last line, and the bytes of the file read up to its end.
  var lastLine = 0
  var bytesRead = 0
}

/// How much of a load's streams has been read, for its progress line.
struct StreamProgress {
  var lines = 0
  var statements = 0
  var bytes = 0
}

/// A bounded queue of parsed blocks between the thread that parses a stream and the one that
/// loads it.
final class BlockPipe: @unchecked Sendable {
  private let condition = NSCondition()
  private var blocks: [ParsedBlock] = []
  private var finished = false
  private var cancelled = false
  private let capacity: Int

  init(capacity: Int) { self.capacity = capacity }

  var isCancelled: Bool {
    condition.lock()
    defer { condition.unlock() }
    return cancelled
  }

  /// Adds a block, waiting while the queue is full (unless the consumer has stopped).
  func put(_ block: ParsedBlock) {
    condition.lock()
    defer { condition.unlock() }
    while blocks.count >= capacity && !cancelled { condition.wait() }
    if cancelled { return }
    blocks.append(block)
    condition.broadcast()
  }

  /// The next block, or nil once the producer has finished and every block was taken.
  func take() -> ParsedBlock? {
    condition.lock()
    defer { condition.unlock() }
    while blocks.isEmpty && !finished { condition.wait() }
    if blocks.isEmpty { return nil }
    let block = blocks.removeFirst()
    condition.broadcast()
    return block
  }

  /// Called by the producer when it has put its last block.
  func finish() {
    condition.lock()
    finished = true
    condition.broadcast()
    condition.unlock()
  }

  /// Called by the consumer when it takes no more blocks.
  func cancel() {
    condition.lock()
    cancelled = true
    condition.broadcast()
    condition.unlock()
  }

  func waitUntilProducerFinished() {
    condition.lock()
    while !finished { condition.wait() }
    condition.unlock()
  }
}

/// Thrown inside the load transaction to roll it back when it would write nothing.
private struct NothingNew: Error {
  var warnings: [LoadProblem]
}

extension CuratedFile {
  /// Whether the file names no record at all (it is empty, holds only comments, or only empty
  /// lists).
  var hasNoRecords: Bool {
    parties.isEmpty && issues.isEmpty && documents.isEmpty && relations.isEmpty
      && withdrawals.isEmpty && deprecations.isEmpty && outcomes.isEmpty && machineCoded.isEmpty
      && importedEvents.isEmpty
  }
}
