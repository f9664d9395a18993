CREATE TABLE accounts_3 (id bigint PRIMARY KEY, name text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
CREATE INDEX accounts_3_name ON accounts_3 (name);
INSERT INTO accounts_3 (id, name) SELECT g, 'row ' || g FROM generate_series(1, 100) g;
