-- The search index's version: the folded number plus the changes not yet folded, in one snapshot.
CREATE OR REPLACE FUNCTION search_index_version() RETURNS bigint LANGUAGE sql STABLE AS $$
  SELECT (SELECT version FROM search_version) + (SELECT count(*) FROM search_version_change)
$$;
