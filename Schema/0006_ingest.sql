-- Ingestion (issue 14): documents added with their text are searchable by it, and records made
-- from machine-coded event data (GDELT) are marked so that they never pass for curated ones.
-- Frozen once landed: a change is a new numbered file.

-- A document's stored text is indexed with its title: the title stays the `text` column (what a
-- hit shows), the text goes in `keywords`. Documents are append-only, so the rows of documents
-- recorded before this migration are made again with their text.
DROP TRIGGER document_searchIndex;
CREATE TRIGGER document_searchIndex AFTER INSERT ON document
BEGIN
  INSERT INTO searchIndex (kind, id, text, keywords)
  VALUES ('document', NEW.id, NEW.title, coalesce(NEW.body, ''));
END;
DELETE FROM searchIndex WHERE kind = 'document';
INSERT INTO searchIndex (kind, id, text, keywords)
SELECT 'document', id, title, coalesce(body, '') FROM document ORDER BY id;

-- Records an importer made from machine-coded event data rather than a person's reading:
-- parties it had to create, the documents (source URLs), statements and positions of events.
-- Queries leave machine-coded positions out unless asked to include them.
CREATE TABLE machineCoded (
  recordKind TEXT NOT NULL CHECK (recordKind IN ('party', 'document', 'statement', 'position')),
  recordId TEXT NOT NULL,
  source TEXT NOT NULL,                       -- 'gdelt-1.0' or 'gdelt-2.0'
  recordedIn INTEGER NOT NULL REFERENCES revision(id),
  PRIMARY KEY (recordKind, recordId)
) STRICT, WITHOUT ROWID;

-- One imported event-data row, as the source coded it. Codes are text: '043' keeps its zero.
CREATE TABLE importedEvent (
  source TEXT NOT NULL,                       -- 'gdelt-1.0' or 'gdelt-2.0'
  eventId TEXT NOT NULL,                      -- GLOBALEVENTID
  statementId TEXT NOT NULL REFERENCES statement(id),
  positionId TEXT NOT NULL REFERENCES position(id),
  eventCode TEXT NOT NULL,                    -- CAMEO EventCode
  rootCode TEXT NOT NULL,                     -- CAMEO EventRootCode
  ploverType TEXT,                            -- PLOVER event type of the code, when it has one
  actor1Code TEXT NOT NULL,
  actor2Code TEXT,
  quadClass INTEGER,
  goldsteinScale REAL,
  eventDate INTEGER NOT NULL,                 -- SQLDATE (yyyymmdd): the statement's date
  dateAdded TEXT NOT NULL,                    -- DATEADDED as given (when the source coded it)
  sourceUrl TEXT,
  recordedIn INTEGER NOT NULL REFERENCES revision(id),
  PRIMARY KEY (source, eventId)
) STRICT;
CREATE INDEX importedEvent_statement ON importedEvent(statementId);
CREATE INDEX importedEvent_position ON importedEvent(positionId);

CREATE TRIGGER machineCoded_no_update BEFORE UPDATE ON machineCoded
BEGIN SELECT RAISE(ABORT, 'machineCoded rows are append-only'); END;
CREATE TRIGGER machineCoded_no_delete BEFORE DELETE ON machineCoded
BEGIN SELECT RAISE(ABORT, 'rows are never deleted'); END;
CREATE TRIGGER importedEvent_no_update BEFORE UPDATE ON importedEvent
BEGIN SELECT RAISE(ABORT, 'importedEvent rows are append-only'); END;
CREATE TRIGGER importedEvent_no_delete BEFORE DELETE ON importedEvent
BEGIN SELECT RAISE(ABORT, 'rows are never deleted'); END;
