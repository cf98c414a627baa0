/// The words of one read question as a face received them: query parameters of `parley serve`,
/// arguments of an MCP tool call.
///
/// Names are the CLI's option names without the dashes (`as-of`, `known-at`, `show-restatements`);
/// `as_of` is read as `as-of`.
///
/// Every face turns its input into these arguments and asks ``ParleyStore/answer(_:_:)``, so
/// the HTTP API, the MCP tools and the web pages answer with the same library calls the CLI
/// makes, and a value a face cannot use is refused in the same words.
public struct QuestionArguments: Sendable {
  /// The values given under each name, in the order given.
  public private(set) var values: [String: [String]] = [:]
  /// How a message quotes a value the user gave: `'as-of=2025-02-30'` over HTTP,
  /// `'as_of: 2025-02-30'` to a model, `'--as-of 2025-02-30'` on the command line.
  public var quote: @Sendable (_ name: String, _ value: String) -> String

  public init(
    quote: @escaping @Sendable (_ name: String, _ value: String) -> String = { "'\($0)=\($1)'" }
  ) {
    self.quote = quote
  }

  /// Arguments from name and value pairs (repeated names keep every value).
  public init(
    _ pairs: [(String, String)],
    quote: @escaping @Sendable (_ name: String, _ value: String) -> String = { "'\($0)=\($1)'" }
  ) {
    self.init(quote: quote)
    for (name, value) in pairs { add(name, value) }
  }

  /// Adds one value under `name`.
  public mutating func add(_ name: String, _ value: String) {
    values[Self.canonical(name), default: []].append(value)
  }

  /// The name as the CLI spells its option, without the dashes.
  public static func canonical(_ name: String) -> String {
    name.replacingOccurrences(of: "_", with: "-").lowercased()
  }

  /// The one value of `name`, or nil; a second value is a usage error.
  public func string(_ name: String) throws -> String? {
    guard let given = values[name], let first = given.first else { return nil }
    if given.count > 1 {
      throw QuestionError.usage(
        "\(quote(name, given[1])): '\(name)' is given \(given.count) times; give it once.",
        parameter: name)
    }
    return first
  }

  /// The one value of `name`, which the question needs.
  public func required(_ name: String, example: String) throws -> String {
    guard let value = try string(name), !value.allSatisfy(\.isWhitespace) else {
      throw QuestionError.usage("Give '\(name)', e.g. \(quote(name, example)).", parameter: name)
    }
    return value
  }

  /// Every value of `name`, a comma-separated value counting as several.
  public func list(_ name: String) -> [String] {
    (values[name] ?? []).flatMap { $0.split(separator: ",") }
      .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
  }

  /// A flag: absent is false; present with no value, `true`, `1` or `yes` is true.
  public func flag(_ name: String) throws -> Bool {
    guard let value = try string(name) else { return false }
    switch value.lowercased() {
    case "", "true", "1", "yes": return true
    case "false", "0", "no": return false
    default:
      throw QuestionError.usage(
        "\(quote(name, value)): expected true or false.", parameter: name)
    }
  }

  /// A whole number of `name`, or `default`.
  public func integer(_ name: String, default fallback: Int) throws -> Int {
    guard let value = try string(name) else { return fallback }
    guard let number = Int(value) else {
      throw QuestionError.usage("\(quote(name, value)): expected a whole number.", parameter: name)
    }
    return number
  }

  /// A date of `name` (`YYYY-MM-DD`, `YYYY-MM`, `YYYY` or `today`), or nil.
  public func date(_ name: String) throws -> PartialDate? {
    guard let text = try string(name) else { return nil }
    if text == "today" { return PartialDate.today() }
    do {
      return try PartialDate(parsing: text)
    } catch {
      throw QuestionError.badDate("\(quote(name, text)): \(error.description).", parameter: name)
    }
  }

  /// Refuses names the question does not take, naming those it does.
  public func allowOnly(_ names: [String], in command: String) throws {
    let unknown = values.keys.filter { !names.contains($0) }.sorted()
    guard let first = unknown.first else { return }
    throw QuestionError.usage(
      "'\(command)' takes no '\(first)'; it takes: \(names.joined(separator: ", ")).",
      parameter: first)
  }
}

/// A question that cannot be asked as given: a value of the wrong form, a missing or
/// contradictory one. (Names that match nothing are ``QueryError``s.)
public enum QuestionError: Error, Equatable, CustomStringConvertible {
  /// A value that is missing, repeated, of the wrong form, or that cannot be combined.
  case usage(String, parameter: String?)
  /// A date that is not one.
  case badDate(String, parameter: String)

  public var description: String {
    switch self {
    case .usage(let message, _), .badDate(let message, _): message
    }
  }

  /// The parameter at fault, when one is.
  public var parameter: String? {
    switch self {
    case .usage(_, let parameter): parameter
    case .badDate(_, let parameter): parameter
    }
  }
}
