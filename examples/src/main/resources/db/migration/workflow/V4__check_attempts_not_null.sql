-- Step 3: a NOT VALID check takes only a brief lock; it applies to new rows at once.
-- [jooq ignore start]
ALTER TABLE work_unit ADD CONSTRAINT work_unit_attempts_not_null CHECK (attempts IS NOT NULL) NOT VALID;
-- [jooq ignore stop]
