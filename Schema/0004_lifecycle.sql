-- Lifecycles that match the news (issue 10): an interval may end because its term ran out
-- (expired) or because a one-off commitment was carried out (fulfilled), as well as by
-- supersession and withdrawal; the statement that ended it is kept; a position may carry a term
-- or a period in force; commitments and threats have outcomes, with evidence.
--
-- SQLite cannot change a CHECK constraint in place, so positionVersion is rebuilt with the same
-- rows (same ids, same values) and its indexes and append-only triggers are made again.

CREATE TABLE positionVersion_lifecycle (
  id INTEGER PRIMARY KEY,
  positionId TEXT NOT NULL REFERENCES position(id),
  validFrom INTEGER NOT NULL,
  validFromPrecision TEXT NOT NULL CHECK (validFromPrecision IN ('day', 'month', 'year')),
  validTo INTEGER,                            -- exclusive; NULL: still held
  validToPrecision TEXT CHECK (validToPrecision IN ('day', 'month', 'year')),
  -- What ends (or ended) the interval. 'active' with a validTo: held until then, with no reason
  -- given (an explicit valid_to, or a term); views call it expired once the day is past.
  status TEXT NOT NULL CHECK (status IN ('active', 'superseded', 'withdrawn', 'expired',
                                         'fulfilled', 'deprecated')),
  statusReason TEXT,
  endStatementId TEXT REFERENCES statement(id),  -- the statement that says it ended, if any
  recordedIn INTEGER NOT NULL REFERENCES revision(id),
  retiredIn INTEGER REFERENCES revision(id),
  CHECK (validTo IS NULL OR validTo > validFrom),
  CHECK ((validTo IS NULL) = (validToPrecision IS NULL)),
  CHECK (status <> 'deprecated' OR statusReason IS NOT NULL)
) STRICT;

INSERT INTO positionVersion_lifecycle
  (id, positionId, validFrom, validFromPrecision, validTo, validToPrecision, status,
   statusReason, endStatementId, recordedIn, retiredIn)
SELECT id, positionId, validFrom, validFromPrecision, validTo, validToPrecision, status,
       statusReason, NULL, recordedIn, retiredIn
FROM positionVersion ORDER BY id;

DROP TABLE positionVersion;
ALTER TABLE positionVersion_lifecycle RENAME TO positionVersion;

CREATE UNIQUE INDEX positionVersion_current ON positionVersion(positionId) WHERE retiredIn IS NULL;
CREATE INDEX positionVersion_history ON positionVersion(positionId, recordedIn);

CREATE TRIGGER positionVersion_only_retire BEFORE UPDATE ON positionVersion
WHEN OLD.retiredIn IS NOT NULL OR NEW.id IS NOT OLD.id OR NEW.positionId IS NOT OLD.positionId
  OR NEW.validFrom IS NOT OLD.validFrom OR NEW.validFromPrecision IS NOT OLD.validFromPrecision
  OR NEW.validTo IS NOT OLD.validTo OR NEW.validToPrecision IS NOT OLD.validToPrecision
  OR NEW.status IS NOT OLD.status OR NEW.statusReason IS NOT OLD.statusReason
  OR NEW.endStatementId IS NOT OLD.endStatementId OR NEW.recordedIn IS NOT OLD.recordedIn
BEGIN SELECT RAISE(ABORT, 'positionVersion rows are append-only: only retiredIn may be stamped, once'); END;
CREATE TRIGGER positionVersion_no_delete BEFORE DELETE ON positionVersion
BEGIN SELECT RAISE(ABORT, 'rows are never deleted'); END;

-- A term or a period in force: part of a position's content, so written once and never changed.
-- A position with a term is held until the term is over (validTo is set from it when loaded).
CREATE TABLE positionTerm (
  positionId TEXT PRIMARY KEY NOT NULL REFERENCES position(id),
  termDays INTEGER CHECK (termDays IS NULL OR termDays > 0),     -- "for 30 days"
  inForceFrom INTEGER,                        -- first day in force, when not the day announced
  inForceFromPrecision TEXT CHECK (inForceFromPrecision IN ('day', 'month', 'year')),
  inForceUntil INTEGER,                       -- last day in force (inclusive, as announced)
  inForceUntilPrecision TEXT CHECK (inForceUntilPrecision IN ('day', 'month', 'year')),
  recordedIn INTEGER NOT NULL REFERENCES revision(id),
  CHECK (termDays IS NOT NULL OR inForceFrom IS NOT NULL OR inForceUntil IS NOT NULL),
  CHECK ((inForceFrom IS NULL) = (inForceFromPrecision IS NULL)),
  CHECK ((inForceUntil IS NULL) = (inForceUntilPrecision IS NULL)),
  CHECK (inForceFrom IS NULL OR inForceUntil IS NULL OR inForceUntil >= inForceFrom)
) STRICT, WITHOUT ROWID;

-- Whether a commitment was kept or a threat carried out, as assessed on a day, with the
-- statement that shows it. Assessments accumulate; the latest one up to a day is the outcome.
CREATE TABLE positionOutcome (
  id INTEGER PRIMARY KEY,
  positionId TEXT NOT NULL REFERENCES position(id),
  outcome TEXT NOT NULL CHECK (outcome IN ('pending', 'kept', 'partly-kept', 'broken',
                                           'carried-out', 'not-carried-out')),
  assessedOn INTEGER NOT NULL,
  assessedPrecision TEXT NOT NULL CHECK (assessedPrecision IN ('day', 'month', 'year')),
  statementId TEXT REFERENCES statement(id),
  note TEXT,
  recordedIn INTEGER NOT NULL REFERENCES revision(id),
  retiredIn INTEGER REFERENCES revision(id),
  UNIQUE (positionId, assessedOn, outcome)
) STRICT;
CREATE INDEX positionOutcome_position ON positionOutcome(positionId, assessedOn);
CREATE INDEX positionOutcome_statement ON positionOutcome(statementId);

CREATE TRIGGER positionTerm_no_update BEFORE UPDATE ON positionTerm
BEGIN SELECT RAISE(ABORT, 'positionTerm rows are append-only'); END;
CREATE TRIGGER positionTerm_no_delete BEFORE DELETE ON positionTerm
BEGIN SELECT RAISE(ABORT, 'rows are never deleted'); END;
CREATE TRIGGER positionOutcome_only_retire BEFORE UPDATE ON positionOutcome
WHEN OLD.retiredIn IS NOT NULL OR NEW.id IS NOT OLD.id OR NEW.positionId IS NOT OLD.positionId
  OR NEW.outcome IS NOT OLD.outcome OR NEW.assessedOn IS NOT OLD.assessedOn
  OR NEW.assessedPrecision IS NOT OLD.assessedPrecision OR NEW.statementId IS NOT OLD.statementId
  OR NEW.note IS NOT OLD.note OR NEW.recordedIn IS NOT OLD.recordedIn
BEGIN SELECT RAISE(ABORT, 'positionOutcome rows are append-only: only retiredIn may be stamped, once'); END;
CREATE TRIGGER positionOutcome_no_delete BEFORE DELETE ON positionOutcome
BEGIN SELECT RAISE(ABORT, 'rows are never deleted'); END;
