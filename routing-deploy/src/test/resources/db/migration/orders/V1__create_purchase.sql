CREATE TABLE purchase (id bigint PRIMARY KEY, item_id bigint NOT NULL);
