-- Backward compatible: nullable, with a default.
ALTER TABLE maven_artifact ADD COLUMN packaging varchar(20) DEFAULT 'jar';
