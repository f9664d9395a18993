SET lock_timeout = '5s';
ALTER TABLE customer RENAME COLUMN email TO mail;
ALTER TABLE customer ALTER COLUMN name TYPE integer USING length(name);
ALTER TABLE customer ADD COLUMN tier integer NOT NULL;
DROP TABLE visit;
