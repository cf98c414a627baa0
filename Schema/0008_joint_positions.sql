-- Joint and multi-issue positions (issue 11).
-- Frozen once landed: a change is a new numbered file.
--
-- A position may be held jointly by several parties (a counter-proposal by Ukraine and its
-- European partners) and may bear on several issue slots at once. It stays one record: the
-- position's own holderId and issueId are its primary holder and slot, as before, and these
-- tables add its further holders and slots. Every answer by holder or by issue includes the
-- position for each of them. Like targets, they are part of what the position says and are
-- written with it; they carry record time so that a reading "known at" a revision sees them as
-- they were then, and a correction could retire one.
CREATE TABLE positionCoHolder (
  positionId TEXT NOT NULL REFERENCES position(id),
  partyId TEXT NOT NULL REFERENCES party(id),
  recordedIn INTEGER NOT NULL REFERENCES revision(id),
  retiredIn INTEGER REFERENCES revision(id),
  PRIMARY KEY (positionId, partyId)
) STRICT, WITHOUT ROWID;
-- The positions a party holds jointly: the lookup of every answer by holder.
CREATE INDEX positionCoHolder_partyId ON positionCoHolder(partyId, positionId);

CREATE TABLE positionAlsoOn (
  positionId TEXT NOT NULL REFERENCES position(id),
  issueId TEXT NOT NULL REFERENCES issue(id),
  recordedIn INTEGER NOT NULL REFERENCES revision(id),
  retiredIn INTEGER REFERENCES revision(id),
  PRIMARY KEY (positionId, issueId)
) STRICT, WITHOUT ROWID;
-- The positions that bear on an issue besides their primary one: the lookup by issue.
CREATE INDEX positionAlsoOn_issueId ON positionAlsoOn(issueId, positionId);

CREATE TRIGGER positionCoHolder_only_retire BEFORE UPDATE ON positionCoHolder
WHEN OLD.retiredIn IS NOT NULL OR NEW.positionId IS NOT OLD.positionId
  OR NEW.partyId IS NOT OLD.partyId OR NEW.recordedIn IS NOT OLD.recordedIn
BEGIN SELECT RAISE(ABORT, 'positionCoHolder rows are append-only: only retiredIn may be stamped, once'); END;
CREATE TRIGGER positionCoHolder_no_delete BEFORE DELETE ON positionCoHolder
BEGIN SELECT RAISE(ABORT, 'rows are never deleted'); END;
CREATE TRIGGER positionAlsoOn_only_retire BEFORE UPDATE ON positionAlsoOn
WHEN OLD.retiredIn IS NOT NULL OR NEW.positionId IS NOT OLD.positionId
  OR NEW.issueId IS NOT OLD.issueId OR NEW.recordedIn IS NOT OLD.recordedIn
BEGIN SELECT RAISE(ABORT, 'positionAlsoOn rows are append-only: only retiredIn may be stamped, once'); END;
CREATE TRIGGER positionAlsoOn_no_delete BEFORE DELETE ON positionAlsoOn
BEGIN SELECT RAISE(ABORT, 'rows are never deleted'); END;

-- For Datasette (like the views of 0007, which stays as it is): every holder and every slot of
-- each position as now known, one row per pair; a position of one holder and one slot has one row.
CREATE VIEW position_slots AS
SELECT p.id AS position_id, h.holderId AS holder_id, holder.name AS holder_name,
       h.joint AS joint_holder, s.issueId AS issue_id, i.label AS issue_label,
       s.further AS further_slot, p.kind, p.proposition
FROM position p
JOIN (SELECT id AS positionId, holderId, 0 AS joint FROM position
      UNION ALL
      SELECT positionId, partyId, 1 FROM positionCoHolder WHERE retiredIn IS NULL) h
  ON h.positionId = p.id
JOIN (SELECT id AS positionId, issueId, 0 AS further FROM position
      UNION ALL
      SELECT positionId, issueId, 1 FROM positionAlsoOn WHERE retiredIn IS NULL) s
  ON s.positionId = p.id
JOIN party holder ON holder.id = h.holderId
JOIN issue i ON i.id = s.issueId;
