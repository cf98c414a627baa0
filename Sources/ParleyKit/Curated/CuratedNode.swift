import Foundation

/// A value of a parsed curated file, YAML or JSON, with the line and column it was written at.
///
/// YAML is read by ``YAMLReader`` and JSON Lines by ``JSONLineParser``, both straight into
/// this form, so both go through the same checks in ``CuratedParser``.
struct SourceNode {
  enum Value {
    /// A scalar's text, and whether it was written plain (unquoted), which is how YAML null
    /// (`null`, `~`, nothing) is told from the text "null".
    case scalar(String, plain: Bool)
    case mapping([(key: SourceNode, value: SourceNode)])
    case sequence([SourceNode])
  }

  var value: Value
  var line: Int
  var column: Int

  init(_ value: Value, line: Int, column: Int) {
    self.value = value
    self.line = line
    self.column = column
  }
}

/// The path of a field in a curated file, such as `documents[0].statements[2].quote`.
///
/// Spelled out only when a problem is reported: a large load reads millions of fields.
final class FieldPath: Sendable {
  let parent: FieldPath?
  let key: String?
  let index: Int

  init(parent: FieldPath?, key: String?, index: Int = 0) {
    self.parent = parent
    self.key = key
    self.index = index
  }

  static let root = FieldPath(parent: nil, key: nil)

  var description: String {
    guard let parent else { return "" }
    let head = parent.description
    if let key { return head.isEmpty ? key : head + "." + key }
    return head + "[\(index)]"
  }
}

/// A node of a parsed curated file, with the path and position needed to report problems.
struct CuratedNode {
  let node: SourceNode
  let file: String
  let path: FieldPath

  init(node: SourceNode, file: String, path: FieldPath = .root) {
    self.node = node
    self.file = file
    self.path = path
  }

  /// The field's path, such as `documents[0].statements[2].quote`.
  var field: String { path.description }

  var location: SourceLocation { place.location }

  /// Where the node is, with its field path spelled out only when asked for.
  var place: SourcePlace {
    SourcePlace(file: file, line: node.line, column: node.column, path: path)
  }

  func problem(_ message: String) -> LoadProblem {
    LoadProblem(location: location, message: message)
  }

  /// Whether the node is YAML null (`null`, `~` or nothing).
  var isNull: Bool {
    guard case .scalar(let text, plain: true) = node.value else { return false }
    return text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
  }

  /// The node as a mapping whose keys are all known, or a problem.
  func mapping(allowedKeys: FieldNames) throws(LoadProblem) -> CuratedMapping {
    guard case .mapping(let mapping) = node.value else {
      throw problem("is \(kindDescription) (expected a mapping of fields)")
    }
    var entries: [(key: String, value: CuratedNode, keyNode: SourceNode)] = []
    entries.reserveCapacity(mapping.count)
    for (keyNode, valueNode) in mapping {
      guard case .scalar(let key, _) = keyNode.value else {
        throw CuratedNode(node: keyNode, file: file, path: path).problem(
          "has a key that is not a plain name")
      }
      let child = CuratedNode(node: valueNode, file: file, path: subfield(key))
      if entries.contains(where: { $0.key == key }) {
        throw CuratedNode(node: keyNode, file: file, path: subfield(key)).problem(
          "appears twice in the same mapping (expected each field once)")
      }
      guard allowedKeys.names.contains(key) else {
        let expected = allowedKeys.names.sorted().joined(separator: ", ")
        throw CuratedNode(node: keyNode, file: file, path: subfield(key)).problem(
          "is not a known field (expected one of: \(expected))")
      }
      entries.append((key, child, keyNode))
    }
    return CuratedMapping(owner: self, entries: entries)
  }

  /// The node as a sequence; null counts as an empty sequence.
  func sequence() throws(LoadProblem) -> [CuratedNode] {
    if isNull { return [] }
    guard case .sequence(let sequence) = node.value else {
      throw problem("is \(kindDescription) (expected a list)")
    }
    return sequence.enumerated().map { index, element in
      CuratedNode(node: element, file: file, path: FieldPath(parent: path, key: nil, index: index))
    }
  }

  /// The node as a non-empty text of at most `maxCharacters` characters; `what` names the
  /// expected value in the message about its length.
  func string(
    maxCharacters: Int = InputLimits.textCharacters, what: String = "a text"
  ) throws(LoadProblem) -> String {
    guard case .scalar(let text, _) = node.value, !isNull else {
      throw problem("is \(kindDescription) (expected a text value)")
    }
    // Bytes first: a text of no more bytes than the limit has no more characters.
    if text.utf8.count > maxCharacters, text.count > maxCharacters {
      throw problem(
        "is \(text.count.grouped) characters long (expected \(what) of at most \(maxCharacters.grouped) characters)"
      )
    }
    // Not whitespace only (usually settled by the first byte: this runs for every value).
    let first = text.utf8.first ?? 0x20
    let settled = first < 0x80 && first != 0x20 && !(0x09...0x0D).contains(first)
    guard settled || text.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) else {
      throw problem("is empty (expected a text value)")
    }
    return text
  }

  /// The node as a slug: lower-case letters, digits, '-' (and '/' between segments when allowed).
  func slug(allowingSlashes: Bool = false) throws(LoadProblem) -> String {
    let text = try string(maxCharacters: InputLimits.idCharacters, what: "an id")
    // Each segment starts with a lower-case ASCII letter or digit and holds only those and '-'
    // (checked on the UTF-8 bytes: this runs for every id of a large load).
    var valid = true
    var segments = 1
    var atSegmentStart = true
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
        atSegmentStart = false
      case UInt8(ascii: "-") where !atSegmentStart: break
      case UInt8(ascii: "/") where !atSegmentStart:
        segments += 1
        atSegmentStart = true
      default: valid = false
      }
      if !valid { break }
    }
    if atSegmentStart { valid = false }
    guard valid, allowingSlashes || segments == 1 else {
      let shape =
        allowingSlashes
        ? "lower-case slug segments separated by '/', such as 'security/nato-membership'"
        : "a lower-case slug of letters, digits and '-', such as 'russia'"
      // A name typed where its id belongs ("Donald Trump"): say what its slug would be.
      let slugged = Self.slugged(text, allowingSlashes: allowingSlashes)
      let looksLikeAName = text.contains { $0.isUppercase || $0.isWhitespace }
      let hint =
        looksLikeAName && !slugged.isEmpty ? "; written as a slug: \(quoted(slugged))" : ""
      throw problem("\(quoted(text)) is not a valid id (expected \(shape)\(hint))")
    }
    return text
  }

  /// `text` made into a slug: lower case, with runs of other characters turned into one '-'
  /// ("Donald Trump" → "donald-trump"); empty when nothing is left.
  static func slugged(_ text: String, allowingSlashes: Bool) -> String {
    var result = ""
    var pendingDash = false
    for character in text.lowercased() {
      if character.isASCII && (character.isLetter || character.isNumber) {
        if pendingDash && !result.isEmpty && result.last != "/" { result.append("-") }
        pendingDash = false
        result.append(character)
      } else if character == "/" && allowingSlashes && !result.isEmpty && result.last != "/" {
        pendingDash = false
        result.append("/")
      } else {
        pendingDash = true
      }
    }
    while result.hasSuffix("/") { result.removeLast() }
    return result
  }

  /// The node as a statement id: a slug, or an importer's id that this file marks as
  /// machine-coded (`machine_coded`), which may hold '.' ("gdelt-2.0-7").
  func statementId(machineCoded: Set<String>) throws(LoadProblem) -> String {
    if !machineCoded.isEmpty, case .scalar(let text, _) = node.value, machineCoded.contains(text) {
      return text
    }
    return try slug()
  }

  /// The node as an importer's id: a slug (see ``slug(allowingSlashes:)``) in which '.' may
  /// stand between two letters or digits ("gdelt-2.0-7").
  func importerId() throws(LoadProblem) -> String {
    let text = try string(maxCharacters: InputLimits.idCharacters, what: "an id")
    func isAlphanumeric(_ byte: UInt8?) -> Bool {
      guard let byte else { return false }
      return (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
        || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
    let bytes = Array(text.utf8)
    var valid = isAlphanumeric(bytes.first)
    for (index, byte) in bytes.enumerated() where valid {
      switch byte {
      case UInt8(ascii: "-"): break
      case UInt8(ascii: "."):
        valid =
          isAlphanumeric(bytes[index - 1])
          && isAlphanumeric(index + 1 < bytes.count ? bytes[index + 1] : nil)
      default: valid = isAlphanumeric(byte)
      }
    }
    guard valid else {
      throw problem(
        "\(quoted(text)) is not a valid id (expected an importer's id of lower-case letters, digits, '-' and '.', such as 'gdelt-2.0-7')"
      )
    }
    return text
  }

  /// The node as a whole number.
  func integer() throws(LoadProblem) -> Int {
    guard case .scalar(let text, _) = node.value, let value = Int(text) else {
      throw problem("is \(kindDescription) (expected a whole number)")
    }
    return value
  }

  /// The node as a date of day, month or year precision.
  func date() throws(LoadProblem) -> PartialDate {
    let text = try string()
    do {
      return try PartialDate(parsing: text)
    } catch {
      throw problem("\(error.description)")
    }
  }

  /// The node as one of an enumeration's raw values.
  func choice<Value: RawRepresentable & CaseIterable>(_: Value.Type) throws(LoadProblem) -> Value
  where Value.RawValue == String {
    let text = try string()
    guard let value = Value(rawValue: text) else {
      let expected = Value.allCases.map(\.rawValue).joined(separator: ", ")
      throw problem("\(quoted(text)) is not allowed here (expected one of: \(expected))")
    }
    return value
  }

  /// A list of texts; a single text counts as a list of one.
  func strings() throws(LoadProblem) -> [String] {
    if case .scalar = node.value, !isNull { return [try string()] }
    var result: [String] = []
    for element in try sequence() { result.append(try element.string()) }
    return result
  }

  /// A list of slugs; a single slug counts as a list of one.
  func slugs(allowingSlashes: Bool = false) throws(LoadProblem) -> [Located<String>] {
    if case .scalar = node.value, !isNull {
      return [Located(value: try slug(allowingSlashes: allowingSlashes), place: place)]
    }
    var result: [Located<String>] = []
    for element in try sequence() {
      result.append(
        Located(value: try element.slug(allowingSlashes: allowingSlashes), place: element.place))
    }
    return result
  }

  private func subfield(_ key: String) -> FieldPath { FieldPath(parent: path, key: key) }

  private var kindDescription: String {
    switch node.value {
    case .mapping: "a mapping"
    case .sequence: "a list"
    case .scalar(let text, _): isNull ? "empty" : "the value \(quoted(text))"
    }
  }
}

/// The fields of a mapping node, looked up by name.
struct CuratedMapping {
  let owner: CuratedNode
  let entries: [(key: String, value: CuratedNode, keyNode: SourceNode)]

  /// A field that must be present and not null.
  func required(_ key: String) throws(LoadProblem) -> CuratedNode {
    guard let value = optional(key) else {
      throw owner.problem("has no '\(key)' field (it is required)")
    }
    return value
  }

  /// A field that may be absent or null.
  func optional(_ key: String) -> CuratedNode? {
    guard let value = entries.first(where: { $0.key == key })?.value, !value.isNull else {
      return nil
    }
    return value
  }

  func optionalString(_ key: String) throws(LoadProblem) -> String? {
    try optional(key)?.string()
  }

  /// A field that must hold an id (a slug), with where it was written.
  func requiredId(_ key: String) throws(LoadProblem) -> Located<String> {
    let node = try required(key)
    return Located(value: try node.slug(), place: node.place)
  }

  /// A field that may hold an id (a slug), with where it was written.
  func optionalId(_ key: String) throws(LoadProblem) -> Located<String>? {
    guard let node = optional(key) else { return nil }
    return Located(value: try node.slug(), place: node.place)
  }
}

/// Where a value was written: file, line and column, and the path of its field.
///
/// Two places are the same when file, line and column are; the field path is spelled out only
/// for a problem's ``location``.
struct SourcePlace: Equatable, Sendable {
  let file: String
  let line: Int
  let column: Int
  let path: FieldPath

  var location: SourceLocation {
    SourceLocation(file: file, line: line, column: column, field: path.description)
  }

  static func == (lhs: SourcePlace, rhs: SourcePlace) -> Bool {
    lhs.line == rhs.line && lhs.column == rhs.column && lhs.file == rhs.file
  }
}

/// A value together with where it was written.
struct Located<Value> {
  var value: Value
  var place: SourcePlace
  var location: SourceLocation { place.location }
}

extension Located: Equatable where Value: Equatable {}
extension Located: Sendable where Value: Sendable {}

extension LoadProblem: Error {}

/// The field names a mapping may hold, built once (a literal set would be hashed anew each time).
struct FieldNames: ExpressibleByArrayLiteral, Sendable {
  let names: Set<String>
  init(arrayLiteral elements: String...) { names = Set(elements) }
}
