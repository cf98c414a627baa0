// Machine-coded records: the marks an importer gave the records it made (`machine_coded`), and
// the event-data rows they were made from (`imported_events`), as an export writes them.
extension LoadPlanner {
  /// The key of a mark in ``LoadPlanner/batchMarks``.
  static func markKey(_ record: MachineCodedRecord, _ id: String) -> String {
    record.rawValue + ":" + id
  }

  /// Plans a mark: only a record this load defines (or one marked the same already) may be
  /// marked, so a mark never turns a stored curated record into a machine-coded one.
  mutating func planMachineCodedMark(_ mark: CuratedMachineCodedMark) throws {
    let key = Self.markKey(mark.record, mark.id.value)
    if let first = batchMarks[key] {
      report(mark.id.location, .markedTwice(mark.id.value, mark.record, firstAt: first.place))
      return
    }
    batchMarks[key] = (mark.id.place, mark.source)
    if let stored = try store.machineCodedMark(mark.record, mark.id.value) {
      if stored.recordedIn == revision {
        report(mark.id.location, .markedInEarlierUnit(mark.id.value, mark.record))
      } else if stored.source != mark.source.rawValue {
        report(
          mark.id.location,
          .markDiffersFromStored(mark.id.value, mark.record, stored: stored.source))
      }
      return
    }
    if let recorded = try store.revisionRecording(mark.record, mark.id.value) {
      if recorded != revision {
        report(mark.id.location, .markOnStoredRecord(mark.id.value, mark.record))
        return
      }
    } else {
      let definition: SourcePlace? =
        switch mark.record {
        case .party: batchParties[mark.id.value]?.id.place
        case .document: batchDocuments[mark.id.value]
        case .statement: batchStatements[mark.id.value]?.place
        case .position: batchPositions[mark.id.value]?.place
        }
      guard let definition else {
        report(mark.id.location, .unknownMarkedRecord(mark.id.value, mark.record))
        return
      }
      guard isDefinedInOrder(definition, mark.id) else {
        report(
          mark.id.location,
          .definedLater(mark.id.value, mark.record.recordKind, onLine: definition.line))
        return
      }
    }
    plan.machineCodedMarks.append(
      MachineCodedMark(
        recordKind: mark.record.rawValue, recordId: mark.id.value, source: mark.source.rawValue,
        recordedIn: revision))
  }

  /// Plans an imported event: its statement and position must be machine-coded records of the
  /// same source, and an event already stored must be the same.
  mutating func planImportedEvent(_ event: CuratedImportedEvent) throws {
    let key = event.source.rawValue + ":" + event.eventId.value
    if let first = batchEvents[key] {
      report(event.eventId.location, .eventTwice(event.eventId.value, firstAt: first))
      return
    }
    batchEvents[key] = event.eventId.place
    var known = true
    let references: [(MachineCodedRecord, Located<String>)] = [
      (.statement, event.statement), (.position, event.position),
    ]
    for (record, id) in references {
      let exists =
        record == .statement
        ? try isDefinedInOrder(batchStatements[id.value]?.place, id)
          || store.isStored(.statement, id.value)
        : try requirePosition(id)
      guard exists else {
        if record == .statement { report(id.location, .unknownStatement(id.value)) }
        known = false
        continue
      }
      let source =
        try batchMarks[Self.markKey(record, id.value)]?.source.rawValue
        ?? store.machineCodedMark(record, id.value)?.source
      if source != event.source.rawValue {
        report(
          id.location,
          .eventOfCuratedRecord(id.value, record, source: event.source.rawValue, marked: source))
        known = false
      }
    }
    guard known else { return }
    let record = ImportedEvent(
      source: event.source.rawValue, eventId: event.eventId.value,
      statementId: event.statement.value, positionId: event.position.value,
      eventCode: event.eventCode, rootCode: event.rootCode, ploverType: event.plover,
      actor1Code: event.actor1, actor2Code: event.actor2, quadClass: event.quadClass,
      goldsteinScale: event.goldstein, eventDate: event.eventDate.firstDay,
      dateAdded: event.dateAdded, sourceUrl: event.sourceURL, recordedIn: revision)
    if var stored = try store.importedEvent(
      source: event.source.rawValue, eventId: event.eventId.value)
    {
      if stored.recordedIn == revision {
        report(event.eventId.location, .eventInEarlierUnit(event.eventId.value))
        return
      }
      stored.recordedIn = revision
      if stored != record {
        let names = CuratedFieldNames.differing(stored, record).map {
          Self.importedEventFields[$0] ?? $0
        }
        report(
          event.eventId.location,
          .eventDiffersFromStored(event.eventId.value, source: event.source.rawValue, fields: names)
        )
      }
      return
    }
    plan.importedEvents.append(record)
  }

  /// The curated names of the `importedEvent` columns.
  static let importedEventFields = [
    "eventId": "event_id", "statementId": "statement", "positionId": "position",
    "eventCode": "event_code", "rootCode": "root_code", "ploverType": "plover",
    "actor1Code": "actor1", "actor2Code": "actor2", "quadClass": "quad_class",
    "goldsteinScale": "goldstein", "eventDate": "event_date", "dateAdded": "date_added",
    "sourceUrl": "source_url",
  ]
}

// MARK: - Messages

extension LoadMessage {
  static func markedTwice(_ id: String, _ record: MachineCodedRecord, firstAt first: SourcePlace)
    -> LoadMessage
  {
    LoadMessage(
      "\(record.rawValue) \(quoted(id)) is marked twice in this load (first at \(first.file):\(first.line):\(first.column); expected each record marked once)"
    )
  }

  static func markedInEarlierUnit(_ id: String, _ record: MachineCodedRecord) -> LoadMessage {
    LoadMessage(
      "\(record.rawValue) \(quoted(id)) is marked twice in this load (first in an earlier file or on an earlier line; expected each record marked once)"
    )
  }

  static func markDiffersFromStored(_ id: String, _ record: MachineCodedRecord, stored: String)
    -> LoadMessage
  {
    LoadMessage(
      "\(record.rawValue) \(quoted(id)) is already in the store as machine-coded from \(quoted(stored)) (expected the same source)"
    )
  }

  static func markOnStoredRecord(_ id: String, _ record: MachineCodedRecord) -> LoadMessage {
    LoadMessage(
      "\(record.rawValue) \(quoted(id)) is already in the store as a curated record (expected a record this load defines: a stored curated record is never made machine-coded)"
    )
  }

  static func unknownMarkedRecord(_ id: String, _ record: MachineCodedRecord) -> LoadMessage {
    LoadMessage(
      "\(quoted(id)) is not a \(record.rawValue) defined in this load (expected the id of a \(record.rawValue) this load defines)"
    )
  }

  static func eventTwice(_ id: String, firstAt first: SourcePlace) -> LoadMessage {
    LoadMessage(
      "event \(quoted(id)) is given twice in this load (first at \(first.file):\(first.line):\(first.column); expected each event of a source once)"
    )
  }

  static func eventInEarlierUnit(_ id: String) -> LoadMessage {
    LoadMessage(
      "event \(quoted(id)) is given twice in this load (first in an earlier file or on an earlier line; expected each event of a source once)"
    )
  }

  static func eventOfCuratedRecord(
    _ id: String, _ record: MachineCodedRecord, source: String, marked: String?
  ) -> LoadMessage {
    let what = marked.map { "is machine-coded from \(quoted($0))" } ?? "is not machine-coded"
    return LoadMessage(
      "\(record.rawValue) \(quoted(id)) \(what) (expected a \(record.rawValue) that 'machine_coded' marks with source \(quoted(source)))"
    )
  }

  static func eventDiffersFromStored(_ id: String, source: String, fields: [String])
    -> LoadMessage
  {
    LoadMessage(
      "event \(quoted(id)) of \(quoted(source)) is already in the store with a different \(fields.joined(separator: ", ")) (expected the same event: an imported event is never changed)"
    )
  }
}
