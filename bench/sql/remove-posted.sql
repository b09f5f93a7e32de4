-- Removes the requests that the POST measurements filed, so that the dataset keeps its row count between
-- runs. They are the only requests with an api_client_ref (generate.sql leaves it empty).
--
-- A plain DELETE would fire every foreign-key trigger once per row, and the self-reference
-- service_requests.duplicate_of_ref has no index: each deleted row would then scan the whole table
-- (measured: minutes for 20,000 rows at 1M). So the triggers are skipped (superuser) and every table
-- that references service_requests, whatever the migrations have added, is cleaned explicitly.
\set ON_ERROR_STOP on
SET client_min_messages = warning;
BEGIN;
-- the benchmark's webhook subscription, with its deliveries and their log (cascades need the triggers on)
DELETE FROM webhook_subscriptions WHERE description = 'make bench';
SET LOCAL session_replication_role = replica;
CREATE TEMP TABLE posted ON COMMIT DROP AS SELECT id FROM service_requests WHERE api_client_ref IS NOT NULL;
DO $$
DECLARE
    ref record;
BEGIN
    FOR ref IN
        SELECT k.conrelid::regclass AS tbl, a.attname AS col, k.conrelid = 'service_requests'::regclass AS self
          FROM pg_constraint k
          JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
         WHERE k.contype = 'f' AND k.confrelid = 'service_requests'::regclass AND cardinality(k.conkey) = 1
    LOOP
        IF ref.self THEN
            EXECUTE format('UPDATE service_requests SET %I = NULL WHERE %I IN (SELECT id FROM posted)', ref.col, ref.col);
        ELSE
            EXECUTE format('DELETE FROM %s WHERE %I IN (SELECT id FROM posted)', ref.tbl, ref.col);
        END IF;
    END LOOP;
END $$;
DELETE FROM service_requests WHERE id IN (SELECT id FROM posted);
SELECT count(*) AS removed FROM posted;
COMMIT;
