extension LoadError {
  /// One problem with an input file that is not curated YAML (a document, an event export):
  /// `file:line:column: field: message`, reported like the loader's, exit code 65.
  public static func input(
    _ path: String, line: Int = 1, column: Int = 1, field: String = "(file)", _ message: String
  ) -> LoadError {
    LoadError([
      LoadProblem(
        location: SourceLocation(file: path, line: line, column: column, field: field),
        message: message)
    ])
  }
}
