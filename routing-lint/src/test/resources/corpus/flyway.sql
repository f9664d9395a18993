-- Cases written from Flyway's documentation of how it runs PostgreSQL migrations (a transaction per file,
-- mixed, executeInTransaction, the PostgreSQL transactional lock) and from its PostgreSQL parser, which
-- decides which statements run outside a transaction. "peer" is Flyway's behaviour.

-- case: non-transactional-file/two-concurrent-indexes
-- source: https://documentation.red-gate.com/fd/migration-transaction-handling-273973399.html
-- peer: Flyway runs a file of only non-transactional statements without a transaction
-- expect: safe
CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);
CREATE INDEX CONCURRENTLY orders_created_idx ON orders (created_at);

-- case: mixed/set-then-concurrent-index
-- source: https://documentation.red-gate.com/fd/flyway-mixed-setting-277578981.html
-- peer: Flyway refuses a file mixing transactional and non-transactional statements unless mixed=true
-- expect: unsafe flyway-mixed-transactional
SET lock_timeout = '5s';
CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);

-- case: mixed/allowed
-- source: https://documentation.red-gate.com/fd/flyway-mixed-setting-277578981.html
-- peer: with mixed=true Flyway runs the mixed file without a transaction
-- expect: safe
-- settings: flyway-mixed=true
SET lock_timeout = '5s';
CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);

-- case: mixed/vacuum-and-analyze
-- source: https://documentation.red-gate.com/fd/flyway-mixed-setting-277578981.html
-- peer: Flyway's parser marks VACUUM non-transactional and ANALYZE transactional
-- expect: unsafe flyway-mixed-transactional
VACUUM orders;
ANALYZE orders;

-- case: mixed/vacuum-alone
-- source: https://documentation.red-gate.com/fd/migration-transaction-handling-273973399.html
-- peer: Flyway runs VACUUM alone without a transaction
-- expect: safe
VACUUM ANALYZE orders;

-- case: execute-in-transaction/forced-on
-- source: https://documentation.red-gate.com/fd/script-configuration-271583254.html
-- peer: executeInTransaction=true makes Flyway run CREATE INDEX CONCURRENTLY in a transaction, which fails
-- expect: unsafe concurrent-index-in-transaction
-- file: V5__index.sql.conf
executeInTransaction=true
-- file: V5__index.sql
CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);

-- case: execute-in-transaction/forced-off
-- source: https://documentation.red-gate.com/fd/script-configuration-271583254.html
-- peer: executeInTransaction=false runs the file without a transaction
-- expect: safe
-- file: V5__index.sql.conf
executeInTransaction=false
-- file: V5__index.sql
SET lock_timeout = '5s';
CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);

-- case: execute-in-transaction/off-with-begin-commit
-- source: https://documentation.red-gate.com/fd/script-configuration-271583254.html
-- peer: with executeInTransaction=false the script's own transaction holds CREATE INDEX CONCURRENTLY
-- expect: unsafe concurrent-index-in-transaction
-- file: V5__index.sql.conf
executeInTransaction=false
-- file: V5__index.sql
BEGIN;
CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);
COMMIT;

-- case: execute-in-transaction/off-with-own-transaction
-- source: https://documentation.red-gate.com/fd/script-configuration-271583254.html
-- peer: with executeInTransaction=false the script may run its own transaction
-- expect: safe
-- file: V5__tx.sql.conf
executeInTransaction=false
-- file: V5__tx.sql
BEGIN;
ALTER TABLE orders ADD COLUMN note text;
COMMIT;

-- case: parser/reindex-schema
-- source: https://github.com/flyway/flyway/blob/main/flyway-database/flyway-database-postgresql/src/main/java/org/flywaydb/database/postgresql/PostgreSQLParser.java
-- peer: Flyway's parser runs REINDEX SCHEMA outside a transaction; it still locks out writes table by table
-- expect: unsafe reindex-non-concurrent
REINDEX (VERBOSE) SCHEMA orders;

-- case: parser/reindex-schema-concurrently
-- source: https://github.com/flyway/flyway/blob/main/flyway-database/flyway-database-postgresql/src/main/java/org/flywaydb/database/postgresql/PostgreSQLParser.java
-- peer: Flyway's parser runs REINDEX SCHEMA outside a transaction
-- expect: safe
REINDEX SCHEMA CONCURRENTLY orders;

-- case: parser/reindex-index-concurrently
-- source: https://github.com/flyway/flyway/blob/main/flyway-database/flyway-database-postgresql/src/main/java/org/flywaydb/database/postgresql/PostgreSQLParser.java
-- peer: Flyway's parser does not recognise REINDEX INDEX CONCURRENTLY and runs it in a transaction
-- expect: unsafe concurrent-index-in-transaction
REINDEX INDEX CONCURRENTLY orders_customer_idx;

-- case: parser/cluster-without-table
-- source: https://github.com/flyway/flyway/blob/main/flyway-database/flyway-database-postgresql/src/main/java/org/flywaydb/database/postgresql/PostgreSQLParser.java
-- peer: Flyway's parser does not recognise CLUSTER and runs it in a transaction, where PostgreSQL refuses the form without a table
-- expect: unsafe fails-in-transaction table-maintenance
CLUSTER VERBOSE;

-- case: parser/enum-value-on-12
-- source: https://github.com/flyway/flyway/blob/main/flyway-database/flyway-database-postgresql/src/main/java/org/flywaydb/database/postgresql/PostgreSQLParser.java
-- peer: from PostgreSQL 12 Flyway runs ADD VALUE in the file's transaction
-- expect: safe
ALTER TYPE order_state ADD VALUE 'refunded';
ALTER TABLE orders ADD COLUMN refunded_at timestamptz;

-- case: parser/enum-value-used-on-12
-- source: https://github.com/flyway/flyway/blob/main/flyway-database/flyway-database-postgresql/src/main/java/org/flywaydb/database/postgresql/PostgreSQLParser.java
-- peer: from PostgreSQL 12 Flyway runs ADD VALUE in the file's transaction, where the new value cannot be used
-- expect: unsafe fails-in-transaction
ALTER TYPE order_state ADD VALUE 'refunded';
UPDATE orders SET state = 'refunded' WHERE refunded_at IS NOT NULL;

-- case: parser/enum-value-default-on-12
-- source: https://github.com/flyway/flyway/blob/main/flyway-database/flyway-database-postgresql/src/main/java/org/flywaydb/database/postgresql/PostgreSQLParser.java
-- peer: the new value as a default in the same transaction fails too
-- expect: unsafe fails-in-transaction
ALTER TYPE order_state ADD VALUE 'new';
ALTER TABLE orders ALTER COLUMN state SET DEFAULT 'new';

-- case: parser/create-database
-- source: https://github.com/flyway/flyway/blob/main/flyway-database/flyway-database-postgresql/src/main/java/org/flywaydb/database/postgresql/PostgreSQLParser.java
-- peer: Flyway's parser runs CREATE DATABASE alone outside a transaction (it runs; it still reaches beyond the migrated database)
-- expect: unsafe cluster-statement
CREATE DATABASE reporting;

-- case: parser/discard-all
-- source: https://github.com/flyway/flyway/blob/main/flyway-database/flyway-database-postgresql/src/main/java/org/flywaydb/database/postgresql/PostgreSQLParser.java
-- peer: Flyway's parser runs DISCARD ALL alone outside a transaction
-- expect: safe
DISCARD ALL;

-- case: transactional-lock/concurrent-index
-- source: https://documentation.red-gate.com/fd/flyway-postgresql-transactional-lock-setting-277579114.html
-- peer: with the transactional lock on, CREATE INDEX CONCURRENTLY waits for Flyway's own transaction forever
-- expect: unsafe flyway-cic-transactional-lock
-- settings: flyway-transactional-lock=true
CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);

-- case: transactional-lock/off
-- source: https://documentation.red-gate.com/fd/flyway-postgresql-transactional-lock-setting-277579114.html
-- peer: with the transactional lock off (approuting's migrator) the index builds
-- expect: safe
-- settings: flyway-transactional-lock=false
CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);

-- case: repeatable/view
-- source: https://documentation.red-gate.com/fd/repeatable-migrations-273973335.html
-- peer: a repeatable migration replacing a view runs in a transaction
-- expect: safe
-- file: R__order_totals.sql
CREATE OR REPLACE VIEW order_totals AS SELECT customer_id, sum(total) AS total FROM orders GROUP BY customer_id;

-- case: placeholders/table-name
-- source: https://documentation.red-gate.com/fd/migration-placeholders-273973310.html
-- peer: placeholders are replaced before the statement runs
-- expect: unsafe create-index-non-concurrent
CREATE INDEX ${app}_orders_customer_idx ON orders (customer_id);
