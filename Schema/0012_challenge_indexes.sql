-- Which positions are challenged: the brief and `parley contested` ask for every position another
-- party disputes (evidence with the role 'disputes') on each question. With no index on the role,
-- that was a scan of every piece of evidence (1.1 million rows at 1M statements). A partial index
-- keeps only the disputing rows, with the columns the record-time filter reads. Index only.
CREATE INDEX evidence_disputes ON evidence(positionId, recordedIn, retiredIn)
WHERE role = 'disputes';
