import Foundation
import ParleyTestSupport

@testable import ParleyKit

/// A small negotiation of its own for the time engine's rules: Alpha weighs a truce, accepts it in
/// principle, then with conditions (a chain of three); halts strikes on energy for 30 days (a term,
/// and a supersession from a broader slot); holds a holiday truce for three days and announces
/// another for a later period in force.
///
/// Beta proposes a force that Alpha rejects.
enum LifecycleFixture {
  static let yaml = """
    parties:
      - {id: alpha, name: Alpha, kind: state}
      - {id: beta, name: Beta, kind: state}
      - {id: gamma, name: Gamma, kind: state}
      - id: ann
        name: Ann Speaker
        kind: person
        affiliations: [{party: alpha, role: Foreign minister, from: 2020-01-01}]
    issues:
      - {id: ceasefire, label: Ceasefire}
      - {id: ceasefire/general, label: General ceasefire}
      - {id: ceasefire/partial, label: Partial truces}
      - {id: ceasefire/partial/energy, label: Energy strikes halt}
      - {id: ceasefire/holiday, label: Holiday truces}
      - {id: security, label: Security}
      - {id: security/foreign-troops, label: Foreign troops}
      - {id: prisoners, label: Prisoners}
    documents:
      - id: d-0312
        title: Alpha weighs the truce
        published: 2025-03-12
        statements:
          - id: s-0312
            speaker: ann
            said: 2025-03-12
            attribution: reported
            quote: "Alpha is studying the plan"
            supports:
              - {id: a-weighs, issue: ceasefire/general, key: thirty-day-truce, proposition: Alpha studies a 30-day truce., kind: consideration, modality: hedged}
              - {id: a-no-partial, issue: ceasefire/partial, key: no-partial-truces, proposition: Alpha rejects any partial truce., kind: rejection}
              - {id: a-no-troops, issue: security/foreign-troops, key: no-foreign-troops, proposition: No foreign troops may be based in Beta., kind: rejection}
      - id: d-0313
        title: Alpha agrees in principle
        published: 2025-03-13
        statements:
          - id: s-0313
            speaker: ann
            said: 2025-03-13
            attribution: reported
            quote: "we agree in principle"
            supports:
              - {id: a-in-principle, issue: ceasefire/general, key: thirty-day-truce, proposition: Alpha accepts the 30-day truce in principle., kind: acceptance, modality: conditional, supersedes: a-weighs}
      - id: d-0318
        title: Alpha names its conditions and halts energy strikes
        published: 2025-03-18
        statements:
          - id: s-0318
            speaker: ann
            said: 2025-03-18
            attribution: reported
            quote: "arms deliveries must stop first"
            supports:
              - id: a-with-conditions
                issue: ceasefire/general
                key: thirty-day-truce
                proposition: Alpha accepts the 30-day truce once its conditions are met.
                kind: acceptance
                modality: conditional
                conditions: [arms deliveries to Beta stop, mobilisation in Beta stops]
                supersedes: a-in-principle
              - {id: a-energy-halt, issue: ceasefire/partial/energy, key: energy-halt, proposition: Alpha halts strikes on energy sites for 30 days., kind: commitment, term_days: 30, supersedes: a-no-partial}
      - id: d-0419
        title: Alpha declares a holiday truce
        published: 2025-04-19
        statements:
          - id: s-0419
            speaker: ann
            said: 2025-04-19
            attribution: reported
            quote: "a truce for the holiday"
            supports:
              - {id: a-holiday-truce, issue: ceasefire/holiday, key: holiday-truce, proposition: Alpha stops fighting over the holiday., kind: commitment, in_force_until: 2025-04-21}
      - id: d-0428
        title: Alpha announces a May truce
        published: 2025-04-28
        statements:
          - id: s-0428
            speaker: ann
            said: 2025-04-28
            attribution: reported
            quote: "a truce from 8 to 10 May"
            supports:
              - {id: a-may-truce, issue: ceasefire/holiday, key: may-truce, proposition: Alpha will stop fighting from 8 to 10 May., kind: commitment, in_force_from: 2025-05-08, in_force_until: 2025-05-10}
      - id: d-beta
        title: Beta proposes a reassurance force
        published: 2025-03-20
        statements:
          - id: s-beta-0320
            on_behalf_of: beta
            said: 2025-03-20
            attribution: reported
            quote: "a force to reassure"
            supports:
              - {id: b-force, issue: security/foreign-troops, key: reassurance-force, proposition: Beta's partners would station a reassurance force in Beta., kind: proposal, contradicts: [a-no-troops]}
    """

  /// A store holding the base parties of ``yaml`` and its facts, loaded in one revision.
  static func store() throws -> ParleyStore {
    let store = try Fixtures.emptyStore()
    try store.load([Fixtures.input(yaml, path: "lifecycle.yaml")])
    return store
  }

  static func day(_ text: String) -> PartialDate { try! PartialDate(parsing: text) }

  /// A position value for the classification rules, with only what they read.
  static func position(
    _ id: String, kind: StanceKind, modality: Modality = .firm, polarity: Polarity = .for,
    issue: String = "ceasefire/general", key: String = "k", proposition: String = "p",
    target: [String] = [], conditions: [String] = []
  ) -> PositionSummary {
    PositionSummary(
      id: id, holder: "alpha", holderName: "Alpha", kind: kind, issue: issue, issueLabel: issue,
      target: target, proposition: proposition, propositionKey: key, polarity: polarity,
      modality: modality, conditions: conditions, validFrom: day("2025-03-01"), validTo: nil,
      status: .active, statusReason: nil, note: nil, evidence: [])
  }
}
