CREATE TABLE item (
    id bigserial PRIMARY KEY,
    note text
);
