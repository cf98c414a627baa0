import Foundation
import Yams

/// Files built into the binary (from `Schema/`, `seeds/` and `Templates/`) that other faces serve.
public enum ParleyResources {
  /// The text of an embedded file by its path ("Schema/openapi.yaml"), or nil.
  public static func text(_ path: String) -> String? {
    EmbeddedResources.files.first { $0.path == path }?.text
  }

  /// `Schema/openapi.yaml` as JSON (sorted keys), for `GET /api/openapi.json`.
  public static func openAPIJSON() throws -> Data {
    guard let yaml = text("Schema/openapi.yaml"), let object = try Yams.load(yaml: yaml) else {
      return Data("{}".utf8)
    }
    return try JSONSerialization.data(
      withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
  }
}
