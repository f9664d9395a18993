CREATE TABLE products_4 (id bigint PRIMARY KEY, name text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
CREATE INDEX products_4_name ON products_4 (name);
INSERT INTO products_4 (id, name) SELECT g, 'row ' || g FROM generate_series(1, 100) g;
