-- Built without blocking writes; a file holding only CONCURRENTLY statements runs outside a transaction.
-- [jooq ignore start]
CREATE INDEX CONCURRENTLY IF NOT EXISTS work_unit_state_idx ON work_unit (state, id);
-- [jooq ignore stop]
