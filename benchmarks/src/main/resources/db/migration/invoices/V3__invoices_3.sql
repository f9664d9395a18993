CREATE TABLE invoices_3 (id bigint PRIMARY KEY, name text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
CREATE INDEX invoices_3_name ON invoices_3 (name);
INSERT INTO invoices_3 (id, name) SELECT g, 'row ' || g FROM generate_series(1, 100) g;
