-- A number that moves with every change to the index, read in the same snapshot as a search's
-- answer: an answer computed at version v stays exact while the version is v. Each transaction that
-- changes the index inserts its own row (its transaction id), so no two writers touch the same row
-- and a long import never makes an editor's save wait; the worker folds the rows into
-- search_version.version. Read with search_index_version().
CREATE OR REPLACE FUNCTION search_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_version_change (tx) VALUES (pg_current_xact_id()) ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS programme_search_version ON programme_search;
CREATE TRIGGER programme_search_version AFTER INSERT OR UPDATE OR DELETE ON programme_search
FOR EACH STATEMENT EXECUTE FUNCTION search_version_bump();

DROP TRIGGER IF EXISTS programme_search_text_version ON programme_search_text;
CREATE TRIGGER programme_search_text_version AFTER INSERT OR UPDATE OR DELETE ON programme_search_text
FOR EACH STATEMENT EXECUTE FUNCTION search_version_bump();
