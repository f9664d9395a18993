CREATE TABLE event (
    id bigserial PRIMARY KEY,
    what text NOT NULL
);
