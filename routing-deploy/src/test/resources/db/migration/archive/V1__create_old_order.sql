CREATE TABLE old_order (id bigint PRIMARY KEY);
