CREATE TABLE invoice (
    id bigserial PRIMARY KEY,
    total_cents bigint NOT NULL
);
