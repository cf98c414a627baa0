import Foundation
import ParleyKit
import ParleyTestSupport
import Testing

@testable import parley

/// Every bad input of the corpus is refused with its message and exit 65, and the store file is
/// left byte for byte as it was.
struct BadInputCorpusTests {
  @Test func theCorpusHoldsFiftyDistinctMistakes() {
    #expect(BadInput.all.count >= 50)
    #expect(Set(BadInput.all.map(\.name)).count == BadInput.all.count)
  }

  @Test(arguments: BadInput.all)
  func aBadInputIsRefusedWithItsMessageAndTheStoreIsUnchanged(input: BadInput) throws {
    try withTemporaryFolder { folder in
      let store = folder.appendingPathComponent("store.sqlite")
      try SeededStoreTemplate.bytes.write(to: store)
      for (name, content) in input.files {
        try BadInputFiles.make(content, at: folder.appendingPathComponent(name).path)
      }
      let before = try Data(contentsOf: store)
      let paths = input.load.map { folder.appendingPathComponent($0).path }
      let result = runParley(["load"] + paths + input.options + ["--db", store.path])
      #expect(result.exitCode == 65, "\(result.errors)")
      for line in input.expected {
        let expected = line.replacingOccurrences(of: "$DIR", with: folder.path)
        #expect(result.errors.contains(expected), "\(result.errors.prefix(2000))")
      }
      #expect(
        result.errors.hasSuffix("Nothing was written (1 problem).\n")
          || result.errors.contains("Nothing was written ("))
      #expect(result.output.isEmpty)
      #expect(try Data(contentsOf: store) == before)
      #expect(!FileManager.default.fileExists(atPath: store.path + "-wal"))
    }
  }
}

/// The bytes of a store holding the seed corpus, made once.
enum SeededStoreTemplate {
  static let bytes: Data = {
    try! Fixtures.withTemporaryDirectory { folder in
      let path = folder.appendingPathComponent("store.sqlite").path
      _ = try ParleyStore.openCreatingWithSeed(path: path)
      return try Data(contentsOf: URL(fileURLWithPath: path))
    }
  }()
}

enum BadInputFiles {
  static func make(_ content: BadInput.Content, at path: String) throws {
    switch content {
    case .text(let text): try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    case .bytes(let bytes): try Data(bytes).write(to: URL(fileURLWithPath: path))
    case .sparse(let size):
      FileManager.default.createFile(atPath: path, contents: nil)
      let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
      try handle.truncate(atOffset: UInt64(size))
      try handle.close()
    case .folder:
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    case .fifo: #expect(mkfifo(path, 0o600) == 0)
    case .link(let target):
      try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: target)
    }
  }
}
