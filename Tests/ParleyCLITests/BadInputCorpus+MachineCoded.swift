import Foundation

/// Bad `machine_coded` and `imported_events` sections: the records an importer made, as an
/// export writes them, are checked like every other record.
extension BadInput {
  /// A statement with an importer's id ("gdelt-2.0-7"), marked as machine-coded, supporting
  /// a new machine-coded position; `event` is added to its `imported_events` entry.
  static func machineCodedDocument(mark source: String = "gdelt-2.0", event: String = "")
    -> String
  {
    """
    documents:
      - id: gdelt-url-example
        title: Source of GDELT events
        published: 2025-03-12
        statements:
          - id: gdelt-2.0-7
            speaker: null
            on_behalf_of: alpha
            said: 2025-03-12
            attribution: reported
            supports:
              - {id: gdelt-20250312-120-alpha-beta, issue: trade, key: cameo-120-beta-20250312, proposition: "Machine-coded.", kind: rejection, target: [beta]}
    machine_coded:
      - {record: document, id: gdelt-url-example, source: gdelt-2.0}
      - {record: statement, id: gdelt-2.0-7, source: \(source)}
      - {record: position, id: gdelt-20250312-120-alpha-beta, source: gdelt-2.0}
    imported_events:
      - source: gdelt-2.0
        event_id: "7"
        statement: gdelt-2.0-7
        position: gdelt-20250312-120-alpha-beta
        event_code: "120"
        root_code: "12"
        actor1: ALP
        event_date: 2025-03-12
        date_added: "20250312143000"
    \(event)
    """
  }

  static let machineCoded: [BadInput] = [
    yaml(
      "a hand-written statement id with '.' that no mark names",
      replacing("      - id: st-1\n", "      - id: st-1.0\n"),
      expect:
        "documents[0].statements[0].id: 'st-1.0' is not a valid id (expected a lower-case slug of letters, digits and '-', such as 'russia')"
    ),
    yaml(
      "an importer's id with '.' at its end",
      "machine_coded:\n  - {record: statement, id: gdelt-2.0., source: gdelt-2.0}\n",
      expect:
        "machine_coded[0].id: 'gdelt-2.0.' is not a valid id (expected an importer's id of lower-case letters, digits, '-' and '.', such as 'gdelt-2.0-7')"
    ),
    yaml(
      "a mark that would make a stored curated statement machine-coded",
      "machine_coded:\n  - {record: statement, id: st-0312-01, source: gdelt-2.0}\n",
      expect:
        "machine_coded[0].id: statement 'st-0312-01' is already in the store as a curated record (expected a record this load defines: a stored curated record is never made machine-coded)"
    ),
    yaml(
      "a mark for a record the load does not define",
      "machine_coded:\n  - {record: position, id: nowhere-1, source: gdelt-2.0}\n",
      expect:
        "machine_coded[0].id: 'nowhere-1' is not a position defined in this load (expected the id of a position this load defines)"
    ),
    yaml(
      "a machine-coded source no importer writes",
      machineCodedDocument(mark: "gdelt-3.0"),
      expect:
        "machine_coded[1].source: 'gdelt-3.0' is not allowed here (expected one of: gdelt-1.0, gdelt-2.0)"
    ),
    yaml(
      "an imported event of a curated statement and position",
      document()
        + """
        imported_events:
          - {source: gdelt-2.0, event_id: "7", statement: st-1, position: alpha-open-ports, event_code: "100", root_code: "10", actor1: ALP, event_date: 2025-03-12, date_added: "20250312143000"}

        """,
      expect:
        "imported_events[0].statement: statement 'st-1' is not machine-coded (expected a statement that 'machine_coded' marks with source 'gdelt-2.0')",
      "imported_events[0].position: position 'alpha-open-ports' is not machine-coded (expected a position that 'machine_coded' marks with source 'gdelt-2.0')"
    ),
    yaml(
      "a CAMEO event code that is not digits",
      machineCodedDocument().replacingOccurrences(
        of: "event_code: \"120\"", with: "event_code: \"12a\""),
      expect:
        "$DIR/in.yaml:31:17: imported_events[0].event_code: '12a' is not allowed here (expected a CAMEO event code: digits, such as '043')"
    ),
    yaml(
      "a Goldstein score off the scale",
      machineCodedDocument(event: "    goldstein: 42"),
      expect:
        "imported_events[0].goldstein: '42' is not a Goldstein score (expected a number from -10 to 10, such as -4.0)"
    ),
    yaml(
      "an event dated to a month",
      machineCodedDocument().replacingOccurrences(
        of: "event_date: 2025-03-12", with: "event_date: 2025-03"),
      expect:
        "imported_events[0].event_date: '2025-03' is not a day (expected the event's day, YYYY-MM-DD)"
    ),
    jsonl(
      "an importer's id marked only on a later line of a stream",
      [
        jsonParties, jsonDocument(statement: "gdelt-2.0-9"),
        #"{"machine_coded": [{"record": "statement", "id": "gdelt-2.0-9", "source": "gdelt-2.0"}]}"#,
      ],
      expect:
        "documents[0].statements[0].id: 'gdelt-2.0-9' is not a valid id (expected a lower-case slug of letters, digits and '-', such as 'russia')"
    ),
    yaml(
      "the same event twice",
      machineCodedDocument(
        event:
          "  - {source: gdelt-2.0, event_id: \"7\", statement: gdelt-2.0-7, position: gdelt-20250312-120-alpha-beta, event_code: \"120\", root_code: \"12\", actor1: ALP, event_date: 2025-03-12, date_added: \"20250312143000\"}"
      ),
      expect: "imported_events[1].event_id: event '7' is given twice in this load"
    ),
  ]
}
