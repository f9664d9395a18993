ALTER TABLE ledger ADD COLUMN amount numeric;

-- the next statement names a table that does not exist
ALTER TABLE no_such_table ADD COLUMN amount numeric;
