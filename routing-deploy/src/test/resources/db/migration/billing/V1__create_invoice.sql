CREATE TABLE invoice (id bigint PRIMARY KEY, cents bigint NOT NULL);
