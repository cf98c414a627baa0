-- Views for reading a store in Datasette or sqlite-utils: ISO dates instead of yyyymmdd
-- integers, names beside ids, what is known now (rows not retired). They add no data and
-- change no table; Parley itself never reads them. Schema/datasette-metadata.json describes them.

-- A stored yyyymmdd integer and its precision read as Parley prints dates (2025-03-12, 2025-03,
-- 2025): the same CASE in each view, since SQLite has no functions defined in SQL.

CREATE VIEW parties AS
SELECT p.id, p.name, p.kind, p.parentId AS parent_id, parent.name AS parent_name, p.note,
       (SELECT group_concat(a.alias, ', ') FROM partyAlias a
         WHERE a.partyId = p.id AND a.retiredIn IS NULL) AS aliases,
       p.recordedIn AS recorded_in
FROM party p LEFT JOIN party parent ON parent.id = p.parentId
WHERE p.retiredIn IS NULL;

CREATE VIEW statements AS
SELECT s.id, CASE s.saidPrecision
         WHEN 'day' THEN printf('%04d-%02d-%02d', s.saidOn / 10000, s.saidOn / 100 % 100, s.saidOn % 100)
         WHEN 'month' THEN printf('%04d-%02d', s.saidOn / 10000, s.saidOn / 100 % 100)
         ELSE printf('%04d', s.saidOn / 10000) END AS said_on,
       s.speakerId AS speaker_id, speaker.name AS speaker_name,
       s.onBehalfOfId AS on_behalf_of, party.name AS on_behalf_of_name,
       s.quote, s.attribution, s.documentId AS document_id, d.title AS document_title,
       d.outlet, d.url, s.recordedIn AS recorded_in
FROM statement s
JOIN document d ON d.id = s.documentId
JOIN party party ON party.id = s.onBehalfOfId
LEFT JOIN party speaker ON speaker.id = s.speakerId
WHERE s.retiredIn IS NULL;

-- Every interval a position has had in the store's history, newest record last: what was
-- believed, when it was recorded, and when (if ever) a later record replaced it.
CREATE VIEW position_history AS
SELECT v.id AS version_id, v.positionId AS position_id, p.holderId AS holder_id,
       holder.name AS holder_name, p.kind, p.issueId AS issue_id, i.label AS issue_label,
       p.proposition,
       CASE v.validFromPrecision
         WHEN 'day' THEN printf('%04d-%02d-%02d', v.validFrom / 10000, v.validFrom / 100 % 100, v.validFrom % 100)
         WHEN 'month' THEN printf('%04d-%02d', v.validFrom / 10000, v.validFrom / 100 % 100)
         ELSE printf('%04d', v.validFrom / 10000) END AS valid_from,
       CASE v.validToPrecision
         WHEN 'day' THEN printf('%04d-%02d-%02d', v.validTo / 10000, v.validTo / 100 % 100, v.validTo % 100)
         WHEN 'month' THEN printf('%04d-%02d', v.validTo / 10000, v.validTo / 100 % 100)
         WHEN 'year' THEN printf('%04d', v.validTo / 10000) END AS valid_to,
       v.status, v.statusReason AS status_reason, v.endStatementId AS ended_by,
       v.recordedIn AS recorded_in,
       strftime('%Y-%m-%dT%H:%M:%SZ', recorded.recordedAt / 1000, 'unixepoch') AS recorded_at,
       v.retiredIn AS retired_in,
       strftime('%Y-%m-%dT%H:%M:%SZ', retired.recordedAt / 1000, 'unixepoch') AS retired_at
FROM positionVersion v
JOIN position p ON p.id = v.positionId
JOIN party holder ON holder.id = p.holderId
JOIN issue i ON i.id = p.issueId
JOIN revision recorded ON recorded.id = v.recordedIn
LEFT JOIN revision retired ON retired.id = v.retiredIn;

-- Every position as now known, with the status it has today (UTC): 'active' while held.
CREATE VIEW positions AS
SELECT h.position_id AS id, h.holder_id, h.holder_name, h.kind, p.polarity, p.modality,
       h.issue_id, h.issue_label, h.proposition, h.valid_from, h.valid_to,
       CASE
         WHEN v.status = 'active' AND v.validTo IS NOT NULL
              AND v.validTo <= CAST(strftime('%Y%m%d', 'now') AS INTEGER) THEN 'expired'
         ELSE v.status END AS status,
       h.status_reason, h.ended_by, p.note,
       (SELECT count(*) FROM evidence e WHERE e.positionId = p.id AND e.retiredIn IS NULL)
         AS evidence_count,
       h.recorded_in
FROM positionVersion v
JOIN position p ON p.id = v.positionId
JOIN position_history h ON h.version_id = v.id
WHERE v.retiredIn IS NULL;

-- The positions held today (UTC), as now known.
CREATE VIEW current_positions AS
SELECT pos.id, pos.holder_id, pos.holder_name, pos.kind, pos.polarity, pos.modality,
       pos.issue_id, pos.issue_label, pos.proposition, pos.valid_from, pos.valid_to,
       pos.evidence_count,
       (SELECT max(s.said_on) FROM evidence e JOIN statements s ON s.id = e.statementId
         WHERE e.positionId = pos.id AND e.retiredIn IS NULL) AS last_said_on
FROM positions pos
JOIN positionVersion v ON v.positionId = pos.id AND v.retiredIn IS NULL
WHERE v.status NOT IN ('deprecated')
  AND v.validFrom <= CAST(strftime('%Y%m%d', 'now') AS INTEGER)
  AND (v.validTo IS NULL OR v.validTo > CAST(strftime('%Y%m%d', 'now') AS INTEGER));

-- Each position with each statement that shows it: the quote, who said it, when, and where.
CREATE VIEW position_evidence AS
SELECT e.positionId AS position_id, p.holderId AS holder_id, holder.name AS holder_name,
       p.kind, p.issueId AS issue_id, p.proposition, e.role,
       s.id AS statement_id, s.said_on, s.speaker_name, s.on_behalf_of, s.attribution,
       coalesce(eq.quote, s.quote) AS quote, s.quote AS statement_quote,
       s.document_id, s.document_title, s.outlet, s.url, e.recordedIn AS recorded_in
FROM evidence e
JOIN position p ON p.id = e.positionId
JOIN party holder ON holder.id = p.holderId
JOIN statements s ON s.id = e.statementId
LEFT JOIN evidenceQuote eq
  ON eq.positionId = e.positionId AND eq.statementId = e.statementId AND eq.retiredIn IS NULL
WHERE e.retiredIn IS NULL;

-- The store's history: one row per load.
CREATE VIEW revisions AS
SELECT id, strftime('%Y-%m-%dT%H:%M:%SZ', recordedAt / 1000, 'unixepoch') AS recorded_at,
       summary, toolVersion AS tool_version
FROM revision;
