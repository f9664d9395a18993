CREATE TABLE ledger (id bigint PRIMARY KEY);
