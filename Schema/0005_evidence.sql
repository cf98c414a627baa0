-- Evidence an analyst can trust (issue 11).
--
-- A statement often bears on several positions with different words: an evidence link may
-- carry the words of the statement that bear on its position (verbatim, at most 25 words),
-- shown instead of the statement's own quote. Versioned in record time like everything else:
-- a corrected quote retires the one it replaces.
CREATE TABLE evidenceQuote (
  positionId TEXT NOT NULL REFERENCES position(id),
  statementId TEXT NOT NULL REFERENCES statement(id),
  quote TEXT NOT NULL,
  recordedIn INTEGER NOT NULL REFERENCES revision(id),
  retiredIn INTEGER REFERENCES revision(id),
  PRIMARY KEY (positionId, statementId, recordedIn),
  FOREIGN KEY (positionId, statementId) REFERENCES evidence(positionId, statementId)
) STRICT, WITHOUT ROWID;
-- At most one current quote per evidence link.
CREATE UNIQUE INDEX evidenceQuote_current ON evidenceQuote(positionId, statementId)
  WHERE retiredIn IS NULL;

-- Further documents that report a statement (wire copy reprinted by other outlets): more
-- sources for the same words, never a restatement.
CREATE TABLE statementSource (
  statementId TEXT NOT NULL REFERENCES statement(id),
  documentId TEXT NOT NULL REFERENCES document(id),
  recordedIn INTEGER NOT NULL REFERENCES revision(id),
  retiredIn INTEGER REFERENCES revision(id),
  PRIMARY KEY (statementId, documentId)
) STRICT, WITHOUT ROWID;
CREATE INDEX statementSource_documentId ON statementSource(documentId);

CREATE TRIGGER evidenceQuote_only_retire BEFORE UPDATE ON evidenceQuote
WHEN OLD.retiredIn IS NOT NULL OR NEW.positionId IS NOT OLD.positionId
  OR NEW.statementId IS NOT OLD.statementId OR NEW.quote IS NOT OLD.quote
  OR NEW.recordedIn IS NOT OLD.recordedIn
BEGIN SELECT RAISE(ABORT, 'evidenceQuote rows are append-only: only retiredIn may be stamped, once'); END;
CREATE TRIGGER evidenceQuote_no_delete BEFORE DELETE ON evidenceQuote
BEGIN SELECT RAISE(ABORT, 'rows are never deleted'); END;
CREATE TRIGGER statementSource_only_retire BEFORE UPDATE ON statementSource
WHEN OLD.retiredIn IS NOT NULL OR NEW.statementId IS NOT OLD.statementId
  OR NEW.documentId IS NOT OLD.documentId OR NEW.recordedIn IS NOT OLD.recordedIn
BEGIN SELECT RAISE(ABORT, 'statementSource rows are append-only: only retiredIn may be stamped, once'); END;
CREATE TRIGGER statementSource_no_delete BEFORE DELETE ON statementSource
BEGIN SELECT RAISE(ABORT, 'rows are never deleted'); END;
