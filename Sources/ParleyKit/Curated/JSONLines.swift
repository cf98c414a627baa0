import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Parses one line of JSON into a ``SourceNode`` tree.
///
/// Every node carries the line it is on and its column, 1-based and counted in Unicode scalars,
/// so problems point where an editor would. Strings become quoted scalars; numbers, `true`,
/// `false` and `null` become plain scalars with their literal text, as YAML would read them.
struct JSONLineParser {
  private let bytes: UnsafeBufferPointer<UInt8>
  private let line: Int
  private let path: String
  private var index = 0
  /// UTF-8 continuation bytes before `index`, to turn byte offsets into scalar columns.
  private var continuationBytes = 0
  private var depth = 0

  private init(bytes: UnsafeBufferPointer<UInt8>, line: Int, path: String) {
    self.bytes = bytes
    self.line = line
    self.path = path
  }

  /// Parses `bytes` (one line, without its newline) as one JSON value.
  static func parse(_ bytes: UnsafeBufferPointer<UInt8>, line: Int, path: String)
    throws(LoadProblem) -> SourceNode
  {
    var parser = JSONLineParser(bytes: bytes, line: line, path: path)
    parser.skipWhitespace()
    let node = try parser.value()
    parser.skipWhitespace()
    if parser.index < bytes.count {
      throw parser.syntaxError("unexpected text after the end of the value")
    }
    return node
  }

  // MARK: - Private

  private var column: Int { index - continuationBytes + 1 }

  private func syntaxError(_ message: String) -> LoadProblem {
    LoadProblem(
      location: SourceLocation(file: path, line: line, column: column, field: "(syntax)"),
      message: "is not valid JSON: \(message)")
  }

  private mutating func skipWhitespace() {
    while index < bytes.count {
      switch bytes[index] {
      case 0x20, 0x09, 0x0D, 0x0A: index += 1
      default: return
      }
    }
  }

  private mutating func value() throws(LoadProblem) -> SourceNode {
    guard index < bytes.count else {
      throw syntaxError("expected a value, found the end of the line")
    }
    let startColumn = column
    switch bytes[index] {
    case UInt8(ascii: "{"): return try object()
    case UInt8(ascii: "["): return try array()
    case UInt8(ascii: "\""):
      return SourceNode(.scalar(try string(), plain: false), line: line, column: startColumn)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      return SourceNode(.scalar(try number(), plain: true), line: line, column: startColumn)
    case UInt8(ascii: "t"): return try literal("true", startColumn)
    case UInt8(ascii: "f"): return try literal("false", startColumn)
    case UInt8(ascii: "n"): return try literal("null", startColumn)
    default:
      throw syntaxError(
        "expected a value (an object, a list, a string, a number, true, false or null)")
    }
  }

  private mutating func literal(_ word: StaticString, _ startColumn: Int) throws(LoadProblem)
    -> SourceNode
  {
    let count = word.utf8CodeUnitCount
    guard index + count <= bytes.count else { throw syntaxError("expected '\(word)'") }
    for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] {
      throw syntaxError("expected '\(word)'")
    }
    index += count
    return SourceNode(.scalar("\(word)", plain: true), line: line, column: startColumn)
  }

  private mutating func enter() throws(LoadProblem) {
    depth += 1
    if depth > InputLimits.depth {
      throw syntaxError(
        "nested more than \(InputLimits.depth) levels deep (expected at most \(InputLimits.depth) levels of lists and objects)"
      )
    }
  }

  private mutating func object() throws(LoadProblem) -> SourceNode {
    let startColumn = column
    try enter()
    defer { depth -= 1 }
    index += 1
    var entries: [(key: SourceNode, value: SourceNode)] = []
    skipWhitespace()
    if index < bytes.count && bytes[index] == UInt8(ascii: "}") {
      index += 1
      return SourceNode(.mapping(entries), line: line, column: startColumn)
    }
    while true {
      skipWhitespace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
        throw syntaxError("expected a field name in double quotes")
      }
      let keyColumn = column
      let key = SourceNode(.scalar(try string(), plain: false), line: line, column: keyColumn)
      skipWhitespace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
        throw syntaxError("expected ':' after a field name")
      }
      index += 1
      skipWhitespace()
      entries.append((key, try value()))
      skipWhitespace()
      guard index < bytes.count else {
        throw syntaxError("expected ',' or '}', found the end of the line")
      }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
        continue
      }
      if bytes[index] == UInt8(ascii: "}") {
        index += 1
        return SourceNode(.mapping(entries), line: line, column: startColumn)
      }
      throw syntaxError("expected ',' or '}'")
    }
  }

  private mutating func array() throws(LoadProblem) -> SourceNode {
    let startColumn = column
    try enter()
    defer { depth -= 1 }
    index += 1
    var elements: [SourceNode] = []
    skipWhitespace()
    if index < bytes.count && bytes[index] == UInt8(ascii: "]") {
      index += 1
      return SourceNode(.sequence(elements), line: line, column: startColumn)
    }
    while true {
      skipWhitespace()
      elements.append(try value())
      skipWhitespace()
      guard index < bytes.count else {
        throw syntaxError("expected ',' or ']', found the end of the line")
      }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
        continue
      }
      if bytes[index] == UInt8(ascii: "]") {
        index += 1
        return SourceNode(.sequence(elements), line: line, column: startColumn)
      }
      throw syntaxError("expected ',' or ']'")
    }
  }

  private mutating func number() throws(LoadProblem) -> String {
    let start = index
    if bytes[index] == UInt8(ascii: "-") { index += 1 }
    func digits(_ parser: inout JSONLineParser) -> Int {
      var count = 0
      while parser.index < parser.bytes.count,
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(parser.bytes[parser.index])
      {
        parser.index += 1
        count += 1
      }
      return count
    }
    guard digits(&self) > 0 else { throw syntaxError("expected digits in a number") }
    if index < bytes.count && bytes[index] == UInt8(ascii: ".") {
      index += 1
      guard digits(&self) > 0 else { throw syntaxError("expected digits after '.'") }
    }
    if index < bytes.count
      && (bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E"))
    {
      index += 1
      if index < bytes.count
        && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-"))
      {
        index += 1
      }
      guard digits(&self) > 0 else { throw syntaxError("expected digits in an exponent") }
    }
    return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
  }

  /// Reads a string starting at its opening quote; leaves `index` after the closing quote.
  private mutating func string() throws(LoadProblem) -> String {
    index += 1
    let start = index
    // Fast path: no escapes.
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") {
        let text = String(
          decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        index += 1
        return text
      }
      if byte == UInt8(ascii: "\\") { break }
      if byte < 0x20 { throw syntaxError("a control character in a string (expected it escaped)") }
      if byte & 0xC0 == 0x80 { continuationBytes += 1 }
      index += 1
    }
    guard index < bytes.count else { throw syntaxError("a string is not closed") }
    var buffer = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") {
        index += 1
        return String(decoding: buffer, as: UTF8.self)
      }
      if byte < 0x20 { throw syntaxError("a control character in a string (expected it escaped)") }
      if byte != UInt8(ascii: "\\") {
        if byte & 0xC0 == 0x80 { continuationBytes += 1 }
        buffer.append(byte)
        index += 1
        continue
      }
      index += 1
      guard index < bytes.count else { throw syntaxError("a string is not closed") }
      let escaped = bytes[index]
      index += 1
      switch escaped {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): buffer.append(escaped)
      case UInt8(ascii: "b"): buffer.append(0x08)
      case UInt8(ascii: "f"): buffer.append(0x0C)
      case UInt8(ascii: "n"): buffer.append(0x0A)
      case UInt8(ascii: "r"): buffer.append(0x0D)
      case UInt8(ascii: "t"): buffer.append(0x09)
      case UInt8(ascii: "u"):
        var scalar = try hex4()
        if (0xD800...0xDBFF).contains(scalar) {
          guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
            bytes[index + 1] == UInt8(ascii: "u")
          else { throw syntaxError("a lone UTF-16 surrogate in a \\u escape") }
          index += 2
          let low = try hex4()
          guard (0xDC00...0xDFFF).contains(low) else {
            throw syntaxError("a lone UTF-16 surrogate in a \\u escape")
          }
          scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        }
        guard let unicode = Unicode.Scalar(scalar) else {
          throw syntaxError("a lone UTF-16 surrogate in a \\u escape")
        }
        buffer.append(contentsOf: Array(String(unicode).utf8))
      default: throw syntaxError("an unknown escape '\\\(Character(Unicode.Scalar(escaped)))'")
      }
    }
    throw syntaxError("a string is not closed")
  }

  private mutating func hex4() throws(LoadProblem) -> UInt32 {
    guard index + 4 <= bytes.count else { throw syntaxError("expected four hex digits after \\u") }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let byte = bytes[index]
      let digit: UInt32
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
      default: throw syntaxError("expected four hex digits after \\u")
      }
      value = value << 4 | digit
      index += 1
    }
    return value
  }
}

/// Reads a JSON Lines file one line at a time, never holding more than one line in memory.
///
/// A line longer than ``InputLimits/lineBytes`` is not held at all: it is skipped up to its
/// end and reported. A UTF-8 byte-order mark at the start of the file is skipped, as in YAML.
/// Used by one thread at a time (the one parsing a stream).
final class JSONLinesReader: @unchecked Sendable {
  let path: String
  private let handle: UnsafeMutablePointer<FILE>
  private let maxLineBytes: Int
  private var chunk: [UInt8]
  private var chunkStart = 0
  private var chunkEnd = 0
  private var line: [UInt8] = []
  private var atEnd = false
  /// The number of the line last read, 1-based.
  private(set) var lineNumber = 0
  /// The bytes of the file read up to the end of the line last read (with its line break).
  private(set) var bytesRead = 0

  /// One line of the file: its bytes, or how long it was when it was over the limit.
  enum Line {
    case bytes(UnsafeBufferPointer<UInt8>)
    case tooLong(bytes: Int)
  }

  /// Opens `path`, or returns nil when it cannot be read.
  init?(path: String, maxLineBytes: Int = InputLimits.lineBytes) {
    guard let handle = fopen(path, "rb") else { return nil }
    self.path = path
    self.handle = handle
    self.maxLineBytes = maxLineBytes
    chunk = [UInt8](repeating: 0, count: 1 << 16)
  }

  deinit {
    fclose(handle)
  }

  /// Calls `body` with the next line (without its line break) and its number, or returns nil
  /// at the end of the file.
  func nextLine<T>(_ body: (Line, Int) throws -> T) rethrows -> T? {
    line.removeAll(keepingCapacity: line.capacity <= 1 << 20)
    var length = 0
    var sawAnything = false
    while true {
      if chunkStart == chunkEnd {
        guard !atEnd else { break }
        let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, handle) }
        if count == 0 {
          atEnd = true
          break
        }
        chunkStart = 0
        chunkEnd = count
        if lineNumber == 0 && !sawAnything && count >= 3 && chunk[0] == 0xEF && chunk[1] == 0xBB
          && chunk[2] == 0xBF
        {
          chunkStart = 3
          bytesRead += 3
        }
      }
      sawAnything = true
      let newline = chunk[chunkStart..<chunkEnd].firstIndex(of: 0x0A)
      let end = newline ?? chunkEnd
      let piece = end - chunkStart
      if length + piece <= maxLineBytes {
        line.append(contentsOf: chunk[chunkStart..<end])
      } else if length <= maxLineBytes {
        line.removeAll()  // over the limit: only its length is kept from here on
      }
      length += piece
      bytesRead += piece + (newline == nil ? 0 : 1)
      chunkStart = newline.map { $0 + 1 } ?? chunkEnd
      if newline != nil { break }
    }
    guard sawAnything else { return nil }
    lineNumber += 1
    if length > maxLineBytes { return try body(.tooLong(bytes: length), lineNumber) }
    var count = line.count
    while count > 0 && line[count - 1] == 0x0D { count -= 1 }
    return try line.withUnsafeBufferPointer { bytes in
      try body(.bytes(UnsafeBufferPointer(rebasing: bytes[0..<count])), lineNumber)
    }
  }
}
