-- Full-text index over passages (paragraphs and table cells), on their jieba-segmented words.
-- An external-content FTS5 table: the text lives once, in passages; triggers keep the index in
-- step, including when a document's passages are deleted by the ON DELETE CASCADE of a re-ingest.
-- content="passages" is written with double quotes because that is what Datasette detects.
CREATE VIRTUAL TABLE IF NOT EXISTS passages_fts USING fts5(
    tokens, content="passages", content_rowid="id", tokenize="unicode61"
);
--;
CREATE TRIGGER IF NOT EXISTS passages_fts_insert AFTER INSERT ON passages BEGIN
    INSERT INTO passages_fts(rowid, tokens) VALUES (new.id, new.tokens);
END;
--;
CREATE TRIGGER IF NOT EXISTS passages_fts_delete AFTER DELETE ON passages BEGIN
    INSERT INTO passages_fts(passages_fts, rowid, tokens) VALUES ('delete', old.id, old.tokens);
END;
