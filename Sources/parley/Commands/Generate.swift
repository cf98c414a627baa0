import ArgumentParser
import Foundation
import ParleyKit
import ParleySynthetic

extension Parley {
  /// `parley generate --statements 100000 -o corpus.jsonl`: a synthetic corpus for benchmarks.
  struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "generate",
      abstract: "Write a synthetic corpus (JSON Lines, invented parties) for benchmarks and tests.",
      discussion: """
        The same seed and size always give the same bytes. The corpus names only invented \
        parties and loads with 'parley load FILE.jsonl'; see BENCHMARKS.md for its shape.
        """)

    @Option(help: "How many statements to generate.")
    var statements = 10_000

    @Option(help: "The seed of the random sequence.")
    var seed: UInt64 = 1

    @Option(
      name: .shortAndLong, help: ArgumentHelp("The file to write (.jsonl).", valueName: "path"))
    var output: String

    func validate() throws {
      if statements < 1 { throw ValidationError("'--statements' must be at least 1.") }
      if !ParleyStore.isStream(path: output) {
        throw ValidationError(
          "'--output \(output)' must end in .jsonl, the form 'parley load' streams.")
      }
    }

    func run() throws {
      let summary = try SyntheticCorpus(statements: statements, seed: seed).write(toFile: output)
      emit(
        "Wrote \(output): \(summary.lines) lines, \(summary.documents) documents, \(summary.statements) statements, \(summary.positions) positions (\(summary.supersessions) superseding), \(summary.restatements) restatements, \(summary.withdrawals) withdrawals, \(summary.deprecations) deprecations.\n"
      )
    }
  }
}
