/// Where in an input file a value sits: `file:line:column` and the field's path.
public struct SourceLocation: Sendable, Equatable, CustomStringConvertible {
  public var file: String
  public var line: Int
  public var column: Int
  /// The field's path, such as `documents[0].statements[2].quote`.
  public var field: String

  public var description: String { "\(file):\(line):\(column): \(field)" }
}

/// One problem found in curated input.
public struct LoadProblem: Sendable, Equatable, CustomStringConvertible {
  public var location: SourceLocation
  /// What is wrong and what was expected, in one sentence.
  public var message: String

  public var description: String { "\(location): \(message)" }
}

/// Curated input was rejected; nothing was written.
///
/// It lists every problem found, each naming file, line, column, field, value and expectation.
public struct LoadError: Error, Sendable, CustomStringConvertible {
  public var problems: [LoadProblem]

  public init(_ problems: [LoadProblem]) { self.problems = problems }

  public var description: String {
    let shown = problems.prefix(50).map(\.description)
    let more = problems.count > 50 ? ["… and \(problems.count - 50) more problems"] : []
    let count = problems.count == 1 ? "1 problem" : "\(problems.count) problems"
    return (shown + more + ["Nothing was written (\(count))."]).joined(separator: "\n")
  }
}
