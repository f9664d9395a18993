CREATE TABLE orders_1 (id bigint PRIMARY KEY, name text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
CREATE INDEX orders_1_name ON orders_1 (name);
INSERT INTO orders_1 (id, name) SELECT g, 'row ' || g FROM generate_series(1, 100) g;
