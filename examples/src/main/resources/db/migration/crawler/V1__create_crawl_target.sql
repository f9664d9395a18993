-- What a crawler visits next.
CREATE TABLE crawl_target (
    id            bigserial     PRIMARY KEY,
    url           varchar(2000) NOT NULL,
    next_crawl_at timestamptz   NOT NULL DEFAULT now(),
    last_status   integer
);

CREATE INDEX crawl_target_next_idx ON crawl_target (next_crawl_at);
