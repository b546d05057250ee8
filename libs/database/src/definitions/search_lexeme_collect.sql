-- Typo correction looks words up in search_lexeme: the lexemes of published programmes. Words are
-- added only when no committed row has them (no unique key, so a save never waits on an import that
-- introduced the same word; the worker folds the rare duplicate away).
CREATE OR REPLACE FUNCTION search_lexeme_collect() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' OR NEW.search_vector IS DISTINCT FROM OLD.search_vector THEN
    INSERT INTO search_lexeme (lexeme)
    SELECT x FROM unnest(tsvector_to_array(NEW.search_vector)) AS x
     WHERE NOT EXISTS (SELECT 1 FROM search_lexeme l WHERE l.lexeme = x);
  END IF;
  RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS programme_search_lexemes ON programme_search_text;
CREATE TRIGGER programme_search_lexemes AFTER INSERT OR UPDATE ON programme_search_text
FOR EACH ROW EXECUTE FUNCTION search_lexeme_collect();
