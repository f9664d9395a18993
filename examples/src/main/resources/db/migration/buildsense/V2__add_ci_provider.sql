-- Backward compatible: nullable, with a default.
ALTER TABLE build_run ADD COLUMN ci_provider varchar(50) DEFAULT 'unknown';
