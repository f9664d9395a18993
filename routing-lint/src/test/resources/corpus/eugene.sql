-- Cases written from eugene's hints and examples (https://github.com/kaaveland/eugene): each numbered
-- script of an example is a migration file, the last one linted. "peer" is eugene's verdict.

-- case: E1/add-check
-- source: https://github.com/kaaveland/eugene/blob/main/eugene/docs/src/hints/E1/index.md
-- peer: eugene E1 flags it
-- expect: unsafe add-check-constraint-validated
-- file: V1__authors.sql
CREATE TABLE authors (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text);
-- file: V2__check.sql
SET LOCAL lock_timeout = '2s';
ALTER TABLE authors ADD CONSTRAINT name_not_null CHECK (name IS NOT NULL);

-- case: E1/add-check-not-valid
-- source: https://github.com/kaaveland/eugene/blob/main/eugene/docs/src/hints/E1/index.md
-- peer: eugene E1 passes it
-- expect: safe
-- file: V1__authors.sql
CREATE TABLE authors (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text);
-- file: V2__check.sql
SET LOCAL lock_timeout = '2s';
ALTER TABLE authors ADD CONSTRAINT name_not_null CHECK (name IS NOT NULL) NOT VALID;

-- case: E1/validate
-- source: https://github.com/kaaveland/eugene/blob/main/eugene/docs/src/hints/E1/index.md
-- peer: eugene E1 passes it
-- expect: safe
-- file: V1__authors.sql
CREATE TABLE authors (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text);
-- file: V2__check.sql
ALTER TABLE authors ADD CONSTRAINT name_not_null CHECK (name IS NOT NULL) NOT VALID;
-- file: V3__validate.sql
SET LOCAL lock_timeout = '2s';
ALTER TABLE authors VALIDATE CONSTRAINT name_not_null;

-- case: E2/set-not-null
-- source: https://github.com/kaaveland/eugene/blob/main/eugene/docs/src/hints/E2/index.md
-- peer: eugene E2 flags it
-- expect: unsafe set-not-null
-- file: V1__authors.sql
CREATE TABLE authors (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text);
-- file: V2__not_null.sql
SET LOCAL lock_timeout = '2s';
ALTER TABLE authors ALTER COLUMN name SET NOT NULL;

-- case: E2/set-not-null-after-validated-check
-- source: https://github.com/kaaveland/eugene/blob/main/eugene/docs/src/hints/E2/index.md
-- peer: eugene lint flags it (eugene trace knows the check)
-- expect: safe
-- file: V1__authors.sql
CREATE TABLE authors (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text);
-- file: V2__check.sql
ALTER TABLE authors ADD CONSTRAINT check_name_not_null CHECK (name IS NOT NULL) NOT VALID;
-- file: V3__validate.sql
ALTER TABLE authors VALIDATE CONSTRAINT check_name_not_null;
-- file: V4__not_null.sql
SET LOCAL lock_timeout = '2s';
ALTER TABLE authors ALTER name SET NOT NULL;

-- case: E2/demo-books
-- source: https://github.com/kaaveland/eugene/tree/main/eugene/examples/demo
-- peer: eugene E2 and E1 flag it
-- expect: unsafe set-not-null add-check-constraint-validated
-- file: V1_1__create.sql
CREATE TABLE books (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, title text);
-- file: V1_2__set_title_not_null.sql
SET LOCAL LOCK_TIMEOUT = '1s';
ALTER TABLE BOOKS ALTER COLUMN TITLE SET NOT NULL;
ALTER TABLE BOOKS ADD CONSTRAINT TITLE_LENGTH CHECK (LENGTH(TITLE) <= 100);

-- case: E3/new-table-json
-- source: https://github.com/kaaveland/eugene/blob/main/eugene/docs/src/hints/E3/index.md
-- peer: eugene E3 flags it; no deployed code reads a new table
-- expect: safe
CREATE TABLE authors (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL, meta json);

-- case: E3/new-table-jsonb
-- source: https://github.com/kaaveland/eugene/blob/main/eugene/docs/src/hints/E3/index.md
-- peer: eugene E3 passes it
-- expect: safe
CREATE TABLE authors (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL, meta jsonb);

-- case: E3/existing-table-json
-- source: https://github.com/kaaveland/eugene/blob/main/eugene/docs/src/hints/E3/index.md
-- peer: eugene E3 flags it
-- expect: unsafe add-json-column
-- file: V1__authors.sql
CREATE TABLE authors (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL);
-- file: V2__meta.sql
SET LOCAL lock_timeout = '2s';
ALTER TABLE authors ADD COLUMN meta json;

-- case: E4/statement-after-access-exclusive
-- source: https://github.com/kaaveland/eugene/blob/main/eugene/docs/src/hints/E4/index.md
-- peer: eugene E4 flags it
-- expect: unsafe add-column-not-null-no-default
-- file: V1__authors.sql
CREATE TABLE authors (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL);
-- file: V2__email.sql
SET LOCAL lock_timeout = '2s';
ALTER TABLE authors ADD COLUMN email text NOT NULL;
SELECT count(*) FROM authors;

-- case: E4/backfill-after-access-exclusive
-- source: https://github.com/kaaveland/eugene/blob/main/eugene/docs/src/hints/E4/index.md
-- peer: eugene E4 flags it
-- expect: unsafe backfill-under-lock
-- file: V1__authors.sql
CREATE TABLE authors (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL);
-- file: V2__email.sql
SET LOCAL lock_timeout = '2s';
ALTER TABLE authors ADD COLUMN email text;
UPDATE authors SET email = lower(name) || '@example.com';

-- case: E4/query-in-its-own-migration
-- source: https://github.com/kaaveland/eugene/blob/main/eugene/docs/src/hints/E4/index.md
-- peer: eugene E4 passes it
-- expect: safe
-- file: V1__authors.sql
CREATE TABLE authors (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL);
-- file: V2__email.sql
ALTER TABLE authors ADD COLUMN email text;
-- file: V3__count.sql
SELECT count(*) FROM authors;

-- case: E5/int-to-bigint
-- source: https://github.com/kaaveland/eugene/blob/main/eugene/docs/src/hints/E5/index.md
-- peer: eugene E5 flags it
-- expect: unsafe alter-column-type
-- file: V1__prices.sql
CREATE TABLE prices (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, price int NOT NULL);
-- file: V2__bigint.sql
SET LOCAL lock_timeout = '2s';
ALTER TABLE prices ALTER price SET DATA TYPE bigint;

-- case: E5/new-column
-- source: https://github.com/kaaveland/eugene/blob/main/eugene/docs/src/hints/E5/index.md
-- peer: eugene E5 passes it
-- expect: safe
-- file: V1__prices.sql
CREATE TABLE prices (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, price int NOT NULL);
-- file: V2__new_price.sql
SET LOCAL lock_timeout = '2s';
ALTER TABLE prices ADD COLUMN new_price bigint;

-- case: E5/backfill-then-check
-- source: https://github.com/kaaveland/eugene/blob/main/eugene/docs/src/hints/E5/index.md
-- peer: eugene passes it
-- expect: safe
-- file: V1__prices.sql
CREATE TABLE prices (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, price int NOT NULL);
-- file: V2__new_price.sql
ALTER TABLE prices ADD COLUMN new_price bigint;
-- file: V3__backfill.sql
UPDATE prices SET new_price = price::bigint;
SET LOCAL lock_timeout = '2s';
ALTER TABLE prices ADD CONSTRAINT check_new_price_not_null CHECK (new_price IS NOT NULL) NOT VALID;

-- case: E5/swap-columns
-- source: https://github.com/kaaveland/eugene/blob/main/eugene/docs/src/hints/E5/index.md
-- peer: eugene passes it once E4 is ignored; the deployed code still uses price
-- expect: unsafe drop-column rename-column
-- file: V1__prices.sql
CREATE TABLE prices (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, price int NOT NULL);
-- file: V2__new_price.sql
ALTER TABLE prices ADD COLUMN new_price bigint;
ALTER TABLE prices ADD CONSTRAINT check_new_price_not_null CHECK (new_price IS NOT NULL) NOT VALID;
-- file: V3__swap.sql
SET LOCAL lock_timeout = '2s';
ALTER TABLE prices VALIDATE CONSTRAINT check_new_price_not_null, DROP COLUMN price;
ALTER TABLE prices RENAME COLUMN new_price TO price;

-- case: E6/create-index
-- source: https://github.com/kaaveland/eugene/blob/main/eugene/docs/src/hints/E6/index.md
-- peer: eugene E6 flags it
-- expect: unsafe create-index-non-concurrent
-- file: V1__authors.sql
CREATE TABLE authors (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL);
-- file: V2__index.sql
SET LOCAL lock_timeout = '2s';
CREATE INDEX authors_name_idx ON authors (name);

-- case: E6/create-index-concurrently
-- source: https://github.com/kaaveland/eugene/blob/main/eugene/docs/src/hints/E6/index.md
-- peer: eugene E6 passes it
-- expect: safe
-- file: V1__authors.sql
CREATE TABLE authors (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL);
-- file: V2__index.sql
CREATE INDEX CONCURRENTLY authors_name_idx ON authors (name);

-- case: E6/create-index-concurrently-with-timeout
-- source: https://github.com/kaaveland/eugene/blob/main/eugene/docs/src/hints/E9/index.md
-- peer: eugene passes it; Flyway refuses a file mixing SET with CREATE INDEX CONCURRENTLY
-- expect: unsafe flyway-mixed-transactional
-- file: V1__authors.sql
CREATE TABLE authors (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL);
-- file: V2__index.sql
SET lock_timeout = '2s';
CREATE INDEX CONCURRENTLY authors_name_idx ON authors (name);

-- case: E7/unique-constraint
-- source: https://github.com/kaaveland/eugene/blob/main/eugene/docs/src/hints/E7/index.md
-- peer: eugene E7 flags it
-- expect: unsafe add-unique-constraint
-- file: V1__authors.sql
CREATE TABLE authors (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL);
-- file: V2__unique.sql
SET LOCAL lock_timeout = '2s';
ALTER TABLE authors ADD CONSTRAINT unique_name UNIQUE (name);

-- case: E7/unique-index-concurrently
-- source: https://github.com/kaaveland/eugene/blob/main/eugene/docs/src/hints/E7/index.md
-- peer: eugene E7 passes it
-- expect: safe
-- file: V1__authors.sql
CREATE TABLE authors (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL);
-- file: V2__index.sql
CREATE UNIQUE INDEX CONCURRENTLY authors_name_unique ON authors (name);

-- case: E7/constraint-using-index
-- source: https://github.com/kaaveland/eugene/blob/main/eugene/docs/src/hints/E7/index.md
-- peer: eugene E7 passes it
-- expect: safe
-- file: V1__authors.sql
CREATE TABLE authors (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL);
-- file: V2__index.sql
CREATE UNIQUE INDEX CONCURRENTLY authors_name_unique ON authors (name);
-- file: V3__constraint.sql
SET LOCAL lock_timeout = '2s';
ALTER TABLE authors ADD CONSTRAINT unique_name UNIQUE USING INDEX authors_name_unique;

-- case: E8/exclusion-constraint
-- source: https://github.com/kaaveland/eugene/blob/main/eugene/docs/src/hints/E8/index.md
-- peer: eugene E8 flags it
-- expect: unsafe add-exclusion-constraint
-- file: V1__authors.sql
CREATE TABLE authors (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL);
-- file: V2__exclude.sql
SET LOCAL lock_timeout = '2s';
ALTER TABLE authors ADD CONSTRAINT authors_name_excl EXCLUDE (name WITH =);

-- case: E8/exclusion-on-new-table
-- source: https://github.com/kaaveland/eugene/blob/main/eugene/docs/src/hints/E8/index.md
-- peer: eugene E8 passes a constraint of a new table
-- expect: safe
CREATE TABLE bookings (room int, during tstzrange, EXCLUDE USING gist (room WITH =, during WITH &&));

-- case: E9/no-lock-timeout
-- source: https://github.com/kaaveland/eugene/blob/main/eugene/docs/src/hints/E9/index.md
-- peer: eugene E9 flags it; a missing lock_timeout is a warning here
-- expect: safe
-- file: V1__authors.sql
CREATE TABLE authors (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL);
-- file: V2__email.sql
ALTER TABLE authors ADD COLUMN email text;

-- case: E9/lock-timeout
-- source: https://github.com/kaaveland/eugene/blob/main/eugene/docs/src/hints/E9/index.md
-- peer: eugene E9 passes it
-- expect: safe
-- file: V1__authors.sql
CREATE TABLE authors (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL);
-- file: V2__email.sql
SET LOCAL lock_timeout = '2s';
ALTER TABLE authors ADD COLUMN email text;

-- case: E10/rewrite
-- source: https://github.com/kaaveland/eugene/blob/main/eugene/docs/src/hints/E10/index.md
-- peer: eugene E10 flags it (trace)
-- expect: unsafe alter-column-type
-- file: V1__tables.sql
CREATE TABLE prices (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, price int NOT NULL);
CREATE TABLE authors (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL);
-- file: V2__change.sql
SET LOCAL lock_timeout = '2s';
ALTER TABLE authors ADD COLUMN meta jsonb;
ALTER TABLE prices ALTER price SET DATA TYPE bigint;

-- case: E10/no-rewrite
-- source: https://github.com/kaaveland/eugene/blob/main/eugene/docs/src/hints/E10/index.md
-- peer: eugene E10 passes it
-- expect: safe
-- file: V1__tables.sql
CREATE TABLE authors (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL);
-- file: V2__change.sql
SET LOCAL lock_timeout = '2s';
ALTER TABLE authors ADD COLUMN meta jsonb;

-- case: E11/serial
-- source: https://github.com/kaaveland/eugene/blob/main/eugene/docs/src/hints/E11/index.md
-- peer: eugene E11 flags it
-- expect: unsafe volatile-default
-- file: V1__prices.sql
CREATE TABLE prices (price int NOT NULL);
-- file: V2__id.sql
SET LOCAL lock_timeout = '2s';
ALTER TABLE prices ADD COLUMN id serial;

-- case: E11/generated-stored
-- source: https://github.com/kaaveland/eugene/blob/main/eugene/docs/src/hints/E11/index.md
-- peer: eugene E11 flags it
-- expect: unsafe add-generated-stored-column
-- file: V1__prices.sql
CREATE TABLE prices (price int NOT NULL, vat int NOT NULL);
-- file: V2__total.sql
SET LOCAL lock_timeout = '2s';
ALTER TABLE prices ADD COLUMN total int GENERATED ALWAYS AS (price + vat) STORED;

-- case: E11/identity
-- source: https://github.com/kaaveland/eugene/blob/main/eugene/docs/src/hints/E11/index.md
-- peer: eugene E11 flags a column every row needs a value for
-- expect: unsafe volatile-default
-- file: V1__prices.sql
CREATE TABLE prices (price int NOT NULL);
-- file: V2__id.sql
ALTER TABLE prices ADD COLUMN id bigint GENERATED BY DEFAULT AS IDENTITY;

-- case: E15/partial-index-non-concurrent
-- source: https://github.com/kaaveland/eugene/blob/main/eugene/docs/src/hints/E15/index.md
-- peer: eugene E15 flags the missing foreign key index (trace); E6 is ignored by a comment
-- expect: unsafe create-index-non-concurrent
-- file: V1__tables.sql
CREATE TABLE items (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);
CREATE TABLE purchase (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, item bigint NOT NULL REFERENCES items (id));
-- file: V2__index.sql
SET LOCAL lock_timeout = '2s';
CREATE INDEX purchase_item_idx ON purchase (item) WHERE item = 1;

-- case: E15/index-concurrently
-- source: https://github.com/kaaveland/eugene/blob/main/eugene/docs/src/hints/E15/index.md
-- peer: eugene E15 passes it
-- expect: safe
-- file: V1__tables.sql
CREATE TABLE items (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);
CREATE TABLE purchase (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, item bigint NOT NULL REFERENCES items (id));
-- file: V2__index.sql
CREATE INDEX CONCURRENTLY purchase_item_idx ON purchase (item);

-- case: E15/new-tables-with-index
-- source: https://github.com/kaaveland/eugene/blob/main/eugene/docs/src/hints/E15/index.md
-- peer: eugene passes it
-- expect: safe
CREATE TABLE items (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);
CREATE TABLE purchase (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, item bigint NOT NULL REFERENCES items (id));
CREATE INDEX purchase_item_idx ON purchase (item);

-- case: W12/two-set-not-null
-- source: https://github.com/kaaveland/eugene/blob/main/eugene/docs/src/hints/W12/index.md
-- peer: eugene W12 and E2 flag it
-- expect: unsafe set-not-null
-- file: V1__authors.sql
CREATE TABLE authors (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text, email text);
-- file: V2__not_null.sql
SET lock_timeout = '2s';
ALTER TABLE authors ALTER COLUMN name SET NOT NULL;
ALTER TABLE authors ALTER COLUMN email SET NOT NULL;

-- case: W12/combined-statements
-- source: https://github.com/kaaveland/eugene/blob/main/eugene/docs/src/hints/W12/index.md
-- peer: eugene W12 passes it, E2 flags it
-- expect: unsafe set-not-null
-- file: V1__authors.sql
CREATE TABLE authors (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text, email text);
-- file: V2__not_null.sql
SET lock_timeout = '2s';
ALTER TABLE authors ALTER COLUMN name SET NOT NULL, ALTER COLUMN email SET NOT NULL;

-- case: W12/combined-new-columns
-- source: https://github.com/kaaveland/eugene/blob/main/eugene/docs/src/hints/W12/index.md
-- peer: eugene W12 passes it
-- expect: safe
-- file: V1__authors.sql
CREATE TABLE authors (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text);
-- file: V2__columns.sql
SET lock_timeout = '2s';
ALTER TABLE authors ADD COLUMN email text, ADD COLUMN phone text;

-- case: W13/create-enum
-- source: https://github.com/kaaveland/eugene/blob/main/eugene/docs/src/hints/W13/index.md
-- peer: eugene W13 warns (design)
-- expect: safe
CREATE TYPE document_type AS ENUM ('invoice', 'receipt', 'other');
CREATE TABLE document (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, type document_type);

-- case: W13/lookup-table
-- source: https://github.com/kaaveland/eugene/blob/main/eugene/docs/src/hints/W13/index.md
-- peer: eugene W13 passes it
-- expect: safe
CREATE TABLE document_type (type_name text PRIMARY KEY);
INSERT INTO document_type VALUES ('invoice'), ('receipt'), ('other');
CREATE TABLE document (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, type text REFERENCES document_type (type_name));

-- case: W14/primary-key-over-nullable
-- source: https://github.com/kaaveland/eugene/blob/main/eugene/docs/src/hints/W14/index.md
-- peer: eugene W14 flags it
-- expect: unsafe set-not-null
-- file: V1__authors.sql
CREATE TABLE authors (name text);
-- file: V2__index.sql
CREATE UNIQUE INDEX CONCURRENTLY authors_name_key ON authors (name);
-- file: V3__primary_key.sql
SET LOCAL lock_timeout = '2s';
ALTER TABLE authors ADD CONSTRAINT authors_name_pkey PRIMARY KEY USING INDEX authors_name_key;

-- case: W14/primary-key-over-not-null
-- source: https://github.com/kaaveland/eugene/blob/main/eugene/docs/src/hints/W14/index.md
-- peer: eugene W14 passes it
-- expect: safe
-- file: V1__authors.sql
CREATE TABLE authors (name text);
-- file: V2__index.sql
CREATE UNIQUE INDEX CONCURRENTLY authors_name_key ON authors (name);
-- file: V3__check.sql
ALTER TABLE authors ADD CONSTRAINT authors_name_nn CHECK (name IS NOT NULL) NOT VALID;
-- file: V4__validate.sql
ALTER TABLE authors VALIDATE CONSTRAINT authors_name_nn;
-- file: V5__not_null.sql
ALTER TABLE authors ALTER COLUMN name SET NOT NULL;
-- file: V6__primary_key.sql
ALTER TABLE authors ADD CONSTRAINT authors_name_pkey PRIMARY KEY USING INDEX authors_name_key;

-- case: W14/primary-key-over-checked-column
-- source: https://github.com/kaaveland/eugene/blob/main/eugene/docs/src/hints/W14/index.md
-- peer: eugene W14 flags a nullable column; PostgreSQL 12+ uses the validated CHECK and skips the scan
-- expect: safe
-- file: V1__authors.sql
CREATE TABLE authors (name text);
-- file: V2__index.sql
CREATE UNIQUE INDEX CONCURRENTLY authors_name_key ON authors (name);
-- file: V3__check.sql
ALTER TABLE authors ADD CONSTRAINT authors_name_nn CHECK (name IS NOT NULL) NOT VALID;
-- file: V4__validate.sql
ALTER TABLE authors VALIDATE CONSTRAINT authors_name_nn;
-- file: V5__primary_key.sql
ALTER TABLE authors ADD CONSTRAINT authors_name_pkey PRIMARY KEY USING INDEX authors_name_key;
