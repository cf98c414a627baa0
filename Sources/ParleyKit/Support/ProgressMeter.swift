import Foundation

/// A progress line for long work on standard error, in words a person reads at a glance.
///
/// The library only formats the line and hands it to an injected sink; whether anything is
/// shown at all (standard error is a terminal) is the caller's decision. Nothing is shown until
/// the work has run for `delay` seconds (so small inputs stay silent), then at most once every
/// `interval` seconds. Each line starts with a carriage return and is padded to erase the one
/// before; ``finish()`` ends it with a newline, if a line was shown.
public final class ProgressMeter: @unchecked Sendable {
  /// How far the work has gone.
  public struct Update: Sendable, Equatable {
    /// Input lines (or rows) read so far.
    public var lines: Int
    /// Records made so far (statements, events).
    public var records: Int
    /// Records per second since the start.
    public var recordsPerSecond: Double
    /// Seconds left, estimated from the bytes read and the input's size, when it is known.
    public var secondsLeft: Double?
  }

  private let lock = NSLock()
  private let unit: String
  private let totalBytes: Int?
  private let clock: @Sendable () -> Date
  private let delay: TimeInterval
  private let interval: TimeInterval
  private let sink: @Sendable (String) -> Void
  private let started: Date
  private var lastShown: Date?
  private var shownWidth = 0
  private var latest: Update?

  /// A meter for work on `totalBytes` of input (nil when not known), counting `unit` ("rows",
  /// "statements").
  public init(
    unit: String, totalBytes: Int?, delay: TimeInterval = 1, interval: TimeInterval = 0.25,
    clock: @escaping @Sendable () -> Date = { Date() },
    sink: @escaping @Sendable (String) -> Void
  ) {
    self.unit = unit
    self.totalBytes = totalBytes
    self.delay = delay
    self.interval = interval
    self.clock = clock
    self.sink = sink
    started = clock()
  }

  /// Records how far the work has gone (totals so far), and shows it if it is time to.
  public func advance(lines: Int, records: Int, bytes: Int) {
    lock.lock()
    defer { lock.unlock() }
    let now = clock()
    let elapsed = now.timeIntervalSince(started)
    let rate = elapsed > 0 ? Double(records) / elapsed : 0
    var left: Double?
    if let totalBytes, bytes > 0, elapsed > 0 {
      left = max(0, Double(totalBytes - bytes) * elapsed / Double(bytes))
    }
    let update = Update(lines: lines, records: records, recordsPerSecond: rate, secondsLeft: left)
    latest = update
    guard elapsed >= delay else { return }
    if let lastShown, now.timeIntervalSince(lastShown) < interval { return }
    lastShown = now
    show(update)
  }

  /// Ends the line with the final figures and a newline, if a line was shown.
  public func finish() {
    lock.lock()
    defer { lock.unlock() }
    guard lastShown != nil, var update = latest else { return }
    update.secondsLeft = totalBytes == nil ? nil : 0
    show(update)
    sink("\n")
    lastShown = nil
  }

  /// The text of a progress line: "1,200,000 lines read, 20,512 statements/s, 0:42 left".
  public static func describe(_ update: Update, unit: String) -> String {
    var text =
      "\(update.lines.grouped) lines read, \(Int(update.recordsPerSecond.rounded()).grouped) \(unit)/s"
    if let left = update.secondsLeft {
      let seconds = Int(left.rounded())
      let clock =
        seconds >= 3600
        ? String(format: "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
        : String(format: "%d:%02d", seconds / 60, seconds % 60)
      text += ", \(clock) left"
    }
    return text
  }

  private func show(_ update: Update) {
    let text = Self.describe(update, unit: unit)
    let width = text.count
    let padding = String(repeating: " ", count: max(0, shownWidth - width))
    shownWidth = width
    sink("\r" + text + padding)
  }
}
