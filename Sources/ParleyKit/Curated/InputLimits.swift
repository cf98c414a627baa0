/// The bounds on everything a user can write, so that no input makes Parley use more than a bounded
/// amount of memory or time.
///
/// Each is named, with its value, in the error that enforces it.
public enum InputLimits {
  /// A YAML or JSON file is read whole: at most this many bytes.
  public static let fileBytes = 16 << 20
  /// A line of a JSON Lines stream (one curated file): at most this many bytes.
  ///
  /// A stream itself is read line by line and may be of any size.
  public static let lineBytes = 16 << 20
  /// A document's `text_file`: at most this many bytes.
  public static let textFileBytes = 16 << 20
  /// Mappings and lists inside each other: at most this many levels (curated files use about 8).
  public static let depth = 32
  /// An id (a slug): at most this many characters.
  public static let idCharacters = 200
  /// A quote: at most this many characters, besides its 25 words.
  public static let quoteCharacters = 600
  /// A URL: at most this many characters.
  public static let urlCharacters = 2_000
  /// Any other text (a proposition, a title, a name, a note, a reason, …): at most this many
  /// characters.
  public static let textCharacters = 4_000
  /// How many values (scalars, lists and mappings) one YAML or JSON file may hold.
  public static let nodes = 2_000_000

  /// Parties named on one command line (`compare`, `report --parties`, `brief --parties`).
  public static let namedParties = 50
  /// Issues named on one command line (`report --issues`).
  public static let namedIssues = 200
  /// A `parley query` expression: at most this many characters.
  public static let expressionCharacters = 4_000
  /// A `parley query` expression: at most this many values in all its terms.
  public static let expressionValues = 256
  /// The words of `parley search`.
  public static let searchWords = 64
}

extension Int {
  /// The number with thousands separated by commas, for messages.
  var grouped: String {
    let digits = String(magnitude)
    var result = ""
    for (index, digit) in digits.enumerated() {
      if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
      result.append(digit)
    }
    return (self < 0 ? "-" : "") + result
  }

  /// A byte size in words (`16 MiB`).
  var bytesDescription: String {
    if self >= 1 << 20 && self % (1 << 20) == 0 { return "\(self >> 20) MiB" }
    if self >= 1 << 10 && self % (1 << 10) == 0 { return "\(self >> 10) KiB" }
    return "\(grouped) bytes"
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What kind of file a path names, for messages about files that must be regular files.
enum FileKind: Equatable {
  case missing, regular, folder, fifo, device, socket, other

  init(path: String) {
    var info = stat()
    guard stat(path, &info) == 0 else {
      self = .missing
      return
    }
    switch info.st_mode & S_IFMT {
    case S_IFREG: self = .regular
    case S_IFDIR: self = .folder
    case S_IFIFO: self = .fifo
    case S_IFCHR, S_IFBLK: self = .device
    case S_IFSOCK: self = .socket
    default: self = .other
    }
  }

  /// The size in bytes of a regular file, or nil.
  static func size(path: String) -> Int? {
    var info = stat()
    guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
    return Int(info.st_size)
  }

  /// The kind of file as a noun ("a folder", "a FIFO (named pipe)").
  var noun: String {
    switch self {
    case .missing: "missing"
    case .regular: "a file"
    case .folder: "a folder"
    case .fifo: "a FIFO (named pipe)"
    case .device: "a device"
    case .socket: "a socket"
    case .other: "not a regular file"
    }
  }
}
