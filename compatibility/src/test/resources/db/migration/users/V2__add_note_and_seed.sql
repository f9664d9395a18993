ALTER TABLE item ADD COLUMN note text;
INSERT INTO item (name, note) VALUES ('seed', '${db}.${app}');
