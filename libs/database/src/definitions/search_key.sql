-- A lexeme's key, as libs/language/src/normalise.ts `wordKey` computes a word's: Snowball again on the stem,
-- Russian for Cyrillic and English otherwise, until it stops changing (at most three stems from the word, the
-- first of which is the lexeme). Meilisearch's documents hold words by key; the PostgreSQL engine matches a
-- query word with every lexeme of its key, so both engines take the same forms for one word.
CREATE OR REPLACE FUNCTION search_key(lexeme text) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  current text := lexeme;
  next text;
BEGIN
  FOR i IN 1..2 LOOP
    next := (ts_lexize(CASE WHEN current ~ '[а-я]' THEN 'russian_stem' ELSE 'english_stem' END::regdictionary, current))[1];
    EXIT WHEN next IS NULL OR next = current OR length(next) < 2;
    current := next;
  END LOOP;
  RETURN current;
END $$;

-- the engine looks lexemes up by key
DROP INDEX IF EXISTS search_lexeme_key_idx;
CREATE INDEX search_lexeme_key_idx ON search_lexeme (search_key(lexeme));
