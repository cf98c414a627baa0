import Foundation
import ParleyKit

/// Machine-coded records beside the curated seed corpus: a few GDELT 2.0 events about Russia and
/// Ukraine in March 2025, imported as `parley import gdelt` imports them.
extension Fixtures {
  /// A GDELT 2.0 event line (61 tab-separated columns) with the fields the importer reads.
  public static func gdeltRow(
    id: String, date: String = "20250313", actor1: String = "RUS", name1: String = "RUSSIA",
    country1: String = "RUS", actor2: String = "UKR", name2: String = "UKRAINE",
    country2: String = "UKR", code: String, url: String = "https://example.org/a"
  ) -> String {
    var fields = Array(repeating: "", count: 61)
    fields[0] = id
    fields[1] = date
    fields[5] = actor1
    fields[6] = name1
    fields[7] = country1
    fields[15] = actor2
    fields[16] = name2
    fields[17] = country2
    fields[26] = code
    fields[27] = String(code.prefix(3))
    fields[28] = String(code.prefix(2))
    fields[29] = "3"
    fields[30] = "-5.0"
    fields[59] = date + "143000"
    fields[60] = url
    return fields.joined(separator: "\t")
  }

  /// Events that make one machine-coded position of each kind the read commands show: Russia's
  /// threat of sanctions, demand and commitment on the ceasefire and an unconfirmed claim, and
  /// Ukraine's rejection, all held from 12 or 13 March 2025.
  public static let machineCodedEvents: [String] = [
    gdeltRow(id: "9001", code: "1312", url: "https://example.org/threat"),
    gdeltRow(id: "9002", date: "20250312", code: "1056", url: "https://example.org/demand"),
    gdeltRow(id: "9003", code: "0356", url: "https://example.org/commitment"),
    gdeltRow(id: "9004", code: "015", url: "https://example.org/claim"),
    gdeltRow(
      id: "9005", date: "20250312", actor1: "UKR", name1: "UKRAINE", country1: "UKR",
      actor2: "RUS", name2: "RUSSIA", country2: "RUS", code: "1246",
      url: "https://example.org/rejection"),
  ]

  /// Imports ``machineCodedEvents`` into `store` (one revision).
  @discardableResult
  public static func importMachineCoded(into store: ParleyStore) throws -> GdeltImportReport {
    try store.importGdelt([
      (path: "events.tsv", text: machineCodedEvents.joined(separator: "\n") + "\n")
    ])
  }

  /// A store file in a temporary directory holding the seed corpus (r1) and
  /// ``machineCodedEvents`` (r2), at fixed record times; `body` gets its path.
  public static func withMachineCodedStoreFile<T>(_ body: (String) async throws -> T) async throws
    -> T
  {
    try await withTemporaryDirectory { folder in
      let path = folder.appendingPathComponent("store.sqlite").path
      let store = try ParleyStore.openCreatingWithSeed(
        path: path, clock: { Date(timeIntervalSince1970: 1_742_860_800) })
      try importMachineCoded(into: store)
      return try await body(path)
    }
  }

  /// The same store for a synchronous test.
  public static func withMachineCodedStoreFile(_ body: (String) throws -> Void) throws {
    try withTemporaryDirectory { folder in
      let path = folder.appendingPathComponent("store.sqlite").path
      let store = try ParleyStore.openCreatingWithSeed(
        path: path, clock: { Date(timeIntervalSince1970: 1_742_860_800) })
      try importMachineCoded(into: store)
      try body(path)
    }
  }
}
