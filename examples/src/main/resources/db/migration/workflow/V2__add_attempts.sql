-- Step 1 of making a column NOT NULL without breaking deployed code:
-- add it nullable with a default (old code does not write it; the default fills it).
ALTER TABLE work_unit ADD COLUMN attempts integer DEFAULT 0;
