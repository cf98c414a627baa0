// swift-tools-version:6.1
import PackageDescription

/// `.ci/fuzz` sets PARLEY_FUZZ_BUILD to the toolchain's libFuzzer archive (`…fuzzer_no_main…a`):
/// ParleyKit and parley-fuzz are then built with libFuzzer's coverage instrumentation and
/// parley-fuzz is linked with the archive (its own main hands over to libFuzzer's driver).
let fuzzerArchive = Context.environment["PARLEY_FUZZ_BUILD"].flatMap { $0.isEmpty ? nil : $0 }
let fuzzing = fuzzerArchive != nil
let fuzzFlags: [SwiftSetting] = fuzzing ? [.unsafeFlags(["-sanitize=fuzzer"])] : []

let package = Package(
  name: "Parley",
  platforms: [.macOS(.v13)],
  products: [
    .library(name: "ParleyKit", targets: ["ParleyKit"]),
    .executable(name: "parley", targets: ["parley"]),
  ],
  dependencies: [
    .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
    .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
    .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
    .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
    .package(url: "https://github.com/modelcontextprotocol/swift-sdk.git", from: "0.12.1"),
    .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
  ],
  targets: [
    // Core library: the store, the curated-input loader, queries and renderers.
    .target(
      name: "ParleyKit",
      dependencies: [
        .product(name: "GRDB", package: "GRDB.swift"),
        // SQLite's C API, for the loader's hot paths (Support/RawStatement.swift).
        .product(name: "GRDBSQLite", package: "GRDB.swift"),
        .product(name: "Yams", package: "Yams"),
        .product(name: "Mustache", package: "swift-mustache"),
      ],
      exclude: ["Templates"],
      swiftSettings: fuzzFlags,
      plugins: [.plugin(name: "EmbedResourcesPlugin")]
    ),
    // Synthetic corpora at any scale, for `parley generate`, the benchmark and the tests.
    .target(name: "ParleySynthetic", dependencies: ["ParleyKit"]),
    // The HTTP face: JSON API, web pages and loads over Hummingbird, calling ParleyKit only.
    .target(
      name: "ParleyServer",
      dependencies: [
        "ParleyKit",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "Yams", package: "Yams"),
      ]
    ),
    // The MCP face: tools over stdio for a model that writes briefings, calling ParleyKit only.
    .target(
      name: "ParleyMCP",
      dependencies: [
        "ParleyKit",
        .product(name: "MCP", package: "swift-sdk"),
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
    // The command-line tool: one command per file, nothing but argument parsing and printing.
    .executableTarget(
      name: "parley",
      dependencies: [
        "ParleyKit", "ParleySynthetic", "ParleyServer", "ParleyMCP",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // The benchmark: Parley against SQLite itself on synthetic corpora (see BENCHMARKS.md).
    .executableTarget(
      name: "parley-bench",
      dependencies: [
        "ParleyKit", "ParleySynthetic",
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "GRDBSQLite", package: "GRDB.swift"),
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // libFuzzer targets for the query language, curated files and JSON Lines (.ci/fuzz); in an
    // ordinary build, a replayer of saved inputs.
    .executableTarget(
      name: "parley-fuzz", dependencies: ["ParleyKit"],
      swiftSettings: fuzzFlags + (fuzzing ? [.define("PARLEY_FUZZ")] : []),
      linkerSettings: fuzzerArchive.map { [.unsafeFlags([$0]), .linkedLibrary("stdc++")] } ?? []
    ),
    // Build tooling: embeds Schema/*.sql and seeds/* into ParleyKit as Swift source, so the
    // binary carries its schema and seed corpus wherever it is copied.
    .executableTarget(name: "EmbedResources", path: "Sources/EmbedResources"),
    .plugin(
      name: "EmbedResourcesPlugin",
      capability: .buildTool(),
      dependencies: ["EmbedResources"],
      path: "Sources/EmbedResourcesPlugin"
    ),
    // Tests
    // What both test targets share: store fixtures, golden files that fail in record mode, a
    // temporary-directory helper, prerequisites that fail rather than skip under CI=true.
    .target(
      name: "ParleyTestSupport",
      dependencies: ["ParleyKit", .product(name: "GRDB", package: "GRDB.swift")],
      path: "Tests/ParleyTestSupport"
    ),
    .testTarget(
      name: "ParleyKitTests", dependencies: ["ParleyKit", "ParleySynthetic", "ParleyTestSupport"]),
    .testTarget(
      name: "ParleyServerTests",
      dependencies: [
        "parley", "ParleyKit", "ParleyServer", "ParleyMCP", "ParleyTestSupport",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdTesting", package: "hummingbird"),
        .product(name: "MCP", package: "swift-sdk"),
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .testTarget(
      name: "ParleyCLITests",
      dependencies: [
        "parley", "ParleyKit", "ParleySynthetic", "ParleyTestSupport",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
  ],
  swiftLanguageModes: [.v6]
)
