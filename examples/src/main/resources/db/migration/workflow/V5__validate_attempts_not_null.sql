-- Step 4: validating scans the table without blocking writes.
-- [jooq ignore start]
ALTER TABLE work_unit VALIDATE CONSTRAINT work_unit_attempts_not_null;
-- [jooq ignore stop]
