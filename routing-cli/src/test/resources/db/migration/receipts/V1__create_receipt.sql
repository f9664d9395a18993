CREATE TABLE receipt (id bigint PRIMARY KEY);
