CREATE TABLE products_2 (id bigint PRIMARY KEY, name text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
CREATE INDEX products_2_name ON products_2 (name);
INSERT INTO products_2 (id, name) SELECT g, 'row ' || g FROM generate_series(1, 100) g;
