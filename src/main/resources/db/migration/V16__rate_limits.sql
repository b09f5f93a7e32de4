-- Rate limits shared by every node: each node counts locally and adds its counts here every half second, reading
-- back the city-wide total of each bucket (an address, an API key) for the current minute.
CREATE TABLE rate_limit_counts (
    bucket        text        NOT NULL,
    window_start  timestamptz NOT NULL,
    count         bigint      NOT NULL,
    PRIMARY KEY (bucket, window_start)
);

-- An API client's own POST budget per minute; null: the server's default (open311.rate-limits.posts-per-key-per-minute).
ALTER TABLE api_clients ADD COLUMN posts_per_minute integer CHECK (posts_per_minute > 0);
