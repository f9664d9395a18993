-- A reusable work queue: each service keeps its queue in its own database.
CREATE TABLE work_unit (
    id         bigserial    PRIMARY KEY,
    kind       varchar(100) NOT NULL,
    payload    text         NOT NULL,
    state      varchar(20)  NOT NULL DEFAULT 'pending',
    created_at timestamptz  NOT NULL DEFAULT now()
);
