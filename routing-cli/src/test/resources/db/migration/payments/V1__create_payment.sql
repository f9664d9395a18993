CREATE TABLE payment (id bigint PRIMARY KEY);
