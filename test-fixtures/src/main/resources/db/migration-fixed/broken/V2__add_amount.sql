ALTER TABLE ledger ADD COLUMN amount numeric;
