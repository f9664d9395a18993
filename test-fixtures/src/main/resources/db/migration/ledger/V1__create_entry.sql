CREATE TABLE entry (id bigint PRIMARY KEY, account text NOT NULL);
