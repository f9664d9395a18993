ALTER TABLE ledger ADD COLUMN currency text;
