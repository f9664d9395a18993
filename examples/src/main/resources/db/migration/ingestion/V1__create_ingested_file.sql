-- Files a build uploaded, waiting to be processed.
CREATE TABLE ingested_file (
    id          bigserial     PRIMARY KEY,
    build_id    bigint        NOT NULL,
    path        varchar(1000) NOT NULL,
    size_bytes  bigint        NOT NULL CHECK (size_bytes >= 0),
    received_at timestamptz   NOT NULL DEFAULT now()
);
