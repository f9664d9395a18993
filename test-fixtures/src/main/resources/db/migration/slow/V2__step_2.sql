-- A slow migration for the kill -9 and concurrent-process tests: DDL, a pause, then data.
CREATE TABLE step_2 (id int PRIMARY KEY, created_in text NOT NULL);
SELECT pg_sleep(0.2);
INSERT INTO step_2 (id, created_in) VALUES (1, '${db}');
