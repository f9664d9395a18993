CREATE TABLE accounts_5 (id bigint PRIMARY KEY, name text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
CREATE INDEX accounts_5_name ON accounts_5 (name);
INSERT INTO accounts_5 (id, name) SELECT g, 'row ' || g FROM generate_series(1, 100) g;
