-- How many published programmes have each facet value, for the unfiltered listing (the landing
-- page) without counting 100k rows: every change appends +1 / -1 rows to search_facet_delta (no hot
-- row to lock), and the worker folds them into one row per value.
CREATE OR REPLACE FUNCTION programme_search_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    INSERT INTO search_facet_delta (key_id, delta) SELECT unnest(OLD.facets), -1;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO search_facet_delta (key_id, delta) SELECT unnest(NEW.facets), 1;
  END IF;
  RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS programme_search_count ON programme_search;
CREATE TRIGGER programme_search_count AFTER INSERT OR DELETE ON programme_search
FOR EACH ROW EXECUTE FUNCTION programme_search_count();

DROP TRIGGER IF EXISTS programme_search_recount ON programme_search;
CREATE TRIGGER programme_search_recount AFTER UPDATE OF facets ON programme_search
FOR EACH ROW WHEN (OLD.facets IS DISTINCT FROM NEW.facets) EXECUTE FUNCTION programme_search_count();
