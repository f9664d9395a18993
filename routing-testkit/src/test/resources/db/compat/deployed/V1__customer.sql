-- The schema release N-1 of the crm app was built against.
CREATE TABLE customer (
    id          bigint       PRIMARY KEY,
    name        varchar(100) NOT NULL,
    email       varchar(200),
    legacy_code varchar(20)
);

CREATE TABLE visit (
    id          bigint PRIMARY KEY,
    customer_id bigint NOT NULL
);
