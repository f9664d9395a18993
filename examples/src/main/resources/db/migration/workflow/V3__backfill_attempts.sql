-- Step 2: backfill rows that hold NULL.
UPDATE work_unit SET attempts = 0 WHERE attempts IS NULL;
