CREATE TABLE products_1 (id bigint PRIMARY KEY, name text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
CREATE INDEX products_1_name ON products_1 (name);
INSERT INTO products_1 (id, name) SELECT g, 'row ' || g FROM generate_series(1, 100) g;
