/// A plain-text table: aligned columns under a header, each row optionally followed by indented
/// detail lines.
struct TextTable {
  var headers: [String]
  private var rows: [(cells: [String], details: [String])] = []

  init(headers: [String]) { self.headers = headers }

  mutating func addRow(_ cells: [String], details: [String] = []) {
    rows.append((cells, details))
  }

  func render(detailIndent: Int = 4) -> String {
    var widths = headers.map(\.count)
    for row in rows {
      for (index, cell) in row.cells.enumerated() where index < widths.count {
        widths[index] = max(widths[index], cell.count)
      }
    }
    func line(_ cells: [String]) -> String {
      var parts: [String] = []
      for (index, cell) in cells.enumerated() {
        let isLast = index == cells.count - 1
        parts.append(
          isLast ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0))
      }
      return parts.joined(separator: "  ").trimmingTrailingSpaces()
    }
    var lines = [line(headers)]
    let indent = String(repeating: " ", count: detailIndent)
    for row in rows {
      lines.append(line(row.cells))
      lines += row.details.map { indent + $0 }
    }
    return lines.joined(separator: "\n")
  }
}

extension String {
  func trimmingTrailingSpaces() -> String {
    var result = self
    while result.last == " " { result.removeLast() }
    return result
  }
}
