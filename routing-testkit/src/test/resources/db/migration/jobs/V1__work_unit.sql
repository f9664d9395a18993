CREATE TABLE work_unit (
    id bigserial PRIMARY KEY,
    state text NOT NULL
);
