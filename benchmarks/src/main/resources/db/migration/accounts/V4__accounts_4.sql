CREATE TABLE accounts_4 (id bigint PRIMARY KEY, name text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
CREATE INDEX accounts_4_name ON accounts_4 (name);
INSERT INTO accounts_4 (id, name) SELECT g, 'row ' || g FROM generate_series(1, 100) g;
