// The JSON contract's encoding policy, in one place.
//
// README, "The JSON contract": keys are snake_case and sorted, dates are written as text
// (`2025-03-14`, `2025-03` or `2025`), and optional values are present as `null`, never left
// out (fields are only ever added). Swift's synthesized `Encodable` leaves a nil optional out,
// so every optional of an answer type is marked `@ExplicitNull`; with that and an encodable
// `PartialDate`, answer types use synthesized encoding. The few that still write `encode(to:)`
// by hand add derived fields (a date's precision, a count) and say so.

/// An optional that is encoded as `null` when absent instead of being left out (the JSON
/// contract's rule; see the top of this file).
@propertyWrapper
public struct ExplicitNull<Value> {
  public var wrappedValue: Value?

  public init(wrappedValue: Value?) { self.wrappedValue = wrappedValue }
}

extension ExplicitNull: Sendable where Value: Sendable {}
extension ExplicitNull: Equatable where Value: Equatable {}

extension ExplicitNull: Encodable where Value: Encodable {
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    if let value = wrappedValue {
      try container.encode(value)
    } else {
      try container.encodeNil()
    }
  }
}

/// A date is written as its text, `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; its precision, where the
/// contract gives it, is a field of its own (`valid_from_precision`, `date_precision`).
extension PartialDate: Encodable {
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}
