CREATE TABLE workflow_5 (id bigint PRIMARY KEY, name text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
CREATE INDEX workflow_5_name ON workflow_5 (name);
INSERT INTO workflow_5 (id, name) SELECT g, 'row ' || g FROM generate_series(1, 100) g;
