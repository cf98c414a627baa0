-- Indexes for a store of a million statements (see BENCHMARKS.md for the measurements).
--
-- The loader checks that a new position does not repeat one of the same holder, issue,
-- proposition key and kind. position_holder_issue served only the first two columns, so each
-- new position read every position its holder had ever taken on that issue. position_slot serves
-- that check and, through its first two columns, every query position_holder_issue served, so it
-- replaces it (one index fewer to keep up on every insert).
CREATE INDEX position_slot ON position(holderId, issueId, propositionKey, kind);
DROP INDEX position_holder_issue;

-- A party with its parts (`WITH RECURSIVE parts … ON party.parentId = parts.id`, on every
-- query by party) made SQLite build an automatic index over the party table each time.
CREATE INDEX party_parentId ON party(parentId);
