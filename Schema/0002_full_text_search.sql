-- Full-text search over what people look for in words. Frozen once landed: a change is a new file.
--
-- One FTS5 index holds three kinds of rows:
--   kind 'position'   text = the proposition, keywords = its key ('international-recognition-…')
--   kind 'statement'  text = the verbatim quote
--   kind 'document'   text = the title
-- `id` is the id of the row in its own table. The tokenizer folds case and diacritics, and splits
-- keys on their hyphens. Rows of the indexed tables are append-only (their content never changes
-- and nothing is deleted), so the index is kept by AFTER INSERT triggers alone; whether a row is
-- still visible (retired, deprecated, known at a revision) is decided by joining its table.

CREATE VIRTUAL TABLE searchIndex USING fts5(
  kind UNINDEXED,
  id UNINDEXED,
  text,
  keywords,
  tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER position_searchIndex AFTER INSERT ON position
BEGIN
  INSERT INTO searchIndex (kind, id, text, keywords)
  VALUES ('position', NEW.id, NEW.proposition, NEW.propositionKey);
END;

CREATE TRIGGER statement_searchIndex AFTER INSERT ON statement
BEGIN
  INSERT INTO searchIndex (kind, id, text, keywords) VALUES ('statement', NEW.id, NEW.quote, '');
END;

CREATE TRIGGER document_searchIndex AFTER INSERT ON document
BEGIN
  INSERT INTO searchIndex (kind, id, text, keywords) VALUES ('document', NEW.id, NEW.title, '');
END;

-- Rows recorded before this migration.
INSERT INTO searchIndex (kind, id, text, keywords)
SELECT 'position', id, proposition, propositionKey FROM position ORDER BY id;
INSERT INTO searchIndex (kind, id, text, keywords)
SELECT 'statement', id, quote, '' FROM statement ORDER BY id;
INSERT INTO searchIndex (kind, id, text, keywords)
SELECT 'document', id, title, '' FROM document ORDER BY id;
