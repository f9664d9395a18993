CREATE TABLE workflow_2 (id bigint PRIMARY KEY, name text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
CREATE INDEX workflow_2_name ON workflow_2 (name);
INSERT INTO workflow_2 (id, name) SELECT g, 'row ' || g FROM generate_series(1, 100) g;
