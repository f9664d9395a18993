-- Cases written from the PostgreSQL documentation: the examples of its command pages and the recipes of
-- its chapters. "peer" is what the documentation says the command does.

-- case: alter-table/add-column
-- source: https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-EXAMPLES
-- peer: PostgreSQL docs: adding a column without a volatile default changes the catalog only
-- expect: safe
ALTER TABLE distributors ADD COLUMN address varchar(30);

-- case: alter-table/add-column-default-now
-- source: https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-EXAMPLES
-- peer: PostgreSQL docs: a non-volatile default is evaluated once, no rewrite
-- expect: safe
ALTER TABLE measurements ADD COLUMN mtime timestamp with time zone DEFAULT now();

-- case: alter-table/add-column-then-default
-- source: https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-EXAMPLES
-- peer: PostgreSQL docs: existing rows get 'old', new rows 'current'
-- expect: safe
ALTER TABLE transactions ADD COLUMN status varchar(30) DEFAULT 'old', ALTER COLUMN status SET default 'current';

-- case: alter-table/add-column-clock-timestamp
-- source: https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-NOTES
-- peer: PostgreSQL docs: a volatile default such as clock_timestamp() rewrites the table
-- expect: unsafe volatile-default
ALTER TABLE measurements ADD COLUMN recorded timestamptz DEFAULT clock_timestamp();

-- case: alter-table/add-column-nextval
-- source: https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-NOTES
-- peer: PostgreSQL docs: a volatile default rewrites the table
-- expect: unsafe volatile-default
ALTER TABLE measurements ADD COLUMN seq bigint DEFAULT nextval('measurement_seq');

-- case: alter-table/drop-column
-- source: https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-EXAMPLES
-- peer: PostgreSQL docs: the column is hidden at once, the code that uses it breaks
-- expect: unsafe drop-column
ALTER TABLE distributors DROP COLUMN address RESTRICT;

-- case: alter-table/widen-two-columns
-- source: https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-EXAMPLES
-- peer: PostgreSQL docs: raising a varchar limit needs no rewrite
-- expect: safe
-- file: V1__distributors.sql
CREATE TABLE distributors (did integer PRIMARY KEY, name varchar(40), address varchar(30));
-- file: V2__widen.sql
ALTER TABLE distributors ALTER COLUMN address TYPE varchar(80), ALTER COLUMN name TYPE varchar(100);

-- case: alter-table/integer-to-timestamptz-using
-- source: https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-EXAMPLES
-- peer: PostgreSQL docs: a USING expression that converts the values rewrites the table
-- expect: unsafe alter-column-type
-- file: V1__foo.sql
CREATE TABLE foo (id int PRIMARY KEY, foo_timestamp integer);
-- file: V2__convert.sql
ALTER TABLE foo
    ALTER COLUMN foo_timestamp SET DATA TYPE timestamp with time zone
    USING timestamp with time zone 'epoch' + foo_timestamp * interval '1 second';

-- case: alter-table/convert-with-default
-- source: https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-EXAMPLES
-- peer: PostgreSQL docs: the default is dropped, the column converted (a rewrite) and a new default set
-- expect: unsafe alter-column-type
ALTER TABLE foo
    ALTER COLUMN foo_timestamp DROP DEFAULT,
    ALTER COLUMN foo_timestamp TYPE timestamp with time zone
    USING timestamp with time zone 'epoch' + foo_timestamp * interval '1 second',
    ALTER COLUMN foo_timestamp SET DEFAULT now();

-- case: alter-table/rename-column
-- source: https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-EXAMPLES
-- peer: PostgreSQL docs: renames the column
-- expect: unsafe rename-column
ALTER TABLE distributors RENAME COLUMN address TO city;

-- case: alter-table/rename-table
-- source: https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-EXAMPLES
-- peer: PostgreSQL docs: renames the table
-- expect: unsafe rename-table
ALTER TABLE distributors RENAME TO suppliers;

-- case: alter-table/rename-constraint
-- source: https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-EXAMPLES
-- peer: PostgreSQL docs: renames the constraint, a catalog change
-- expect: safe
ALTER TABLE distributors RENAME CONSTRAINT zipchk TO zip_check;

-- case: alter-table/set-not-null
-- source: https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-DESC-SET-DROP-NOT-NULL
-- peer: PostgreSQL docs: SET NOT NULL scans the table unless a valid CHECK proves it
-- expect: unsafe set-not-null
ALTER TABLE distributors ALTER COLUMN street SET NOT NULL;

-- case: alter-table/drop-not-null
-- source: https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-EXAMPLES
-- peer: PostgreSQL docs: a catalog change
-- expect: safe
ALTER TABLE distributors ALTER COLUMN street DROP NOT NULL;

-- case: alter-table/add-check
-- source: https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-EXAMPLES
-- peer: PostgreSQL docs: the table is scanned to check existing rows
-- expect: unsafe add-check-constraint-validated
ALTER TABLE distributors ADD CONSTRAINT zipchk CHECK (char_length(zipcode) = 5);

-- case: alter-table/add-check-no-inherit
-- source: https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-EXAMPLES
-- peer: PostgreSQL docs: the table is scanned to check existing rows
-- expect: unsafe add-check-constraint-validated
ALTER TABLE distributors ADD CONSTRAINT zipchk CHECK (char_length(zipcode) = 5) NO INHERIT;

-- case: alter-table/drop-constraint
-- source: https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-EXAMPLES
-- peer: PostgreSQL docs: a catalog change
-- expect: safe
ALTER TABLE distributors DROP CONSTRAINT zipchk;

-- case: alter-table/drop-constraint-only
-- source: https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-EXAMPLES
-- peer: PostgreSQL docs: a catalog change
-- expect: safe
ALTER TABLE ONLY distributors DROP CONSTRAINT zipchk;

-- case: alter-table/add-foreign-key
-- source: https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-EXAMPLES
-- peer: PostgreSQL docs: existing rows are checked under SHARE ROW EXCLUSIVE on both tables
-- expect: unsafe add-fk-validated
ALTER TABLE distributors ADD CONSTRAINT distfk FOREIGN KEY (address) REFERENCES addresses (address);

-- case: alter-table/add-foreign-key-not-valid
-- source: https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-EXAMPLES
-- peer: PostgreSQL docs: NOT VALID skips the check of existing rows
-- expect: safe
ALTER TABLE distributors ADD CONSTRAINT distfk FOREIGN KEY (address) REFERENCES addresses (address) NOT VALID;

-- case: alter-table/validate-foreign-key
-- source: https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-EXAMPLES
-- peer: PostgreSQL docs: validation takes SHARE UPDATE EXCLUSIVE, so reads and writes go on
-- expect: safe
ALTER TABLE distributors VALIDATE CONSTRAINT distfk;

-- case: alter-table/add-unique
-- source: https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-EXAMPLES
-- peer: PostgreSQL docs: builds a unique index under ACCESS EXCLUSIVE
-- expect: unsafe add-unique-constraint
ALTER TABLE distributors ADD CONSTRAINT dist_id_zipcode_key UNIQUE (dist_id, zipcode);

-- case: alter-table/add-primary-key
-- source: https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-EXAMPLES
-- peer: PostgreSQL docs: builds the primary key's index under ACCESS EXCLUSIVE
-- expect: unsafe add-unique-constraint
ALTER TABLE distributors ADD PRIMARY KEY (dist_id);

-- case: alter-table/replace-primary-key-using-index
-- source: https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-EXAMPLES
-- peer: PostgreSQL docs: recreates a primary key without blocking updates while the index is rebuilt
-- expect: safe
-- file: V1__distributors.sql
CREATE TABLE distributors (dist_id integer PRIMARY KEY, name text);
-- file: V2__index.sql
CREATE UNIQUE INDEX CONCURRENTLY dist_id_temp_idx ON distributors (dist_id);
-- file: V3__swap.sql
ALTER TABLE distributors DROP CONSTRAINT distributors_pkey,
    ADD CONSTRAINT distributors_pkey PRIMARY KEY USING INDEX dist_id_temp_idx;

-- case: alter-table/set-tablespace
-- source: https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-EXAMPLES
-- peer: PostgreSQL docs: the table's files are moved under ACCESS EXCLUSIVE
-- expect: unsafe table-maintenance
ALTER TABLE distributors SET TABLESPACE fasttablespace;

-- case: alter-table/set-schema
-- source: https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-EXAMPLES
-- peer: PostgreSQL docs: moves the table to another schema
-- expect: unsafe rename-table
ALTER TABLE myschema.distributors SET SCHEMA yourschema;

-- case: alter-table/set-storage-parameter
-- source: https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-DESC-SET-STORAGE-PARAMETER
-- peer: PostgreSQL docs: fillfactor takes SHARE UPDATE EXCLUSIVE and applies to later writes
-- expect: safe
ALTER TABLE distributors SET (fillfactor = 70);

-- case: alter-table/set-statistics
-- source: https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-DESC-SET-STATISTICS
-- peer: PostgreSQL docs: SHARE UPDATE EXCLUSIVE, applies at the next ANALYZE
-- expect: safe
ALTER TABLE distributors ALTER COLUMN address SET STATISTICS 500;

-- case: alter-table/set-logged
-- source: https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-DESC-SET-LOGGED-UNLOGGED
-- peer: PostgreSQL docs: rewrites the table
-- expect: unsafe set-logged-unlogged
ALTER TABLE staging_events SET LOGGED;

-- case: alter-table/set-access-method
-- source: https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-DESC-SET-ACCESS-METHOD
-- peer: PostgreSQL docs: rewrites the table
-- expect: unsafe table-maintenance
ALTER TABLE events SET ACCESS METHOD columnar;

-- case: alter-table/identity-column
-- source: https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-NOTES
-- peer: PostgreSQL docs: an identity column is filled for every row, a rewrite
-- expect: unsafe volatile-default
ALTER TABLE events ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY;

-- case: alter-table/make-existing-column-identity
-- source: https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-DESC-ADD-IDENTITY
-- peer: PostgreSQL docs: a catalog change over a NOT NULL column
-- expect: safe
ALTER TABLE events ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY;

-- case: alter-table/drop-expression
-- source: https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-DESC-DROP-EXPRESSION
-- peer: PostgreSQL docs: the stored values stay, the column becomes a plain one
-- expect: safe
ALTER TABLE invoices ALTER COLUMN total DROP EXPRESSION;

-- case: alter-table/timestamp-to-timestamptz
-- source: https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-NOTES
-- peer: PostgreSQL release notes (12): no rewrite when the session time zone is UTC (a warning here)
-- expect: safe
-- file: V1__events.sql
CREATE TABLE events (id bigint PRIMARY KEY, at timestamp);
-- file: V2__tz.sql
ALTER TABLE events ALTER COLUMN at TYPE timestamptz;

-- case: alter-table/varchar-array-to-text-array
-- source: https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-NOTES
-- peer: PostgreSQL docs: only a binary-coercible type skips the rewrite; an array of another type is converted element by element
-- expect: unsafe alter-column-type
-- file: V1__tags.sql
CREATE TABLE posts (id bigint PRIMARY KEY, tags varchar(20)[]);
-- file: V2__text.sql
ALTER TABLE posts ALTER COLUMN tags TYPE text[];

-- case: alter-table/char-widened
-- source: https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-NOTES
-- peer: PostgreSQL docs: char(n) has no binary-coercible widening, every value is padded again
-- expect: unsafe alter-column-type
-- file: V1__codes.sql
CREATE TABLE codes (id bigint PRIMARY KEY, code char(5));
-- file: V2__wider.sql
ALTER TABLE codes ALTER COLUMN code TYPE char(10);

-- case: alter-table/xml-to-text
-- source: https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-NOTES
-- peer: PostgreSQL docs: xml is binary coercible to text, no rewrite
-- expect: safe
-- file: V1__documents.sql
CREATE TABLE documents (id bigint PRIMARY KEY, body xml);
-- file: V2__text.sql
ALTER TABLE documents ALTER COLUMN body TYPE text;

-- case: alter-table/bit-to-varbit
-- source: https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-NOTES
-- peer: PostgreSQL docs: bit is binary coercible to bit varying, no rewrite
-- expect: safe
-- file: V1__flags.sql
CREATE TABLE flags (id bigint PRIMARY KEY, mask bit(8));
-- file: V2__varbit.sql
ALTER TABLE flags ALTER COLUMN mask TYPE bit varying;

-- case: alter-table/unconstrained-domain
-- source: https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-NOTES
-- peer: PostgreSQL docs: an unconstrained domain over the same type skips the rewrite
-- expect: safe
-- file: V1__users.sql
CREATE DOMAIN email_address AS text;
CREATE TABLE users (id bigint PRIMARY KEY, email text);
-- file: V2__domain.sql
ALTER TABLE users ALTER COLUMN email TYPE email_address;

-- case: alter-table/constrained-domain
-- source: https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-NOTES
-- peer: PostgreSQL docs: a domain with constraints is checked for every value, a rewrite
-- expect: unsafe alter-column-type
-- file: V1__users.sql
CREATE DOMAIN email_address AS text CHECK (VALUE LIKE '%@%');
CREATE TABLE users (id bigint PRIMARY KEY, email text);
-- file: V2__domain.sql
ALTER TABLE users ALTER COLUMN email TYPE email_address;

-- case: alter-table/collation-of-indexed-column
-- source: https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-NOTES
-- peer: PostgreSQL docs: a collation change rebuilds the column's indexes
-- expect: unsafe alter-column-type
-- file: V1__users.sql
CREATE TABLE users (id bigint PRIMARY KEY, name text);
CREATE INDEX users_name_idx ON users (name);
-- file: V2__collation.sql
ALTER TABLE users ALTER COLUMN name TYPE text COLLATE "C";

-- case: alter-table/collation-of-plain-column
-- source: https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-NOTES
-- peer: PostgreSQL docs: without an index over the column there is nothing to rebuild
-- expect: safe
-- file: V1__users.sql
CREATE TABLE users (id bigint PRIMARY KEY, name text);
-- file: V2__collation.sql
ALTER TABLE users ALTER COLUMN name TYPE text COLLATE "C";

-- case: partitioning/attach-existing-table
-- source: https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-EXAMPLES
-- peer: PostgreSQL docs: the attached table is scanned to check the bound unless a CHECK implies it
-- expect: unsafe attach-partition
ALTER TABLE measurement ATTACH PARTITION measurement_y2016m07 FOR VALUES FROM ('2016-07-01') TO ('2016-08-01');

-- case: partitioning/attach-list
-- source: https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-EXAMPLES
-- peer: PostgreSQL docs: the attached table is scanned to check the bound
-- expect: unsafe attach-partition
ALTER TABLE cities ATTACH PARTITION cities_ab FOR VALUES IN ('a', 'b');

-- case: partitioning/attach-default
-- source: https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-EXAMPLES
-- peer: PostgreSQL docs: the attached table is scanned to check the bound
-- expect: unsafe attach-partition
ALTER TABLE cities ATTACH PARTITION cities_partdef DEFAULT;

-- case: partitioning/attach-with-validated-check
-- source: https://www.postgresql.org/docs/current/ddl-partitioning.html#DDL-PARTITIONING-DECLARATIVE-MAINTENANCE
-- peer: PostgreSQL docs: a CHECK constraint matching the bound lets ATTACH skip the scan
-- expect: safe
-- file: V1__staging.sql
CREATE TABLE measurement_y2008m02 (city_id int NOT NULL, logdate date NOT NULL, peaktemp int);
-- file: V2__check.sql
ALTER TABLE measurement_y2008m02 ADD CONSTRAINT y2008m02
    CHECK (logdate >= DATE '2008-02-01' AND logdate < DATE '2008-03-01') NOT VALID;
-- file: V3__validate.sql
ALTER TABLE measurement_y2008m02 VALIDATE CONSTRAINT y2008m02;
-- file: V4__attach.sql
ALTER TABLE measurement ATTACH PARTITION measurement_y2008m02 FOR VALUES FROM ('2008-02-01') TO ('2008-03-01');

-- case: partitioning/attach-table-created-in-the-file
-- source: https://www.postgresql.org/docs/current/ddl-partitioning.html#DDL-PARTITIONING-DECLARATIVE-MAINTENANCE
-- peer: PostgreSQL docs: the documented way to add a partition loaded beforehand
-- expect: safe
CREATE TABLE measurement_y2008m02 (LIKE measurement INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
ALTER TABLE measurement_y2008m02 ADD CONSTRAINT y2008m02
    CHECK (logdate >= DATE '2008-02-01' AND logdate < DATE '2008-03-01');
ALTER TABLE measurement ATTACH PARTITION measurement_y2008m02 FOR VALUES FROM ('2008-02-01') TO ('2008-03-01');

-- case: partitioning/create-partition
-- source: https://www.postgresql.org/docs/current/ddl-partitioning.html#DDL-PARTITIONING-DECLARATIVE-MAINTENANCE
-- peer: PostgreSQL docs: a brief lock on the partitioned table
-- expect: safe
CREATE TABLE measurement_y2008m01 PARTITION OF measurement FOR VALUES FROM ('2008-01-01') TO ('2008-02-01');

-- case: partitioning/detach
-- source: https://www.postgresql.org/docs/current/ddl-partitioning.html#DDL-PARTITIONING-DECLARATIVE-MAINTENANCE
-- peer: PostgreSQL docs: takes ACCESS EXCLUSIVE on the partitioned table unless CONCURRENTLY
-- expect: unsafe detach-partition
ALTER TABLE measurement DETACH PARTITION measurement_y2006m02;

-- case: partitioning/detach-concurrently-in-flyway
-- source: https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-DETACH-PARTITION
-- peer: PostgreSQL docs: CONCURRENTLY cannot run inside a transaction block, and Flyway runs it in one
-- expect: unsafe fails-in-transaction
ALTER TABLE measurement DETACH PARTITION measurement_y2006m02 CONCURRENTLY;

-- case: partitioning/detach-concurrently-outside-transaction
-- source: https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-DETACH-PARTITION
-- peer: PostgreSQL docs: SHARE UPDATE EXCLUSIVE on the partitioned table, reads and writes go on
-- expect: safe
-- file: V9__detach.sql.conf
executeInTransaction=false
-- file: V9__detach.sql
ALTER TABLE measurement DETACH PARTITION measurement_y2006m02 CONCURRENTLY;

-- case: partitioning/drop-old-partition
-- source: https://www.postgresql.org/docs/current/ddl-partitioning.html#DDL-PARTITIONING-DECLARATIVE-MAINTENANCE
-- peer: PostgreSQL docs: drops the partition's data at once
-- expect: unsafe drop-table
DROP TABLE measurement_y2006m02;

-- case: partitioning/index-on-only
-- source: https://www.postgresql.org/docs/current/ddl-partitioning.html#DDL-PARTITIONING-DECLARATIVE-MAINTENANCE
-- peer: PostgreSQL docs: ON ONLY creates the index on the partitioned table alone, invalid, without building it
-- expect: safe
CREATE INDEX measurement_usls_idx ON ONLY measurement (unitsales);

-- case: partitioning/index-partition-concurrently
-- source: https://www.postgresql.org/docs/current/ddl-partitioning.html#DDL-PARTITIONING-DECLARATIVE-MAINTENANCE
-- peer: PostgreSQL docs: each partition's index is built concurrently
-- expect: safe
CREATE INDEX CONCURRENTLY measurement_usls_200602_idx ON measurement_y2006m02 (unitsales);

-- case: partitioning/attach-index
-- source: https://www.postgresql.org/docs/current/ddl-partitioning.html#DDL-PARTITIONING-DECLARATIVE-MAINTENANCE
-- peer: PostgreSQL docs: attaching the partition's index is a catalog change
-- expect: safe
ALTER INDEX measurement_usls_idx ATTACH PARTITION measurement_usls_200602_idx;

-- case: create-index/concurrently
-- source: https://www.postgresql.org/docs/current/sql-createindex.html#SQL-CREATEINDEX-CONCURRENTLY
-- peer: PostgreSQL docs: builds without locking out writes
-- expect: safe
CREATE INDEX CONCURRENTLY sales_quantity_index ON sales_table (quantity);

-- case: create-index/unique
-- source: https://www.postgresql.org/docs/current/sql-createindex.html#SQL-CREATEINDEX-EXAMPLES
-- peer: PostgreSQL docs: a normal build locks out writes (SHARE) while it runs
-- expect: unsafe create-index-non-concurrent
CREATE UNIQUE INDEX title_idx ON films (title);

-- case: create-index/expression
-- source: https://www.postgresql.org/docs/current/sql-createindex.html#SQL-CREATEINDEX-EXAMPLES
-- peer: PostgreSQL docs: a normal build locks out writes while it runs
-- expect: unsafe create-index-non-concurrent
CREATE INDEX ON films ((lower(title)));

-- case: create-index/gin-concurrently
-- source: https://www.postgresql.org/docs/current/sql-createindex.html#SQL-CREATEINDEX-EXAMPLES
-- peer: PostgreSQL docs: builds without locking out writes
-- expect: safe
CREATE INDEX CONCURRENTLY gin_idx ON documents_table USING GIN (locations) WITH (fastupdate = off);

-- case: create-index/concurrently-in-do-block
-- source: https://www.postgresql.org/docs/current/sql-createindex.html#SQL-CREATEINDEX-CONCURRENTLY
-- peer: PostgreSQL docs: CREATE INDEX CONCURRENTLY cannot be executed inside a transaction block or a function
-- expect: unsafe concurrent-index-in-transaction
DO $$
BEGIN
    CREATE INDEX CONCURRENTLY sales_quantity_index ON sales_table (quantity);
END
$$;

-- case: drop-index/plain
-- source: https://www.postgresql.org/docs/current/sql-dropindex.html
-- peer: PostgreSQL docs: takes ACCESS EXCLUSIVE on the table unless CONCURRENTLY
-- expect: unsafe drop-index-non-concurrent
DROP INDEX title_idx;

-- case: drop-index/concurrently
-- source: https://www.postgresql.org/docs/current/sql-dropindex.html
-- peer: PostgreSQL docs: waits for conflicting transactions without locking out reads and writes
-- expect: safe
DROP INDEX CONCURRENTLY title_idx;

-- case: reindex/index
-- source: https://www.postgresql.org/docs/current/sql-reindex.html
-- peer: PostgreSQL docs: locks out writes, and reads that use the index
-- expect: unsafe reindex-non-concurrent
REINDEX INDEX my_index;

-- case: reindex/table-concurrently-in-flyway
-- source: https://www.postgresql.org/docs/current/sql-reindex.html#SQL-REINDEX-CONCURRENTLY
-- peer: PostgreSQL docs: REINDEX CONCURRENTLY cannot run inside a transaction block, and Flyway runs it in one
-- expect: unsafe concurrent-index-in-transaction
REINDEX TABLE CONCURRENTLY my_broken_table;

-- case: reindex/table-concurrently-outside-transaction
-- source: https://www.postgresql.org/docs/current/sql-reindex.html#SQL-REINDEX-CONCURRENTLY
-- peer: PostgreSQL docs: rebuilds without locking out writes
-- expect: safe
-- file: V4__reindex.sql.conf
executeInTransaction=false
-- file: V4__reindex.sql
REINDEX TABLE CONCURRENTLY my_broken_table;

-- case: cluster/using-index
-- source: https://www.postgresql.org/docs/current/sql-cluster.html
-- peer: PostgreSQL docs: rewrites the table under ACCESS EXCLUSIVE
-- expect: unsafe table-maintenance
CLUSTER employees USING employees_ind;

-- case: cluster/table
-- source: https://www.postgresql.org/docs/current/sql-cluster.html
-- peer: PostgreSQL docs: rewrites the table under ACCESS EXCLUSIVE
-- expect: unsafe table-maintenance
CLUSTER employees;

-- case: vacuum/analyze
-- source: https://www.postgresql.org/docs/current/sql-vacuum.html
-- peer: PostgreSQL docs: plain VACUUM runs alongside reads and writes
-- expect: safe
VACUUM (VERBOSE, ANALYZE) onek;

-- case: vacuum/full
-- source: https://www.postgresql.org/docs/current/sql-vacuum.html
-- peer: PostgreSQL docs: FULL rewrites the table under ACCESS EXCLUSIVE
-- expect: unsafe table-maintenance
VACUUM FULL onek;

-- case: analyze/table
-- source: https://www.postgresql.org/docs/current/sql-analyze.html
-- peer: PostgreSQL docs: SHARE UPDATE EXCLUSIVE, reads a sample
-- expect: safe
ANALYZE users;

-- case: refresh-materialized-view/plain
-- source: https://www.postgresql.org/docs/current/sql-refreshmaterializedview.html
-- peer: PostgreSQL docs: without CONCURRENTLY the view is locked against reads while it refreshes
-- expect: unsafe refresh-materialized-view
REFRESH MATERIALIZED VIEW order_summary;

-- case: refresh-materialized-view/with-no-data
-- source: https://www.postgresql.org/docs/current/sql-refreshmaterializedview.html
-- peer: PostgreSQL docs: empties the view, which can no longer be read
-- expect: unsafe refresh-materialized-view
REFRESH MATERIALIZED VIEW annual_statistics_basis WITH NO DATA;

-- case: refresh-materialized-view/concurrently
-- source: https://www.postgresql.org/docs/current/sql-refreshmaterializedview.html
-- peer: PostgreSQL docs: reads go on during a concurrent refresh
-- expect: safe
REFRESH MATERIALIZED VIEW CONCURRENTLY order_summary;

-- case: refresh-materialized-view/new-view
-- source: https://www.postgresql.org/docs/current/sql-creatematerializedview.html
-- peer: PostgreSQL docs: nobody reads a view created in the same transaction
-- expect: safe
CREATE MATERIALIZED VIEW order_summary AS SELECT customer_id, sum(total) AS total FROM orders GROUP BY customer_id;
REFRESH MATERIALIZED VIEW order_summary;

-- case: alter-type/add-value
-- source: https://www.postgresql.org/docs/current/sql-altertype.html
-- peer: PostgreSQL docs: adds a value; from 12 it may run in a transaction block
-- expect: safe
ALTER TYPE colors ADD VALUE 'orange' AFTER 'red';

-- case: alter-type/add-value-and-use-it
-- source: https://www.postgresql.org/docs/current/sql-altertype.html#SQL-ALTERTYPE-NOTES
-- peer: PostgreSQL docs: a value added in a transaction cannot be used until it commits
-- expect: unsafe fails-in-transaction
ALTER TYPE mood ADD VALUE 'happy';
INSERT INTO person (name, current_mood) VALUES ('Moe', 'happy');

-- case: alter-type/add-value-before-12
-- source: https://www.postgresql.org/docs/current/sql-altertype.html#SQL-ALTERTYPE-NOTES
-- peer: PostgreSQL docs (11): ADD VALUE cannot run inside a transaction block
-- expect: unsafe flyway-mixed-transactional
-- settings: pg-version=11
ALTER TYPE colors ADD VALUE 'orange';
ALTER TABLE paints ADD COLUMN finish text;

-- case: alter-type/rename-value
-- source: https://www.postgresql.org/docs/current/sql-altertype.html
-- peer: PostgreSQL docs: renames the value
-- expect: unsafe rename-enum-value
ALTER TYPE colors RENAME VALUE 'purple' TO 'mauve';

-- case: alter-type/rename-type
-- source: https://www.postgresql.org/docs/current/sql-altertype.html
-- peer: PostgreSQL docs: a catalog change; columns keep the type
-- expect: safe
ALTER TYPE electronic_mail RENAME TO email;

-- case: alter-domain/set-not-null
-- source: https://www.postgresql.org/docs/current/sql-alterdomain.html
-- peer: PostgreSQL docs: checks every column of the domain
-- expect: unsafe domain-constraint
ALTER DOMAIN zipcode SET NOT NULL;

-- case: alter-domain/drop-not-null
-- source: https://www.postgresql.org/docs/current/sql-alterdomain.html
-- peer: PostgreSQL docs: a catalog change
-- expect: safe
ALTER DOMAIN zipcode DROP NOT NULL;

-- case: alter-domain/add-check
-- source: https://www.postgresql.org/docs/current/sql-alterdomain.html
-- peer: PostgreSQL docs: checks every column of the domain
-- expect: unsafe domain-constraint
ALTER DOMAIN zipcode ADD CONSTRAINT zipchk CHECK (char_length(VALUE) = 5);

-- case: alter-domain/add-check-not-valid
-- source: https://www.postgresql.org/docs/current/sql-alterdomain.html
-- peer: PostgreSQL docs: NOT VALID skips the check of existing values
-- expect: safe
ALTER DOMAIN zipcode ADD CONSTRAINT zipchk CHECK (char_length(VALUE) = 5) NOT VALID;

-- case: alter-domain/validate
-- source: https://www.postgresql.org/docs/current/sql-alterdomain.html
-- peer: PostgreSQL docs: checks every column of the domain (a SHARE lock on each table, the lock table shows)
-- expect: unsafe domain-constraint
ALTER DOMAIN zipcode VALIDATE CONSTRAINT zipchk;

-- case: alter-domain/rename-constraint
-- source: https://www.postgresql.org/docs/current/sql-alterdomain.html
-- peer: PostgreSQL docs: a catalog change
-- expect: safe
ALTER DOMAIN zipcode RENAME CONSTRAINT zipchk TO zip_check;

-- case: alter-domain/new-domain
-- source: https://www.postgresql.org/docs/current/sql-createdomain.html
-- peer: PostgreSQL docs: no column uses a domain created in the same migration
-- expect: safe
CREATE DOMAIN us_postal_code AS text;
ALTER DOMAIN us_postal_code ADD CONSTRAINT us_postal_code_format CHECK (VALUE ~ '^\d{5}$');

-- case: alter-domain/unused-domain
-- source: https://www.postgresql.org/docs/current/sql-alterdomain.html
-- peer: PostgreSQL docs: a domain no column uses has no value to check
-- expect: safe
-- file: V1__domain.sql
CREATE DOMAIN us_postal_code AS text;
-- file: V2__constraint.sql
ALTER DOMAIN us_postal_code ADD CONSTRAINT us_postal_code_format CHECK (VALUE ~ '^\d{5}$');

-- case: alter-domain/used-domain
-- source: https://www.postgresql.org/docs/current/sql-alterdomain.html
-- peer: PostgreSQL docs: checks every column of the domain
-- expect: unsafe domain-constraint
-- file: V1__domain.sql
CREATE DOMAIN us_postal_code AS text;
CREATE TABLE addresses (id bigint PRIMARY KEY, zip us_postal_code);
-- file: V2__constraint.sql
ALTER DOMAIN us_postal_code ADD CONSTRAINT us_postal_code_format CHECK (VALUE ~ '^\d{5}$');

-- case: alter-schema/rename
-- source: https://www.postgresql.org/docs/current/sql-alterschema.html
-- peer: PostgreSQL docs: renames the schema
-- expect: unsafe rename-schema
ALTER SCHEMA inventory RENAME TO stock;

-- case: alter-schema/owner
-- source: https://www.postgresql.org/docs/current/sql-alterschema.html
-- peer: PostgreSQL docs: a catalog change
-- expect: safe
ALTER SCHEMA inventory OWNER TO inventory_owner;

-- case: drop-schema/cascade
-- source: https://www.postgresql.org/docs/current/sql-dropschema.html
-- peer: PostgreSQL docs: removes the schema and everything in it
-- expect: unsafe drop-schema
DROP SCHEMA mystuff CASCADE;

-- case: alter-sequence/restart
-- source: https://www.postgresql.org/docs/current/sql-altersequence.html
-- peer: PostgreSQL docs: sets the next value
-- expect: safe
ALTER SEQUENCE serial RESTART WITH 105;

-- case: create-trigger/before-update
-- source: https://www.postgresql.org/docs/current/sql-createtrigger.html
-- peer: PostgreSQL docs: SHARE ROW EXCLUSIVE, briefly
-- expect: safe
CREATE TRIGGER check_update BEFORE UPDATE ON accounts FOR EACH ROW EXECUTE FUNCTION check_account_update();

-- case: create-policy/select
-- source: https://www.postgresql.org/docs/current/sql-createpolicy.html
-- peer: PostgreSQL docs: a catalog change
-- expect: safe
CREATE POLICY account_managers ON accounts TO managers USING (manager = current_user);

-- case: row-level-security/enable
-- source: https://www.postgresql.org/docs/current/ddl-rowsecurity.html
-- peer: PostgreSQL docs: a catalog change (the table owner is not subject to it)
-- expect: safe
ALTER TABLE accounts ENABLE ROW LEVEL SECURITY;

-- case: lock/share-mode-then-insert
-- source: https://www.postgresql.org/docs/current/sql-lock.html
-- peer: PostgreSQL docs: SHARE mode keeps the table from changing while the transaction reads it
-- expect: safe
BEGIN WORK;
LOCK TABLE films IN SHARE MODE;
SELECT id FROM films WHERE name = 'Star Wars: Episode I - The Phantom Menace';
INSERT INTO films_user_comments VALUES (1, 'GREAT! I was waiting for it for so long!');
COMMIT WORK;

-- case: lock/access-exclusive-then-update
-- source: https://www.postgresql.org/docs/current/sql-lock.html
-- peer: PostgreSQL docs: LOCK TABLE without a mode takes ACCESS EXCLUSIVE until the transaction ends
-- expect: unsafe backfill-under-lock
LOCK TABLE films;
UPDATE films SET kind = 'Drama' WHERE kind = 'drama';

-- case: truncate/two-tables
-- source: https://www.postgresql.org/docs/current/sql-truncate.html
-- peer: PostgreSQL docs: empties the tables under ACCESS EXCLUSIVE
-- expect: unsafe truncate
TRUNCATE bigtable, fattable;

-- case: truncate/new-table
-- source: https://www.postgresql.org/docs/current/sql-truncate.html
-- peer: PostgreSQL docs: a table created in the same transaction is only emptied
-- expect: safe
CREATE TABLE import_buffer (line text);
TRUNCATE import_buffer;

-- case: comment/column
-- source: https://www.postgresql.org/docs/current/sql-comment.html
-- peer: PostgreSQL docs: a catalog change
-- expect: safe
COMMENT ON COLUMN my_table.my_column IS 'Employee ID number';

-- case: grant/select
-- source: https://www.postgresql.org/docs/current/sql-grant.html
-- peer: PostgreSQL docs: a catalog change
-- expect: safe
GRANT SELECT ON films TO PUBLIC;

-- case: create-statistics
-- source: https://www.postgresql.org/docs/current/sql-createstatistics.html
-- peer: PostgreSQL docs: SHARE UPDATE EXCLUSIVE, applies at the next ANALYZE
-- expect: safe
CREATE STATISTICS s1 (dependencies) ON a, b FROM t1;

-- case: create-publication
-- source: https://www.postgresql.org/docs/current/sql-createpublication.html
-- peer: PostgreSQL docs: a catalog change
-- expect: safe
CREATE PUBLICATION mypublication FOR TABLE users, departments;

-- case: cluster/create-role
-- source: https://www.postgresql.org/docs/current/sql-createrole.html
-- peer: PostgreSQL docs: a role is shared by every database of the cluster
-- expect: unsafe cluster-statement
CREATE ROLE reporting LOGIN PASSWORD 'secret';

-- case: cluster/copy-to-program
-- source: https://www.postgresql.org/docs/current/sql-copy.html
-- peer: PostgreSQL docs: PROGRAM runs a command as the server's operating system user
-- expect: unsafe cluster-statement
COPY (SELECT * FROM orders) TO PROGRAM 'gzip > /tmp/orders.gz';

-- case: cluster/alter-system
-- source: https://www.postgresql.org/docs/current/sql-altersystem.html
-- peer: PostgreSQL docs: changes the server's configuration file
-- expect: unsafe cluster-statement
ALTER SYSTEM SET work_mem = '64MB';

-- case: cluster/create-extension-trusted
-- source: https://www.postgresql.org/docs/current/sql-createextension.html
-- peer: PostgreSQL docs: a trusted extension may be created by a database owner
-- expect: safe
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- case: cluster/copy-from-stdin
-- source: https://www.postgresql.org/docs/current/sql-copy.html
-- peer: PostgreSQL docs: COPY FROM STDIN reads from the client
-- expect: safe
CREATE TABLE imported (id int, name text);
COPY imported (id, name) FROM STDIN;
