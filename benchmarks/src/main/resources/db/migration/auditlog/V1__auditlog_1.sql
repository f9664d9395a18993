CREATE TABLE auditlog_1 (id bigint PRIMARY KEY, name text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
CREATE INDEX auditlog_1_name ON auditlog_1 (name);
INSERT INTO auditlog_1 (id, name) SELECT g, 'row ' || g FROM generate_series(1, 100) g;
