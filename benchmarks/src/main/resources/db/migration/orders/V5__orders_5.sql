CREATE TABLE orders_5 (id bigint PRIMARY KEY, name text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
CREATE INDEX orders_5_name ON orders_5 (name);
INSERT INTO orders_5 (id, name) SELECT g, 'row ' || g FROM generate_series(1, 100) g;
