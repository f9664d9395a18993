SET lock_timeout = '5s';
-- New nullable column: the deployed inserts do not need to know it.
ALTER TABLE customer ADD COLUMN phone varchar(30);
-- Widening is binary coercible and harmless to the deployed code.
ALTER TABLE customer ALTER COLUMN email TYPE varchar(300);
-- Release N-1 no longer uses legacy_code (excluded from its model), so it may go.
ALTER TABLE customer DROP COLUMN legacy_code;
