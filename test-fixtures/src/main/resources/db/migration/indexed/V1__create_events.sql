CREATE TABLE event (id bigint PRIMARY KEY, kind text NOT NULL);
