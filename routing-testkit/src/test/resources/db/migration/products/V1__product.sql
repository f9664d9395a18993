CREATE TABLE product (
    sku text PRIMARY KEY,
    name text NOT NULL
);
