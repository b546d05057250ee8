-- Writes one published programme into the PostgreSQL engine's index: programme_search (facets as
-- ids of 'param:code' keys, sort keys) for listings without text, and programme_search_text (the
-- same plus the weighted tsvector: title A, summary B, the rest C) for text queries. The
-- territories are those the programme serves (a federal programme serves Moscow too).
CREATE OR REPLACE FUNCTION programme_search_upsert(p programme) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  keys text[] := ARRAY(SELECT 'supportType:' || x FROM unnest(p.support_types) x)
    || ARRAY(SELECT 'applicantType:' || x FROM unnest(p.applicant_types) x)
    || ARRAY(SELECT 'stage:' || x FROM unnest(p.stages) x)
    || ARRAY(SELECT 'size:' || x FROM unnest(p.sizes) x)
    || ARRAY(SELECT 'industry:' || x FROM unnest(p.industries) x)
    || ARRAY(SELECT 'objective:' || x FROM unnest(p.objectives) x)
    || ARRAY(SELECT 'territory:' || x FROM unnest(p.territories_served) x)
    || ARRAY(SELECT 'provider:' || o.slug FROM organisation o WHERE o.id = p.provider_id)
    || ARRAY['status:' || p.status];
  ids int4[];
  rank smallint := programme_status_rank(p.status);
BEGIN
  ids := ARRAY(SELECT k.id FROM search_facet_key k WHERE k.key = ANY(keys) ORDER BY k.id);
  IF cardinality(ids) < cardinality(keys) THEN
    INSERT INTO search_facet_key (key) SELECT unnest(keys) ON CONFLICT DO NOTHING;
    -- a new statement sees keys another transaction has just committed
    ids := ARRAY(SELECT k.id FROM search_facet_key k WHERE k.key = ANY(keys) ORDER BY k.id);
  END IF;
  INSERT INTO programme_search (id, facets, closes_at, status_rank, updated_at, amount_min, amount_max, amount_sort)
  VALUES (p.id, ids, p.closes_at, rank, p.updated_at, p.amount_min, p.amount_max, coalesce(p.amount_max, p.amount_min))
  ON CONFLICT (id) DO UPDATE SET
    facets = EXCLUDED.facets, closes_at = EXCLUDED.closes_at, status_rank = EXCLUDED.status_rank, updated_at = EXCLUDED.updated_at,
    amount_min = EXCLUDED.amount_min, amount_max = EXCLUDED.amount_max, amount_sort = EXCLUDED.amount_sort;
  INSERT INTO programme_search_text (id, facets, closes_at, status_rank, updated_at, amount_min, amount_max, amount_sort, search_vector)
  VALUES (
    p.id, ids, p.closes_at, rank, p.updated_at, p.amount_min, p.amount_max, coalesce(p.amount_max, p.amount_min),
    setweight(to_tsvector('russian'::regconfig, search_fold(p.title_ru) || ' ' || search_fold(p.title_en)), 'A') ||
    setweight(to_tsvector('russian'::regconfig, search_fold(p.summary_ru) || ' ' || search_fold(p.summary_en)), 'B') ||
    setweight(to_tsvector('russian'::regconfig,
      search_fold(p.description_ru) || ' ' || search_fold(p.description_en) || ' ' ||
      search_fold(p.benefit_ru) || ' ' || search_fold(p.benefit_en) || ' ' ||
      search_fold(p.eligibility_ru) || ' ' || search_fold(p.eligibility_en) || ' ' ||
      search_fold(programme_facts_text(p))), 'C'))
  ON CONFLICT (id) DO UPDATE SET
    search_vector = EXCLUDED.search_vector, facets = EXCLUDED.facets, closes_at = EXCLUDED.closes_at,
    status_rank = EXCLUDED.status_rank, updated_at = EXCLUDED.updated_at, amount_min = EXCLUDED.amount_min,
    amount_max = EXCLUDED.amount_max, amount_sort = EXCLUDED.amount_sort;
END $$;
