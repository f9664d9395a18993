-- Access tokens issued to signed-in users (only the users service and the admin service route this app).
CREATE TABLE access_token (
    id         bigserial    PRIMARY KEY,
    user_id    bigint       NOT NULL,
    token_hash varchar(64)  NOT NULL,
    expires_at timestamptz  NOT NULL,
    created_at timestamptz  NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX access_token_hash_key ON access_token (token_hash);
