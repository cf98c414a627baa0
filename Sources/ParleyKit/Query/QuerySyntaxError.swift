/// A query expression that cannot be read: where, and what was expected there.
///
/// Its description shows the expression with a caret under the offending column:
///
/// ```text
/// holder:russia knd:demand
///               ^ column 15: unknown field 'knd' (expected one of: holder, target, kind, …)
/// ```
public struct QuerySyntaxError: Error, Equatable, CustomStringConvertible {
  /// The whole expression, as typed.
  public var expression: String
  /// The offending column, counted in characters from 1 (one past the end for "expected more").
  public var column: Int
  /// What is wrong and what was expected, without the position.
  public var message: String

  public init(expression: String, column: Int, message: String) {
    self.expression = expression
    self.column = column
    self.message = message
  }

  public var description: String {
    // Line breaks would put the caret under the wrong line; tabs are kept so it lines up.
    let line = String(expression.map { $0.isNewline ? " " : $0 })
    let indent = String(line.prefix(max(0, column - 1)).map { $0 == "\t" ? "\t" : " " })
    return "\(line)\n\(indent)^ column \(column): \(message)"
  }
}
