-- A support marked `no_quote: true` stores the empty text as its own quote: none of its
-- statement's words bear on the position. The evidence view shows no quote for it (NULL), as the
-- library's answers do, instead of an empty one. Views only: no table changes.
DROP VIEW position_evidence;

-- Each position with each statement that shows it: the quote, who said it, when, and where.
CREATE VIEW position_evidence AS
SELECT e.positionId AS position_id, p.holderId AS holder_id, holder.name AS holder_name,
       p.kind, p.issueId AS issue_id, p.proposition, e.role,
       s.id AS statement_id, s.said_on, s.speaker_name, s.on_behalf_of, s.attribution,
       CASE WHEN eq.quote = '' THEN NULL ELSE coalesce(eq.quote, s.quote) END AS quote, s.quote AS statement_quote,
       s.document_id, s.document_title, s.outlet, s.url, e.recordedIn AS recorded_in
FROM evidence e
JOIN position p ON p.id = e.positionId
JOIN party holder ON holder.id = p.holderId
JOIN statements s ON s.id = e.statementId
LEFT JOIN evidenceQuote eq
  ON eq.positionId = e.positionId AND eq.statementId = e.statementId AND eq.retiredIn IS NULL
WHERE e.retiredIn IS NULL;
