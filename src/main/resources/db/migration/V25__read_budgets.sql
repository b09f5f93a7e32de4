-- An API client's own budget of GETs per minute (null: open311.rate-limits.gets-per-key-per-minute). A GET that
-- carries a live api_key is counted against its key instead of its address: an app's back end that reads for
-- many citizens from one address gets the budget the city gave it.
ALTER TABLE api_clients ADD COLUMN gets_per_minute integer CHECK (gets_per_minute > 0);
