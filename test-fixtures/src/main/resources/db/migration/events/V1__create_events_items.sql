CREATE TABLE item (
    id bigint PRIMARY KEY,
    name text NOT NULL,
    created_for text NOT NULL DEFAULT '${db}.${app}'
);
