/// xoshiro256** seeded through SplitMix64: small, fast and the same on every platform and
/// toolchain (Swift's own random APIs may change their algorithms between releases).
public struct SeededRandom: Sendable {
  private var s: (UInt64, UInt64, UInt64, UInt64)

  public init(seed: UInt64) {
    var x = seed
    func splitMix() -> UInt64 {
      x &+= 0x9E37_79B9_7F4A_7C15
      var z = x
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    s = (splitMix(), splitMix(), splitMix(), splitMix())
  }

  public mutating func next() -> UInt64 {
    let result = ((s.1 &* 5) << 7 | (s.1 &* 5) >> 57) &* 9
    let t = s.1 << 17
    s.2 ^= s.0
    s.3 ^= s.1
    s.1 ^= s.2
    s.0 ^= s.3
    s.2 ^= t
    s.3 = s.3 << 45 | s.3 >> 19
    return result
  }

  /// A number in `0..<bound` (multiply-shift; the tiny bias does not matter here).
  public mutating func below(_ bound: Int) -> Int {
    precondition(bound > 0)
    return Int((UInt64(bound).multipliedFullWidth(by: next())).high)
  }

  /// True with probability `percent / 100` (permille precision via `chance(permille:)`).
  public mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
  public mutating func chance(permille: Int) -> Bool { below(1000) < permille }

  public mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

  public mutating func weighted(_ weights: [Int]) -> Int {
    var roll = below(weights.reduce(0, +))
    for (index, weight) in weights.enumerated() {
      if roll < weight { return index }
      roll -= weight
    }
    return weights.count - 1
  }
}
