-- Keeps the PostgreSQL engine's index in the same transaction as every change to a programme, so it
-- is never stale and never holds a draft or a deleted entry.
CREATE OR REPLACE FUNCTION programme_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'DELETE' AND NEW.publication_state = 'published' AND NEW.deleted_at IS NULL THEN
    PERFORM programme_search_upsert(NEW);
  ELSIF TG_OP <> 'INSERT' THEN
    DELETE FROM programme_search WHERE id = OLD.id;
  END IF;
  RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS programme_search_sync ON programme;
CREATE TRIGGER programme_search_sync AFTER INSERT OR UPDATE OR DELETE ON programme
FOR EACH ROW EXECUTE FUNCTION programme_search_sync();
