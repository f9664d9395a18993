CREATE TABLE product (id bigint PRIMARY KEY);
