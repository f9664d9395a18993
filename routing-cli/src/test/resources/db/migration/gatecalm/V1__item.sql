CREATE TABLE item (id bigint PRIMARY KEY, note text);
