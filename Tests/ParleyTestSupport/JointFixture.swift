import Foundation

extension Fixtures {
  /// A small negotiation of its own for joint and multi-issue positions: Delta and its partner
  /// Epsilon table one counter-proposal on two regions (one record, two holders, two slots);
  /// Epsilon's chancellor restates it; Delta claims a fact that a second outlet reprints.
  public static let jointPositions = """
    parties:
      - {id: delta, name: Delta, kind: state}
      - {id: epsilon, name: Epsilon, kind: state}
      - {id: zeta, name: Zeta, kind: state}
      - id: dora
        name: Dora Speaker
        kind: person
        affiliations: [{party: delta, role: President, from: 2020-01-01}]
      - id: eli
        name: Eli Speaker
        kind: person
        affiliations: [{party: epsilon, role: Chancellor, from: 2020-01-01}]
    issues:
      - {id: borderland, label: Borderland}
      - {id: borderland/north, label: Northern region}
      - {id: borderland/south, label: Southern region}
    documents:
      - id: d-joint
        title: Delta and Epsilon table a counter-proposal
        outlet: Example Wire
        published: 2025-05-02
        statements:
          - id: s-joint
            speaker: dora
            said: 2025-05-02
            attribution: direct
            quote: "talks on both regions start from the current line"
            supports:
              - id: de-line-talks
                issue: borderland/north
                also_on: [borderland/south]
                held_with: [epsilon]
                key: talks-from-line
                proposition: Delta and its partners propose talks on both regions from the front line.
                kind: proposal
          - id: s-claim
            speaker: dora
            said: 2025-05-02
            attribution: direct
            quote: "the southern bridge is back in our hands"
            also_reported_in: [d-eps]
            supports:
              - {id: d-bridge-claim, issue: borderland/south, key: bridge-retaken, proposition: Delta has retaken the southern bridge., kind: claim}
      - id: d-eps
        title: Epsilon restates the common line
        outlet: Example Paper
        url: https://example.org/paper/eps
        published: 2025-05-10
        statements:
          - id: s-eps
            speaker: eli
            said: 2025-05-10
            attribution: direct
            quote: "our common proposal stands"
            supports: [de-line-talks]
    """
}
