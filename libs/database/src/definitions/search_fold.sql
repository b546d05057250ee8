-- Text as the search index reads it: ё folded into е; < and > become spaces, or the parser would
-- take `<script>alert` for markup and drop the word.
CREATE OR REPLACE FUNCTION search_fold(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT translate(coalesce(value, ''), 'ёЁ<>', 'еЕ  ') $$;
