import Foundation
import PackagePlugin

/// Generates `EmbeddedResources.swift` for a target from the package's `Schema/` and `seeds/`
/// folders and the target's own `Templates/` folder.
///
/// The generated file holds every migration and seed file as a string, so the built binary needs
/// no resource bundle beside it and works from any directory.
@main
struct EmbedResourcesPlugin: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
    let packageDirectory = context.package.directoryURL
    let folders =
      ["Schema", "seeds"].map { packageDirectory.appending(path: $0) }
      + [target.directoryURL.appending(path: "Templates")]
    var inputs: [URL] = []
    for folder in folders {
      inputs += Self.files(under: folder)
    }
    let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedResources.swift")
    let tool = try context.tool(named: "EmbedResources")
    return [
      .buildCommand(
        displayName: "Embedding Schema/ and seeds/ into \(target.name)",
        executable: tool.url,
        arguments: [output.path] + folders.map(\.path),
        inputFiles: inputs + folders,
        outputFiles: [output]
      )
    ]
  }

  /// Every regular file below `folder`, sorted by path.
  static func files(under folder: URL) -> [URL] {
    guard
      let enumerator = FileManager.default.enumerator(
        at: folder, includingPropertiesForKeys: [.isRegularFileKey])
    else { return [] }
    var result: [URL] = []
    for case let url as URL in enumerator {
      if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
        result.append(url)
      }
    }
    return result.sorted { $0.path < $1.path }
  }
}
