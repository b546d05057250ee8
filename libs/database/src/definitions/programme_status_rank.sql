-- The open-first order: what takes applications now, then standing offers, then upcoming rounds,
-- then entries whose status no current source confirms, then closed ones. The same order as
-- STATUS_RANK in libs/catalogue/src/programmes/programme-status.ts (a unit test compares them).
CREATE OR REPLACE FUNCTION programme_status_rank(status text) RETURNS smallint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE status WHEN 'open' THEN 0 WHEN 'standing' THEN 1 WHEN 'upcoming' THEN 2 WHEN 'not_confirmed' THEN 3 ELSE 4 END::smallint
$$;
