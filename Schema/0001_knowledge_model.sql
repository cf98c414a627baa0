-- Parley's knowledge model. Frozen once landed: a change is a new numbered file.
--
-- Conventions
--   * Dates in the world (valid time, dates said, publication dates) are INTEGER yyyymmdd of the
--     first day of the period, with a precision column ('day', 'month', 'year'); they sort and
--     compare as numbers.
--   * Record time: every write is one `revision` (a monotonic sequence number and a UTC instant in
--     unix milliseconds). Fact rows name the revision that recorded them (`recordedIn`) and, once
--     retired, the revision that retired them (`retiredIn`). Stamping `retiredIn` is the only
--     update any row ever receives; nothing is deleted. Triggers below enforce this.
--   * Ids of parties, issues, documents, statements and positions are stable slugs chosen by the
--     curator; issues are slash-separated paths ('security/nato-membership').

CREATE TABLE revision (
  id INTEGER PRIMARY KEY,                     -- monotonic: 1, 2, 3, …
  recordedAt INTEGER NOT NULL,                -- UTC unix milliseconds, for display and --known-at
  summary TEXT NOT NULL,                      -- what was written (e.g. the files loaded)
  toolVersion TEXT NOT NULL
) STRICT;

CREATE TABLE party (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('state', 'government-body', 'person', 'organisation', 'media', 'analyst')),
  parentId TEXT REFERENCES party(id),         -- part of (a ministry of its state, a bloc member…)
  note TEXT,
  recordedIn INTEGER NOT NULL REFERENCES revision(id),
  retiredIn INTEGER REFERENCES revision(id)
) STRICT;

CREATE TABLE partyAlias (
  alias TEXT NOT NULL,                        -- folded to lower case: 'kremlin', 'moscow'
  partyId TEXT NOT NULL REFERENCES party(id),
  recordedIn INTEGER NOT NULL REFERENCES revision(id),
  retiredIn INTEGER REFERENCES revision(id),
  PRIMARY KEY (alias, partyId)
) STRICT;
CREATE INDEX partyAlias_partyId ON partyAlias(partyId);

-- A person speaks for a party in a role over a period (Peskov, Kremlin spokesman, for russia).
CREATE TABLE affiliation (
  id INTEGER PRIMARY KEY,
  personId TEXT NOT NULL REFERENCES party(id),
  partyId TEXT NOT NULL REFERENCES party(id),
  role TEXT NOT NULL,
  validFrom INTEGER,                          -- NULL: since before the corpus begins
  validFromPrecision TEXT CHECK (validFromPrecision IN ('day', 'month', 'year')),
  validTo INTEGER,                            -- exclusive; NULL: still holds
  validToPrecision TEXT CHECK (validToPrecision IN ('day', 'month', 'year')),
  recordedIn INTEGER NOT NULL REFERENCES revision(id),
  retiredIn INTEGER REFERENCES revision(id),
  UNIQUE (personId, partyId, role, validFrom)
) STRICT;
CREATE INDEX affiliation_partyId ON affiliation(partyId);

-- The issue taxonomy: up to three levels, 'territory', 'territory/crimea', …
CREATE TABLE issue (
  id TEXT PRIMARY KEY NOT NULL,
  parentId TEXT REFERENCES issue(id),
  label TEXT NOT NULL,
  description TEXT,
  recordedIn INTEGER NOT NULL REFERENCES revision(id),
  retiredIn INTEGER REFERENCES revision(id),
  CHECK (length(id) - length(replace(id, '/', '')) <= 2)
) STRICT;
CREATE INDEX issue_parentId ON issue(parentId);

CREATE TABLE document (
  id TEXT PRIMARY KEY NOT NULL,
  title TEXT NOT NULL,
  outlet TEXT,
  url TEXT,
  publishedOn INTEGER,
  publishedPrecision TEXT CHECK (publishedPrecision IN ('day', 'month', 'year')),
  language TEXT NOT NULL,
  textSHA256 TEXT,                            -- of the UTF-8 text, when the text was at hand
  body TEXT,                                  -- a user's own copy of the text, when supplied
  recordedIn INTEGER NOT NULL REFERENCES revision(id),
  retiredIn INTEGER REFERENCES revision(id)
) STRICT;

-- What someone said: the evidence.
CREATE TABLE statement (
  id TEXT PRIMARY KEY NOT NULL,
  documentId TEXT NOT NULL REFERENCES document(id),
  speakerId TEXT REFERENCES party(id),        -- NULL: unnamed (officials, 'sources')
  onBehalfOfId TEXT NOT NULL REFERENCES party(id),
  saidOn INTEGER NOT NULL,
  saidPrecision TEXT NOT NULL CHECK (saidPrecision IN ('day', 'month', 'year')),
  dateBasis TEXT,                             -- how the date was derived from the text
  quote TEXT,                                 -- verbatim, at most 25 words; NULL only for a
                                              -- 'reported' statement whose source has no quote
  quoteStart INTEGER,                         -- character offsets in the document text
  quoteEnd INTEGER,
  attribution TEXT NOT NULL CHECK (attribution IN ('direct', 'reported', 'claimed', 'analyst')),
  recordedIn INTEGER NOT NULL REFERENCES revision(id),
  retiredIn INTEGER REFERENCES revision(id),
  CHECK (quoteEnd IS NULL OR quoteEnd > quoteStart),
  CHECK (quote IS NOT NULL OR attribution = 'reported')
) STRICT;
CREATE INDEX statement_documentId ON statement(documentId);
CREATE INDEX statement_onBehalfOf ON statement(onBehalfOfId, saidOn);
CREATE INDEX statement_speakerId ON statement(speakerId);
CREATE INDEX statement_saidOn ON statement(saidOn);

-- What a party holds. The content of a position never changes: a change in kind, modality,
-- proposition or target is a new position that supersedes the old one. What changes over time
-- (its interval and status) lives in positionVersion.
CREATE TABLE position (
  id TEXT PRIMARY KEY NOT NULL,
  holderId TEXT NOT NULL REFERENCES party(id),
  issueId TEXT NOT NULL REFERENCES issue(id),
  propositionKey TEXT NOT NULL,               -- stable slug of the proposition
  proposition TEXT NOT NULL,                  -- in the curator's own words
  kind TEXT NOT NULL CHECK (kind IN ('demand', 'condition', 'commitment', 'proposal', 'acceptance',
                                     'rejection', 'threat', 'claim', 'consideration')),
  polarity TEXT NOT NULL CHECK (polarity IN ('for', 'against')),
  modality TEXT NOT NULL CHECK (modality IN ('firm', 'conditional', 'hedged')),
  note TEXT,
  recordedIn INTEGER NOT NULL REFERENCES revision(id)
) STRICT;
CREATE INDEX position_holder_issue ON position(holderId, issueId);
CREATE INDEX position_kind_issue ON position(kind, issueId);
CREATE INDEX position_issue ON position(issueId);

CREATE TABLE positionTarget (
  positionId TEXT NOT NULL REFERENCES position(id),
  partyId TEXT NOT NULL REFERENCES party(id),
  PRIMARY KEY (positionId, partyId)
) STRICT, WITHOUT ROWID;
CREATE INDEX positionTarget_partyId ON positionTarget(partyId);

CREATE TABLE positionCondition (
  positionId TEXT NOT NULL REFERENCES position(id),
  ordinal INTEGER NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (positionId, ordinal)
) STRICT, WITHOUT ROWID;

-- The valid-time interval [validFrom, validTo) and status of a position, versioned in record time.
CREATE TABLE positionVersion (
  id INTEGER PRIMARY KEY,
  positionId TEXT NOT NULL REFERENCES position(id),
  validFrom INTEGER NOT NULL,
  validFromPrecision TEXT NOT NULL CHECK (validFromPrecision IN ('day', 'month', 'year')),
  validTo INTEGER,                            -- exclusive; NULL: still held
  validToPrecision TEXT CHECK (validToPrecision IN ('day', 'month', 'year')),
  status TEXT NOT NULL CHECK (status IN ('active', 'superseded', 'withdrawn', 'deprecated')),
  statusReason TEXT,
  recordedIn INTEGER NOT NULL REFERENCES revision(id),
  retiredIn INTEGER REFERENCES revision(id),
  CHECK (validTo IS NULL OR validTo > validFrom),
  CHECK ((validTo IS NULL) = (validToPrecision IS NULL)),
  CHECK (status <> 'deprecated' OR statusReason IS NOT NULL)
) STRICT;
-- At most one version of a position is current (not retired) at any time.
CREATE UNIQUE INDEX positionVersion_current ON positionVersion(positionId) WHERE retiredIn IS NULL;
CREATE INDEX positionVersion_history ON positionVersion(positionId, recordedIn);

-- Statements as evidence for positions. 'supports': said by or for the holder (the first one
-- states the position, later ones restate it); 'corroborates' / 'disputes': a third party confirms
-- or contests it; 'no-comment': a party declined to comment or stayed silent on it.
CREATE TABLE evidence (
  positionId TEXT NOT NULL REFERENCES position(id),
  statementId TEXT NOT NULL REFERENCES statement(id),
  role TEXT NOT NULL CHECK (role IN ('supports', 'corroborates', 'disputes', 'no-comment')),
  recordedIn INTEGER NOT NULL REFERENCES revision(id),
  retiredIn INTEGER REFERENCES revision(id),
  PRIMARY KEY (positionId, statementId)
) STRICT, WITHOUT ROWID;
CREATE INDEX evidence_statementId ON evidence(statementId);

CREATE TABLE positionRelation (
  fromPositionId TEXT NOT NULL REFERENCES position(id),
  kind TEXT NOT NULL CHECK (kind IN ('conditional-on', 'supersedes', 'contradicts', 'responds-to')),
  toPositionId TEXT NOT NULL REFERENCES position(id),
  note TEXT,
  recordedIn INTEGER NOT NULL REFERENCES revision(id),
  retiredIn INTEGER REFERENCES revision(id),
  PRIMARY KEY (fromPositionId, kind, toPositionId),
  CHECK (fromPositionId <> toPositionId)
) STRICT, WITHOUT ROWID;
CREATE INDEX positionRelation_to ON positionRelation(toPositionId, kind);

-- Append-only guards: no row is deleted; the only update is stamping retiredIn, once.
CREATE TRIGGER revision_no_update BEFORE UPDATE ON revision
BEGIN SELECT RAISE(ABORT, 'revision rows are append-only'); END;
CREATE TRIGGER position_no_update BEFORE UPDATE ON position
BEGIN SELECT RAISE(ABORT, 'position rows are append-only'); END;
CREATE TRIGGER positionTarget_no_update BEFORE UPDATE ON positionTarget
BEGIN SELECT RAISE(ABORT, 'positionTarget rows are append-only'); END;
CREATE TRIGGER positionCondition_no_update BEFORE UPDATE ON positionCondition
BEGIN SELECT RAISE(ABORT, 'positionCondition rows are append-only'); END;

CREATE TRIGGER party_only_retire BEFORE UPDATE ON party
WHEN OLD.retiredIn IS NOT NULL OR NEW.id IS NOT OLD.id OR NEW.name IS NOT OLD.name
  OR NEW.kind IS NOT OLD.kind OR NEW.parentId IS NOT OLD.parentId OR NEW.note IS NOT OLD.note
  OR NEW.recordedIn IS NOT OLD.recordedIn
BEGIN SELECT RAISE(ABORT, 'party rows are append-only: only retiredIn may be stamped, once'); END;

CREATE TRIGGER partyAlias_only_retire BEFORE UPDATE ON partyAlias
WHEN OLD.retiredIn IS NOT NULL OR NEW.alias IS NOT OLD.alias OR NEW.partyId IS NOT OLD.partyId
  OR NEW.recordedIn IS NOT OLD.recordedIn
BEGIN SELECT RAISE(ABORT, 'partyAlias rows are append-only: only retiredIn may be stamped, once'); END;

CREATE TRIGGER affiliation_only_retire BEFORE UPDATE ON affiliation
WHEN OLD.retiredIn IS NOT NULL OR NEW.id IS NOT OLD.id OR NEW.personId IS NOT OLD.personId
  OR NEW.partyId IS NOT OLD.partyId OR NEW.role IS NOT OLD.role
  OR NEW.validFrom IS NOT OLD.validFrom OR NEW.validFromPrecision IS NOT OLD.validFromPrecision
  OR NEW.validTo IS NOT OLD.validTo OR NEW.validToPrecision IS NOT OLD.validToPrecision
  OR NEW.recordedIn IS NOT OLD.recordedIn
BEGIN SELECT RAISE(ABORT, 'affiliation rows are append-only: only retiredIn may be stamped, once'); END;

CREATE TRIGGER issue_only_retire BEFORE UPDATE ON issue
WHEN OLD.retiredIn IS NOT NULL OR NEW.id IS NOT OLD.id OR NEW.parentId IS NOT OLD.parentId
  OR NEW.label IS NOT OLD.label OR NEW.description IS NOT OLD.description
  OR NEW.recordedIn IS NOT OLD.recordedIn
BEGIN SELECT RAISE(ABORT, 'issue rows are append-only: only retiredIn may be stamped, once'); END;

CREATE TRIGGER document_only_retire BEFORE UPDATE ON document
WHEN OLD.retiredIn IS NOT NULL OR NEW.id IS NOT OLD.id OR NEW.title IS NOT OLD.title
  OR NEW.outlet IS NOT OLD.outlet OR NEW.url IS NOT OLD.url
  OR NEW.publishedOn IS NOT OLD.publishedOn OR NEW.publishedPrecision IS NOT OLD.publishedPrecision
  OR NEW.language IS NOT OLD.language OR NEW.textSHA256 IS NOT OLD.textSHA256
  OR NEW.body IS NOT OLD.body OR NEW.recordedIn IS NOT OLD.recordedIn
BEGIN SELECT RAISE(ABORT, 'document rows are append-only: only retiredIn may be stamped, once'); END;

CREATE TRIGGER statement_only_retire BEFORE UPDATE ON statement
WHEN OLD.retiredIn IS NOT NULL OR NEW.id IS NOT OLD.id OR NEW.documentId IS NOT OLD.documentId
  OR NEW.speakerId IS NOT OLD.speakerId OR NEW.onBehalfOfId IS NOT OLD.onBehalfOfId
  OR NEW.saidOn IS NOT OLD.saidOn OR NEW.saidPrecision IS NOT OLD.saidPrecision
  OR NEW.dateBasis IS NOT OLD.dateBasis OR NEW.quote IS NOT OLD.quote
  OR NEW.quoteStart IS NOT OLD.quoteStart OR NEW.quoteEnd IS NOT OLD.quoteEnd
  OR NEW.attribution IS NOT OLD.attribution OR NEW.recordedIn IS NOT OLD.recordedIn
BEGIN SELECT RAISE(ABORT, 'statement rows are append-only: only retiredIn may be stamped, once'); END;

CREATE TRIGGER positionVersion_only_retire BEFORE UPDATE ON positionVersion
WHEN OLD.retiredIn IS NOT NULL OR NEW.id IS NOT OLD.id OR NEW.positionId IS NOT OLD.positionId
  OR NEW.validFrom IS NOT OLD.validFrom OR NEW.validFromPrecision IS NOT OLD.validFromPrecision
  OR NEW.validTo IS NOT OLD.validTo OR NEW.validToPrecision IS NOT OLD.validToPrecision
  OR NEW.status IS NOT OLD.status OR NEW.statusReason IS NOT OLD.statusReason
  OR NEW.recordedIn IS NOT OLD.recordedIn
BEGIN SELECT RAISE(ABORT, 'positionVersion rows are append-only: only retiredIn may be stamped, once'); END;

CREATE TRIGGER evidence_only_retire BEFORE UPDATE ON evidence
WHEN OLD.retiredIn IS NOT NULL OR NEW.positionId IS NOT OLD.positionId
  OR NEW.statementId IS NOT OLD.statementId OR NEW.role IS NOT OLD.role
  OR NEW.recordedIn IS NOT OLD.recordedIn
BEGIN SELECT RAISE(ABORT, 'evidence rows are append-only: only retiredIn may be stamped, once'); END;

CREATE TRIGGER positionRelation_only_retire BEFORE UPDATE ON positionRelation
WHEN OLD.retiredIn IS NOT NULL OR NEW.fromPositionId IS NOT OLD.fromPositionId
  OR NEW.kind IS NOT OLD.kind OR NEW.toPositionId IS NOT OLD.toPositionId
  OR NEW.note IS NOT OLD.note OR NEW.recordedIn IS NOT OLD.recordedIn
BEGIN SELECT RAISE(ABORT, 'positionRelation rows are append-only: only retiredIn may be stamped, once'); END;

CREATE TRIGGER revision_no_delete BEFORE DELETE ON revision BEGIN SELECT RAISE(ABORT, 'rows are never deleted'); END;
CREATE TRIGGER party_no_delete BEFORE DELETE ON party BEGIN SELECT RAISE(ABORT, 'rows are never deleted'); END;
CREATE TRIGGER partyAlias_no_delete BEFORE DELETE ON partyAlias BEGIN SELECT RAISE(ABORT, 'rows are never deleted'); END;
CREATE TRIGGER affiliation_no_delete BEFORE DELETE ON affiliation BEGIN SELECT RAISE(ABORT, 'rows are never deleted'); END;
CREATE TRIGGER issue_no_delete BEFORE DELETE ON issue BEGIN SELECT RAISE(ABORT, 'rows are never deleted'); END;
CREATE TRIGGER document_no_delete BEFORE DELETE ON document BEGIN SELECT RAISE(ABORT, 'rows are never deleted'); END;
CREATE TRIGGER statement_no_delete BEFORE DELETE ON statement BEGIN SELECT RAISE(ABORT, 'rows are never deleted'); END;
CREATE TRIGGER position_no_delete BEFORE DELETE ON position BEGIN SELECT RAISE(ABORT, 'rows are never deleted'); END;
CREATE TRIGGER positionTarget_no_delete BEFORE DELETE ON positionTarget BEGIN SELECT RAISE(ABORT, 'rows are never deleted'); END;
CREATE TRIGGER positionCondition_no_delete BEFORE DELETE ON positionCondition BEGIN SELECT RAISE(ABORT, 'rows are never deleted'); END;
CREATE TRIGGER positionVersion_no_delete BEFORE DELETE ON positionVersion BEGIN SELECT RAISE(ABORT, 'rows are never deleted'); END;
CREATE TRIGGER evidence_no_delete BEFORE DELETE ON evidence BEGIN SELECT RAISE(ABORT, 'rows are never deleted'); END;
CREATE TRIGGER positionRelation_no_delete BEFORE DELETE ON positionRelation BEGIN SELECT RAISE(ABORT, 'rows are never deleted'); END;
