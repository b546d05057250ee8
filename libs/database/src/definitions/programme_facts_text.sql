-- A programme's key facts (labels and values, both languages) as one searchable text.
CREATE OR REPLACE FUNCTION programme_facts_text(p programme) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(string_agg(
           concat_ws(' ', f->'label'->>'ru', f->'label'->>'en', f->'value'->>'ru', f->'value'->>'en'), ' '), '')
    FROM jsonb_array_elements(p.key_facts) f
$$;
