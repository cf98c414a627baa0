extension ParleyStore {
  /// The ids a mistyped `text` most likely meant, closest first.
  ///
  /// An id is close when it is within a few typos of the text, or its last segment is (a slot
  /// typed without its parent), or it contains the text, or its last segment starts as the
  /// text's does. Ids are ranked in that order and by how many typos they are away, so
  /// `ceasefire/energy-infrastructur` suggests `ceasefire/energy-infrastructure` before its
  /// parent `ceasefire`. Only when nothing is close does an id the text starts with (a parent,
  /// longest first) stand in.
  static func closestIds(to text: String, among ids: [String], limit: Int = 5) -> [String] {
    let text = text.lowercased()
    let allowed = text.count >= 4 ? max(2, text.count / 4) : 1
    let lastTyped = text.split(separator: "/").last.map(String.init) ?? text
    var scored: [(id: String, distance: Int)] = []
    for id in Set(ids) {
      let lastSegment = id.split(separator: "/").last.map(String.init) ?? id
      var distance = editDistance(text, id)
      if !text.contains("/"), lastSegment != id {
        distance = min(distance, editDistance(text, lastSegment))
      }
      if distance <= allowed {
        scored.append((id, distance))
      } else if text.count >= 3, id.contains(text) {
        scored.append((id, allowed + 1))
      } else if lastTyped.count >= 3, lastSegment.hasPrefix(lastTyped.prefix(3)) {
        scored.append((id, allowed + 2))
      }
    }
    if scored.isEmpty {
      let parents = Set(ids).filter { $0.count >= 3 && text.hasPrefix($0) }
      return parents.sorted { $0.count > $1.count }.prefix(limit).map { $0 }
    }
    return scored.sorted { ($0.distance, $0.id.count, $0.id) < ($1.distance, $1.id.count, $1.id) }
      .prefix(limit).map(\.id)
  }
}
