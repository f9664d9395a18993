-- Step 5: with the validated check in place, SET NOT NULL skips the full-table scan (PostgreSQL 12+);
-- the check is then redundant.
ALTER TABLE work_unit ALTER COLUMN attempts SET NOT NULL;
-- [jooq ignore start]
ALTER TABLE work_unit DROP CONSTRAINT work_unit_attempts_not_null;
-- [jooq ignore stop]
