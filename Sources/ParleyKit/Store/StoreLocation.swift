import Foundation

/// Where the store file is: `--db PATH`, else `$PARLEY_DB`, else the default location.
public struct StoreLocation: Sendable, Equatable {
  public var path: String
  /// How the path was chosen, for messages.
  public var source: Source

  public enum Source: String, Sendable {
    case option = "--db"
    case environment = "$PARLEY_DB"
    case defaultLocation = "default"
  }

  /// Resolves the store path.
  ///
  /// The default is `$XDG_DATA_HOME/parley/parley.sqlite`, or
  /// `~/.local/share/parley/parley.sqlite` when `XDG_DATA_HOME` is not set.
  public static func resolve(
    option: String?, environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> StoreLocation {
    if let option, !option.isEmpty { return StoreLocation(path: option, source: .option) }
    if let fromEnvironment = environment["PARLEY_DB"], !fromEnvironment.isEmpty {
      return StoreLocation(path: fromEnvironment, source: .environment)
    }
    let dataHome: String
    if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty {
      dataHome = xdg
    } else {
      let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
      dataHome = (home as NSString).appendingPathComponent(".local/share")
    }
    let path = ((dataHome as NSString).appendingPathComponent("parley") as NSString)
      .appendingPathComponent("parley.sqlite")
    return StoreLocation(path: path, source: .defaultLocation)
  }
}
