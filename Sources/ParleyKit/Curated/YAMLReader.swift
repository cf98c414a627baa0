import CYaml
import Foundation

/// Reads a YAML (or JSON) file into a ``SourceNode`` tree straight from libyaml's events.
///
/// Yams' composer expands aliases as it goes and compares mapping keys by hashing whole
/// subtrees, so a few hundred bytes of aliases ("billion laughs") take gigabytes and minutes
/// before a single node could be looked at. This reader sees each event before anything is
/// built, and refuses what curated files have no use for at the place it is written: anchors
/// and aliases, nesting deeper than ``InputLimits/depth``, more than ``InputLimits/nodes``
/// values, more than one document. libyaml's own messages are reworded where they name its
/// internals.
struct YAMLReader {
  /// Parses `text`; nil when the file holds no document (empty, or only comments).
  static func read(_ text: String, path: String) throws(LoadProblem) -> SourceNode? {
    var bytes = Array(text.utf8)
    // A byte-order mark is not part of the text (JSON Lines skip it the same way).
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
    let result: Result<SourceNode?, LoadProblem> = bytes.withUnsafeBufferPointer { buffer in
      var reader = YAMLReader(path: path, bytes: buffer)
      do throws(LoadProblem) {
        return .success(try reader.document())
      } catch {
        return .failure(error)
      }
    }
    return try result.get()
  }

  // MARK: - Private

  private let path: String
  private let bytes: UnsafeBufferPointer<UInt8>
  private var parser = yaml_parser_t()
  private var nodes = 0

  private init(path: String, bytes: UnsafeBufferPointer<UInt8>) {
    self.path = path
    self.bytes = bytes
  }

  /// libyaml's own bound on nesting (a process-wide setting), set once: it stops reading
  /// `[[[[…` at the limit rather than after the whole run of brackets.
  private static let nestingBound: Void = { yaml_set_max_nest_level(Int32(InputLimits.depth)) }()

  private mutating func document() throws(LoadProblem) -> SourceNode? {
    Self.nestingBound
    yaml_parser_initialize(&parser)
    defer { yaml_parser_delete(&parser) }
    yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
    // libyaml reads from the pointer as it parses; `bytes` outlives this call.
    yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)
    var event = try next()  // stream start
    event.delete()
    event = try next()
    if event.type == YAML_STREAM_END_EVENT {
      event.delete()
      return nil
    }
    event.delete()  // document start
    let root = try node(from: try next(), depth: 1)
    try next().delete()  // document end
    let after = try next()
    defer { after.delete() }
    if after.type != YAML_STREAM_END_EVENT {
      throw problem(
        at: after.mark,
        "holds a second YAML document (expected one document per file; remove the '---' line or split the file)"
      )
    }
    return root
  }

  /// Builds the node that starts with `event`, consuming the events up to its end.
  private mutating func node(from event: Event, depth: Int) throws(LoadProblem) -> SourceNode {
    defer { event.delete() }
    nodes += 1
    if nodes > InputLimits.nodes {
      throw problem(
        at: event.mark,
        "holds more than \(InputLimits.nodes.grouped) values (expected at most \(InputLimits.nodes.grouped) in one file; split it, or write a .jsonl stream)"
      )
    }
    let mark = event.mark
    switch event.type {
    case YAML_ALIAS_EVENT:
      let name = event.raw.data.alias.anchor.map { String(cString: $0) } ?? ""
      throw problem(
        at: mark,
        "is a YAML alias '*\(name)' (expected the value written out: curated files may not use anchors and aliases)"
      )
    case YAML_SCALAR_EVENT:
      let scalar = event.raw.data.scalar
      try refuseAnchor(scalar.anchor, at: mark)
      let text = String(
        decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
      return SourceNode(
        .scalar(text, plain: scalar.style == YAML_PLAIN_SCALAR_STYLE), line: mark.line,
        column: mark.column)
    case YAML_SEQUENCE_START_EVENT:
      try refuseAnchor(event.raw.data.sequence_start.anchor, at: mark)
      try checkDepth(depth, at: mark)
      var elements: [SourceNode] = []
      while true {
        let next = try next()
        if next.type == YAML_SEQUENCE_END_EVENT {
          next.delete()
          break
        }
        elements.append(try node(from: next, depth: depth + 1))
      }
      return SourceNode(.sequence(elements), line: mark.line, column: mark.column)
    case YAML_MAPPING_START_EVENT:
      try refuseAnchor(event.raw.data.mapping_start.anchor, at: mark)
      try checkDepth(depth, at: mark)
      var entries: [(key: SourceNode, value: SourceNode)] = []
      while true {
        let next = try next()
        if next.type == YAML_MAPPING_END_EVENT {
          next.delete()
          break
        }
        let key = try node(from: next, depth: depth + 1)
        let value = try node(from: try self.next(), depth: depth + 1)
        entries.append((key, value))
      }
      return SourceNode(.mapping(entries), line: mark.line, column: mark.column)
    default:
      throw problem(at: mark, "is not valid YAML: an unexpected event")
    }
  }

  private func refuseAnchor(_ anchor: UnsafeMutablePointer<yaml_char_t>?, at mark: Mark)
    throws(LoadProblem)
  {
    guard let anchor else { return }
    throw problem(
      at: mark,
      "has a YAML anchor '&\(String(cString: anchor))' (expected the value written out: curated files may not use anchors and aliases)"
    )
  }

  private func checkDepth(_ depth: Int, at mark: Mark) throws(LoadProblem) {
    guard depth > InputLimits.depth else { return }
    throw problem(
      at: mark,
      "is nested more than \(InputLimits.depth) levels deep (expected at most \(InputLimits.depth) levels of lists and mappings)"
    )
  }

  /// The next event, or the syntax problem libyaml found.
  private mutating func next() throws(LoadProblem) -> Event {
    let event = Event()
    guard yaml_parser_parse(&parser, &event.raw) == 1 else {
      throw syntaxProblem()
    }
    return event
  }

  private func syntaxProblem() -> LoadProblem {
    let problemText = parser.problem.map { String(cString: $0) } ?? "an error"
    switch parser.error {
    case YAML_READER_ERROR:
      let (line, column) = position(ofByte: parser.problem_offset)
      let what =
        problemText.contains("control characters")
        ? "a control character (expected printable text; write it escaped in a double-quoted string)"
        : problemText.contains("UTF-8")
          ? "bytes that are not UTF-8 (expected UTF-8 text)" : problemText
      return LoadProblem(
        location: SourceLocation(file: path, line: line, column: column, field: "(syntax)"),
        message: "is not valid YAML: \(what)")
    case YAML_SCANNER_ERROR, YAML_PARSER_ERROR:
      let mark = Mark(parser.problem_mark)
      if problemText.contains("nesting level")
        || (parser.context.map { String(cString: $0) } ?? "").contains("nesting level")
      {
        return problem(
          at: mark,
          "is nested more than \(InputLimits.depth) levels deep (expected at most \(InputLimits.depth) levels of lists and mappings)"
        )
      }
      var detail = Self.reworded(problemText)
      if let context = parser.context {
        let contextMark = Mark(parser.context_mark)
        detail +=
          " \(Self.reworded(String(cString: context))) that began at line \(contextMark.line), column \(contextMark.column)"
      }
      return LoadProblem(
        location: SourceLocation(
          file: path, line: mark.line, column: mark.column, field: "(syntax)"),
        message: "is not valid YAML: \(detail)")
    default:
      return LoadProblem(
        location: SourceLocation(file: path, line: 1, column: 1, field: "(syntax)"),
        message: "is not valid YAML: it could not be read (\(Self.reworded(problemText)))")
    }
  }

  /// libyaml's words, without the names of its functions.
  private static func reworded(_ text: String) -> String {
    if let range = text.range(of: ", set with") ?? text.range(of: " (set with") {
      return String(text[..<range.lowerBound])
    }
    return text
  }

  /// The line and column (in characters, from 1) of a byte offset.
  private func position(ofByte offset: Int) -> (Int, Int) {
    var line = 1
    var column = 1
    for index in 0..<min(offset, bytes.count) {
      let byte = bytes[index]
      if byte == 0x0A {
        line += 1
        column = 1
      } else if byte & 0xC0 != 0x80 {
        column += 1
      }
    }
    return (line, column)
  }

  private func problem(at mark: Mark, _ message: String) -> LoadProblem {
    LoadProblem(
      location: SourceLocation(file: path, line: mark.line, column: mark.column, field: "(syntax)"),
      message: message)
  }

  /// A libyaml event, deleted by whoever consumes it.
  private final class Event {
    var raw = yaml_event_t()
    private var deleted = false

    var type: yaml_event_type_t { raw.type }
    var mark: Mark { Mark(raw.start_mark) }

    func delete() {
      guard !deleted else { return }
      deleted = true
      yaml_event_delete(&raw)
    }

    deinit { delete() }
  }

  /// A 1-based line and column.
  private struct Mark {
    var line: Int
    var column: Int

    init(_ mark: yaml_mark_t) {
      line = mark.line + 1
      column = mark.column + 1
    }
  }
}
