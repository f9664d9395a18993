ALTER TABLE entry ADD COLUMN amount bigint NOT NULL;
