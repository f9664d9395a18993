CREATE TABLE price (item_id bigint PRIMARY KEY REFERENCES item (id), cents bigint NOT NULL);
