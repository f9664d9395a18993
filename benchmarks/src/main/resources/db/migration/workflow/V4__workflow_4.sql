CREATE TABLE workflow_4 (id bigint PRIMARY KEY, name text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
CREATE INDEX workflow_4_name ON workflow_4 (name);
INSERT INTO workflow_4 (id, name) SELECT g, 'row ' || g FROM generate_series(1, 100) g;
