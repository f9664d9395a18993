-- Cases written from squawk's rule documentation (https://squawkhq.com/docs/) and the examples its rules
-- give. "peer" is squawk's verdict; "expect" is what PostgreSQL does under Flyway, as the lock table says.

-- case: adding-field-with-default/constant
-- source: https://squawkhq.com/docs/adding-field-with-default
-- peer: squawk adding-field-with-default passes it on PostgreSQL 11+
-- expect: safe
ALTER TABLE "core_recipe" ADD COLUMN "foo" integer DEFAULT 10;

-- case: adding-field-with-default/constant-before-11
-- source: https://squawkhq.com/docs/adding-field-with-default
-- peer: squawk adding-field-with-default flags it before PostgreSQL 11
-- expect: unsafe volatile-default
-- settings: pg-version=10
ALTER TABLE "core_recipe" ADD COLUMN "foo" integer DEFAULT 10;

-- case: adding-field-with-default/random
-- source: https://squawkhq.com/docs/adding-field-with-default
-- peer: squawk adding-field-with-default flags it
-- expect: unsafe volatile-default
ALTER TABLE "core_recipe" ADD COLUMN "foo" boolean DEFAULT random() > 0.5;

-- case: adding-field-with-default/gen-random-uuid
-- source: https://squawkhq.com/docs/adding-field-with-default
-- peer: squawk adding-field-with-default flags it
-- expect: unsafe volatile-default
ALTER TABLE account ADD COLUMN external_id uuid DEFAULT gen_random_uuid();

-- case: adding-field-with-default/own-function
-- source: https://squawkhq.com/docs/adding-field-with-default
-- peer: squawk adding-field-with-default flags a function it does not know
-- expect: unsafe volatile-default
ALTER TABLE "core_recipe" ADD COLUMN "settings" jsonb DEFAULT default_settings();

-- case: adding-field-with-default/own-immutable-function
-- source: https://squawkhq.com/docs/adding-field-with-default
-- peer: squawk adding-field-with-default flags a function it does not know
-- expect: safe
-- file: V1__settings.sql
CREATE TABLE core_recipe (id bigint PRIMARY KEY);
CREATE FUNCTION default_settings() RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$ SELECT '{}'::jsonb $$;
-- file: V2__change.sql
ALTER TABLE "core_recipe" ADD COLUMN "settings" jsonb DEFAULT default_settings();

-- case: adding-field-with-default/string
-- source: https://squawkhq.com/docs/adding-field-with-default
-- peer: squawk adding-field-with-default passes it
-- expect: safe
ALTER TABLE "core_recipe" ADD COLUMN "foo" text DEFAULT 'some-str';

-- case: adding-field-with-default/jsonb-literal
-- source: https://squawkhq.com/docs/adding-field-with-default
-- peer: squawk adding-field-with-default passes it
-- expect: safe
ALTER TABLE "core_recipe" ADD COLUMN "foo" jsonb DEFAULT '{}'::jsonb;

-- case: adding-field-with-default/enum-literal
-- source: https://squawkhq.com/docs/adding-field-with-default
-- peer: squawk adding-field-with-default passes it
-- expect: safe
ALTER TABLE "core_recipe" ADD COLUMN "state" recipe_state DEFAULT 'draft';

-- case: adding-field-with-default/now
-- source: https://squawkhq.com/docs/adding-field-with-default
-- peer: squawk adding-field-with-default passes it (now() is STABLE)
-- expect: safe
ALTER TABLE "core_recipe" ADD COLUMN "created" timestamptz DEFAULT now();

-- case: adding-field-with-default/current-timestamp-expression
-- source: https://squawkhq.com/docs/adding-field-with-default
-- peer: squawk adding-field-with-default passes it
-- expect: safe
ALTER TABLE assessment ADD COLUMN refreshed_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP - interval '100 years';

-- case: adding-field-with-default/arithmetic
-- source: https://squawkhq.com/docs/adding-field-with-default
-- peer: squawk adding-field-with-default passes it
-- expect: safe
ALTER TABLE account_metadata ADD COLUMN retries integer DEFAULT 2 + 2;

-- case: adding-field-with-default/empty-arrays
-- source: https://squawkhq.com/docs/adding-field-with-default
-- peer: squawk adding-field-with-default passes it
-- expect: safe
ALTER TABLE series ADD COLUMN points double precision[] DEFAULT ARRAY[]::double precision[],
    ADD COLUMN ids bigint[] DEFAULT CAST(ARRAY[] AS bigint[]);

-- case: adding-field-with-default/set-default-later
-- source: https://squawkhq.com/docs/adding-field-with-default
-- peer: squawk adding-field-with-default passes it
-- expect: safe
ALTER TABLE "core_recipe" ADD COLUMN "foo" integer;
ALTER TABLE "core_recipe" ALTER COLUMN "foo" SET DEFAULT 10;

-- case: adding-field-with-default/generated-stored
-- source: https://squawkhq.com/docs/adding-field-with-default
-- peer: squawk adding-field-with-default flags it
-- expect: unsafe add-generated-stored-column
ALTER TABLE invoice ADD COLUMN total numeric GENERATED ALWAYS AS (net + tax) STORED;

-- case: adding-field-with-default/set-logged-and-volatile
-- source: https://squawkhq.com/docs/adding-field-with-default
-- peer: squawk adding-field-with-default flags the default
-- expect: unsafe set-logged-unlogged volatile-default
ALTER TABLE sessions SET LOGGED, ADD COLUMN token text DEFAULT md5(random()::text);

-- case: adding-foreign-key-constraint/validated
-- source: https://squawkhq.com/docs/adding-foreign-key-constraint
-- peer: squawk adding-foreign-key-constraint flags it
-- expect: unsafe add-fk-validated
ALTER TABLE "email" ADD CONSTRAINT "fk_user" FOREIGN KEY ("user_id") REFERENCES "user" ("id");

-- case: adding-foreign-key-constraint/not-valid
-- source: https://squawkhq.com/docs/adding-foreign-key-constraint
-- peer: squawk adding-foreign-key-constraint passes it
-- expect: safe
ALTER TABLE "email" ADD CONSTRAINT "fk_user" FOREIGN KEY ("user_id") REFERENCES "user" ("id") NOT VALID;

-- case: adding-foreign-key-constraint/validate-later
-- source: https://squawkhq.com/docs/adding-foreign-key-constraint
-- peer: squawk adding-foreign-key-constraint passes it
-- expect: safe
-- file: V1__fk.sql
ALTER TABLE "email" ADD CONSTRAINT "fk_user" FOREIGN KEY ("user_id") REFERENCES "user" ("id") NOT VALID;
-- file: V2__validate.sql
ALTER TABLE "email" VALIDATE CONSTRAINT "fk_user";

-- case: adding-foreign-key-constraint/new-table
-- source: https://squawkhq.com/docs/adding-foreign-key-constraint
-- peer: squawk adding-foreign-key-constraint passes it
-- expect: safe
CREATE TABLE email (
    id bigint GENERATED ALWAYS AS IDENTITY,
    user_id bigint,
    address text,
    PRIMARY KEY (id),
    CONSTRAINT fk_user FOREIGN KEY ("user_id") REFERENCES "user" ("id")
);

-- case: adding-foreign-key-constraint/new-table-then-alter
-- source: https://squawkhq.com/docs/adding-foreign-key-constraint
-- peer: squawk adding-foreign-key-constraint passes it
-- expect: safe
CREATE TABLE "emails" ("id" uuid NOT NULL, "user_id" uuid NOT NULL);
ALTER TABLE "emails" ADD CONSTRAINT "fk_user" FOREIGN KEY ("user_id") REFERENCES "users" ("id");

-- case: adding-foreign-key-constraint/new-null-column
-- source: https://squawkhq.com/docs/adding-foreign-key-constraint
-- peer: squawk adding-foreign-key-constraint flags it; PostgreSQL checks no row of a column that is all null
-- expect: safe
ALTER TABLE "emails" ADD COLUMN "user_id" int REFERENCES "user" ("id");

-- case: adding-foreign-key-constraint/new-column-with-default
-- source: https://squawkhq.com/docs/adding-foreign-key-constraint
-- peer: squawk adding-foreign-key-constraint flags it
-- expect: unsafe add-fk-validated
ALTER TABLE "emails" ADD COLUMN "user_id" int NOT NULL DEFAULT 1 REFERENCES "user" ("id");

-- case: adding-foreign-key-constraint/add-then-validate-same-file
-- source: https://squawkhq.com/docs/constraint-missing-not-valid
-- peer: squawk constraint-missing-not-valid flags the validation in the same transaction
-- expect: unsafe add-fk-validated
ALTER TABLE "app_email" ADD CONSTRAINT "fk_user" FOREIGN KEY (user_id) REFERENCES "app_user" (id) NOT VALID;
ALTER TABLE "app_email" VALIDATE CONSTRAINT "fk_user";

-- case: adding-not-nullable-field/set-not-null
-- source: https://squawkhq.com/docs/adding-not-nullable-field
-- peer: squawk adding-not-nullable-field flags it
-- expect: unsafe set-not-null
ALTER TABLE "core_recipe" ALTER COLUMN "foo" SET NOT NULL;

-- case: adding-not-nullable-field/validated-check-first
-- source: https://squawkhq.com/docs/adding-not-nullable-field
-- peer: squawk adding-not-nullable-field passes it from PostgreSQL 12
-- expect: safe
-- file: V1__column.sql
ALTER TABLE foo ADD COLUMN bar bigint;
ALTER TABLE foo ADD CONSTRAINT bar_not_null CHECK (bar IS NOT NULL) NOT VALID;
-- file: V2__validate.sql
ALTER TABLE foo VALIDATE CONSTRAINT bar_not_null;
-- file: V3__set_not_null.sql
ALTER TABLE foo ALTER COLUMN bar SET NOT NULL;
ALTER TABLE foo DROP CONSTRAINT bar_not_null;

-- case: adding-not-nullable-field/validated-check-before-12
-- source: https://squawkhq.com/docs/adding-not-nullable-field
-- peer: squawk adding-not-nullable-field flags it before PostgreSQL 12
-- expect: unsafe set-not-null
-- settings: pg-version=11
-- file: V1__column.sql
ALTER TABLE foo ADD CONSTRAINT bar_not_null CHECK (bar IS NOT NULL) NOT VALID;
-- file: V2__validate.sql
ALTER TABLE foo VALIDATE CONSTRAINT bar_not_null;
-- file: V3__set_not_null.sql
ALTER TABLE foo ALTER COLUMN bar SET NOT NULL;

-- case: adding-not-nullable-field/check-not-validated
-- source: https://squawkhq.com/docs/adding-not-nullable-field
-- peer: squawk adding-not-nullable-field flags it
-- expect: unsafe set-not-null
ALTER TABLE foo ADD CONSTRAINT bar_not_null CHECK (bar IS NOT NULL) NOT VALID;
ALTER TABLE foo ALTER COLUMN bar SET NOT NULL;

-- case: adding-not-nullable-field/check-on-another-column
-- source: https://squawkhq.com/docs/adding-not-nullable-field
-- peer: squawk adding-not-nullable-field flags it
-- expect: unsafe set-not-null
-- file: V1__check.sql
ALTER TABLE foo ADD CONSTRAINT baz_not_null CHECK (baz IS NOT NULL) NOT VALID;
-- file: V2__validate.sql
ALTER TABLE foo VALIDATE CONSTRAINT baz_not_null;
-- file: V3__set_not_null.sql
ALTER TABLE foo ALTER COLUMN bar SET NOT NULL;

-- case: adding-not-nullable-field/alembic-revision
-- source: https://squawkhq.com/docs/adding-not-nullable-field
-- peer: squawk adding-not-nullable-field flags it
-- expect: unsafe set-not-null
ALTER TABLE my_table ALTER COLUMN my_column SET NOT NULL;
UPDATE alembic_version SET version_num = 'b' WHERE alembic_version.version_num = 'a';

-- case: adding-required-field/not-null-no-default
-- source: https://squawkhq.com/docs/adding-required-field
-- peer: squawk adding-required-field flags it
-- expect: unsafe add-column-not-null-no-default
ALTER TABLE "recipe" ADD COLUMN "public" boolean NOT NULL;

-- case: adding-required-field/not-null-with-default
-- source: https://squawkhq.com/docs/adding-required-field
-- peer: squawk adding-required-field passes it
-- expect: safe
ALTER TABLE "recipe" ADD COLUMN "public" boolean NOT NULL DEFAULT true;

-- case: adding-required-field/nullable
-- source: https://squawkhq.com/docs/adding-required-field
-- peer: squawk adding-required-field passes it
-- expect: safe
ALTER TABLE "recipe" ADD COLUMN "public" boolean;

-- case: adding-required-field/default-dropped
-- source: https://squawkhq.com/docs/adding-not-nullable-field
-- peer: squawk adding-not-nullable-field passes it
-- expect: unsafe add-column-not-null-no-default
ALTER TABLE "core_recipe" ADD COLUMN "foo" integer DEFAULT 10 NOT NULL;
ALTER TABLE "core_recipe" ALTER COLUMN "foo" DROP DEFAULT;

-- case: adding-serial-primary-key-field/plain
-- source: https://squawkhq.com/docs/adding-serial-primary-key-field
-- peer: squawk adding-serial-primary-key-field flags it
-- expect: unsafe add-unique-constraint
ALTER TABLE account ADD PRIMARY KEY (id);

-- case: adding-serial-primary-key-field/using-index
-- source: https://squawkhq.com/docs/adding-serial-primary-key-field
-- peer: squawk adding-serial-primary-key-field passes it
-- expect: safe
-- file: V1__account.sql
CREATE TABLE account (id bigint NOT NULL, name text);
-- file: V2__index.sql
CREATE UNIQUE INDEX CONCURRENTLY account_pk_idx ON account (id);
-- file: V3__primary_key.sql
ALTER TABLE account ADD CONSTRAINT account_pk PRIMARY KEY USING INDEX account_pk_idx;

-- case: adding-serial-primary-key-field/serial-column
-- source: https://squawkhq.com/docs/adding-serial-primary-key-field
-- peer: squawk adding-serial-primary-key-field flags it
-- expect: unsafe volatile-default add-unique-constraint
ALTER TABLE a ADD COLUMN b serial PRIMARY KEY;

-- case: ban-alter-domain-with-add-constraint/check
-- source: https://squawkhq.com/docs/ban-alter-domain-with-add-constraint
-- peer: squawk ban-alter-domain-with-add-constraint flags it
-- expect: unsafe domain-constraint
ALTER DOMAIN domain_name ADD CONSTRAINT constraint_name CHECK (value > 0);

-- case: ban-alter-domain-with-add-constraint/rename-constraint
-- source: https://squawkhq.com/docs/ban-alter-domain-with-add-constraint
-- peer: squawk ban-alter-domain-with-add-constraint passes it
-- expect: safe
ALTER DOMAIN domain_name RENAME CONSTRAINT constraint_name TO other_constraint_name;

-- case: ban-alter-domain-with-add-constraint/drop-constraint
-- source: https://squawkhq.com/docs/ban-alter-domain-with-add-constraint
-- peer: squawk ban-alter-domain-with-add-constraint passes it
-- expect: safe
ALTER DOMAIN domain_name DROP CONSTRAINT other_domain_name;

-- case: ban-alter-domain-with-add-constraint/owner-and-schema
-- source: https://squawkhq.com/docs/ban-alter-domain-with-add-constraint
-- peer: squawk ban-alter-domain-with-add-constraint passes it
-- expect: safe
ALTER DOMAIN domain_name OWNER TO app_owner;
ALTER DOMAIN domain_name SET SCHEMA foo;

-- case: ban-alter-domain-with-add-constraint/set-not-null
-- source: https://squawkhq.com/docs/ban-alter-domain-with-add-constraint
-- peer: squawk passes it; PostgreSQL checks every column of the domain under a SHARE lock
-- expect: unsafe domain-constraint
ALTER DOMAIN domain_name SET NOT NULL;

-- case: ban-create-domain-with-constraint/new-domain
-- source: https://squawkhq.com/docs/ban-create-domain-with-constraint
-- peer: squawk ban-create-domain-with-constraint flags it; no column uses a new domain yet
-- expect: safe
CREATE DOMAIN positive_amount AS numeric(15, 5) CHECK (VALUE > 0);

-- case: ban-create-domain-with-constraint/no-constraint
-- source: https://squawkhq.com/docs/ban-create-domain-with-constraint
-- peer: squawk ban-create-domain-with-constraint passes it
-- expect: safe
CREATE DOMAIN email AS text;
CREATE DOMAIN label AS character varying;

-- case: ban-concurrent-index-creation-in-transaction/begin-commit
-- source: https://squawkhq.com/docs/ban-concurrent-index-creation-in-transaction
-- peer: squawk ban-concurrent-index-creation-in-transaction flags it
-- expect: unsafe concurrent-index-in-transaction
BEGIN;
CREATE INDEX CONCURRENTLY "field_name_idx" ON "table_name" ("field_name");
COMMIT;

-- case: ban-concurrent-index-creation-in-transaction/alone
-- source: https://squawkhq.com/docs/ban-concurrent-index-creation-in-transaction
-- peer: squawk ban-concurrent-index-creation-in-transaction passes it
-- expect: safe
CREATE INDEX CONCURRENTLY "field_name_idx" ON "table_name" ("field_name");

-- case: ban-concurrent-index-creation-in-transaction/with-constraint
-- source: https://squawkhq.com/docs/ban-concurrent-index-creation-in-transaction
-- peer: squawk ban-concurrent-index-creation-in-transaction flags it (assume-in-transaction)
-- expect: unsafe flyway-mixed-transactional
CREATE UNIQUE INDEX CONCURRENTLY "field_name_idx" ON "table_name" ("field_name");
ALTER TABLE "table_name" ADD CONSTRAINT "field_name_id" UNIQUE USING INDEX "field_name_idx";

-- case: ban-drop-column/drop
-- source: https://squawkhq.com/docs/ban-drop-column
-- peer: squawk ban-drop-column flags it
-- expect: unsafe drop-column
ALTER TABLE "bar_tbl" DROP COLUMN "foo_col" CASCADE;

-- case: ban-drop-database/drop
-- source: https://squawkhq.com/docs/ban-drop-database
-- peer: squawk ban-drop-database flags it
-- expect: unsafe drop-database
DROP DATABASE IF EXISTS "reporting";

-- case: ban-drop-not-null/drop
-- source: https://squawkhq.com/docs/ban-drop-not-null
-- peer: squawk ban-drop-not-null flags it; the deployed code keeps writing values, only its reads may see nulls later
-- expect: safe
ALTER TABLE "bar_tbl" ALTER COLUMN "foo_col" DROP NOT NULL;

-- case: ban-drop-table/drop
-- source: https://squawkhq.com/docs/ban-drop-table
-- peer: squawk ban-drop-table flags it
-- expect: unsafe drop-table
DROP TABLE IF EXISTS "table_name";

-- case: ban-truncate-cascade/cascade
-- source: https://squawkhq.com/docs/ban-truncate-cascade
-- peer: squawk ban-truncate-cascade flags it
-- expect: unsafe truncate
TRUNCATE a, b, c CASCADE;

-- case: changing-column-type/unknown-old-type
-- source: https://squawkhq.com/docs/changing-column-type
-- peer: squawk changing-column-type flags it
-- expect: unsafe alter-column-type
BEGIN;
ALTER TABLE "core_recipe" ALTER COLUMN "edits" TYPE text USING "edits"::text;
COMMIT;

-- case: changing-column-type/varchar-to-text
-- source: https://squawkhq.com/docs/changing-column-type
-- peer: squawk changing-column-type flags it; its page calls varchar to text binary coercible
-- expect: safe
-- file: V1__recipe.sql
CREATE TABLE core_recipe (id serial PRIMARY KEY, edits varchar(255));
-- file: V2__change.sql
BEGIN;
ALTER TABLE "core_recipe" ALTER COLUMN "edits" TYPE text USING "edits"::text;
COMMIT;

-- case: changing-column-type/varchar-widened
-- source: https://squawkhq.com/docs/changing-column-type
-- peer: squawk changing-column-type flags it; its page calls varchar(5) to varchar(10) safe
-- expect: safe
-- file: V1__recipe.sql
CREATE TABLE core_recipe (id serial PRIMARY KEY, code varchar(5));
-- file: V2__change.sql
ALTER TABLE core_recipe ALTER COLUMN code TYPE varchar(10);

-- case: changing-column-type/int-to-bigint
-- source: https://squawkhq.com/docs/changing-column-type
-- peer: squawk changing-column-type flags it
-- expect: unsafe alter-column-type
-- file: V1__email.sql
CREATE TABLE user_email (id serial PRIMARY KEY, user_id int NOT NULL);
-- file: V2__change.sql
ALTER TABLE user_email ALTER COLUMN user_id TYPE bigint;

-- case: changing-column-type/varchar-narrowed
-- source: https://squawkhq.com/docs/changing-column-type
-- peer: squawk changing-column-type flags it
-- expect: unsafe alter-column-type
-- file: V1__recipe.sql
CREATE TABLE core_recipe (id serial PRIMARY KEY, foo varchar(1000));
-- file: V2__change.sql
ALTER TABLE "core_recipe" ALTER COLUMN "foo" TYPE varchar(255) USING "foo"::varchar(255);

-- case: constraint-missing-not-valid/check
-- source: https://squawkhq.com/docs/constraint-missing-not-valid
-- peer: squawk constraint-missing-not-valid flags it
-- expect: unsafe add-check-constraint-validated
ALTER TABLE "accounts" ADD CONSTRAINT "positive_balance" CHECK ("balance" >= 0);

-- case: constraint-missing-not-valid/check-not-valid
-- source: https://squawkhq.com/docs/constraint-missing-not-valid
-- peer: squawk constraint-missing-not-valid passes it
-- expect: safe
ALTER TABLE "accounts" ADD CONSTRAINT "positive_balance" CHECK ("balance" >= 0) NOT VALID;

-- case: constraint-missing-not-valid/check-validated-same-file
-- source: https://squawkhq.com/docs/constraint-missing-not-valid
-- peer: squawk constraint-missing-not-valid flags the validation in the same transaction
-- expect: unsafe add-check-constraint-validated
ALTER TABLE "accounts" ADD CONSTRAINT "positive_balance" CHECK ("balance" >= 0) NOT VALID;
ALTER TABLE accounts VALIDATE CONSTRAINT positive_balance;

-- case: constraint-missing-not-valid/new-table
-- source: https://squawkhq.com/docs/constraint-missing-not-valid
-- peer: squawk constraint-missing-not-valid passes it
-- expect: safe
BEGIN;
CREATE TABLE "core_foo" ("id" serial NOT NULL PRIMARY KEY, "age" integer NOT NULL);
ALTER TABLE "core_foo" ADD CONSTRAINT "age_restriction" CHECK ("age" >= 25);
COMMIT;

-- case: constraint-missing-not-valid/using-index
-- source: https://squawkhq.com/docs/constraint-missing-not-valid
-- peer: squawk constraint-missing-not-valid passes it
-- expect: safe
-- file: V1__email.sql
CREATE TABLE app_email (id bigint PRIMARY KEY, address text NOT NULL);
-- file: V2__index.sql
CREATE UNIQUE INDEX CONCURRENTLY email_idx ON app_email (address);
-- file: V3__constraint.sql
ALTER TABLE "app_email" ADD CONSTRAINT "email_uniq" UNIQUE USING INDEX "email_idx";

-- case: disallowed-unique-constraint/add
-- source: https://squawkhq.com/docs/disallowed-unique-constraint
-- peer: squawk disallowed-unique-constraint flags it
-- expect: unsafe add-unique-constraint
ALTER TABLE distributors ADD CONSTRAINT dist_id_uniq UNIQUE (dist_id);

-- case: disallowed-unique-constraint/add-column-unique
-- source: https://squawkhq.com/docs/disallowed-unique-constraint
-- peer: squawk disallowed-unique-constraint flags it
-- expect: unsafe add-unique-constraint
ALTER TABLE distributors ADD COLUMN dist_id text CONSTRAINT dist_id_uniq UNIQUE;

-- case: disallowed-unique-constraint/recipe-index
-- source: https://squawkhq.com/docs/disallowed-unique-constraint
-- peer: squawk disallowed-unique-constraint passes it
-- expect: safe
CREATE UNIQUE INDEX CONCURRENTLY dist_id_uniq ON distributors (dist_id);

-- case: disallowed-unique-constraint/recipe-constraint
-- source: https://squawkhq.com/docs/disallowed-unique-constraint
-- peer: squawk disallowed-unique-constraint passes it
-- expect: safe
-- file: V1__index.sql
CREATE UNIQUE INDEX CONCURRENTLY dist_id_uniq ON distributors (dist_id);
-- file: V2__constraint.sql
ALTER TABLE distributors ADD CONSTRAINT distributors_dist_id_key UNIQUE USING INDEX dist_id_uniq;

-- case: disallowed-unique-constraint/new-table
-- source: https://squawkhq.com/docs/disallowed-unique-constraint
-- peer: squawk disallowed-unique-constraint passes it
-- expect: safe
CREATE TABLE products (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, sku text NOT NULL);
ALTER TABLE products ADD CONSTRAINT sku_constraint UNIQUE (sku);

-- case: disallowed-unique-constraint/drop-constraint
-- source: https://squawkhq.com/docs/disallowed-unique-constraint
-- peer: squawk disallowed-unique-constraint passes it
-- expect: safe
ALTER TABLE table_name DROP CONSTRAINT field_name_constraint;

-- case: prefer-repack/vacuum-full
-- source: https://squawkhq.com/docs/prefer-repack
-- peer: squawk prefer-repack flags it
-- expect: unsafe table-maintenance
VACUUM FULL t;

-- case: prefer-repack/vacuum-full-options
-- source: https://squawkhq.com/docs/prefer-repack
-- peer: squawk prefer-repack flags it
-- expect: unsafe table-maintenance
VACUUM (FULL, VERBOSE) events;

-- case: prefer-repack/cluster
-- source: https://squawkhq.com/docs/prefer-repack
-- peer: squawk prefer-repack flags it
-- expect: unsafe table-maintenance
CLUSTER t USING t_pkey;

-- case: prefer-repack/cluster-all
-- source: https://squawkhq.com/docs/prefer-repack
-- peer: squawk prefer-repack flags it
-- expect: unsafe table-maintenance fails-in-transaction
CLUSTER;

-- case: prefer-repack/vacuum-analyze
-- source: https://squawkhq.com/docs/prefer-repack
-- peer: squawk prefer-repack passes it
-- expect: safe
VACUUM ANALYZE foo;

-- case: prefer-repack/vacuum-full-false
-- source: https://squawkhq.com/docs/prefer-repack
-- peer: squawk prefer-repack passes it
-- expect: safe
VACUUM (FULL FALSE) foo;

-- case: renaming-column/rename
-- source: https://squawkhq.com/docs/renaming-column
-- peer: squawk renaming-column flags it
-- expect: unsafe rename-column
ALTER TABLE "table_name" RENAME COLUMN "column_name" TO "new_column_name";

-- case: renaming-table/rename
-- source: https://squawkhq.com/docs/renaming-table
-- peer: squawk renaming-table flags it
-- expect: unsafe rename-table
ALTER TABLE "table_name" RENAME TO "new_table_name";

-- case: require-concurrent-index-creation/plain
-- source: https://squawkhq.com/docs/require-concurrent-index-creation
-- peer: squawk require-concurrent-index-creation flags it
-- expect: unsafe create-index-non-concurrent
CREATE INDEX "field_name_idx" ON "table_name" ("field_name");

-- case: require-concurrent-index-creation/new-table
-- source: https://squawkhq.com/docs/require-concurrent-index-creation
-- peer: squawk require-concurrent-index-creation passes it
-- expect: safe
BEGIN;
CREATE TABLE "core_foo" ("id" serial NOT NULL PRIMARY KEY, "tenant_id" integer NULL);
CREATE INDEX "core_foo_tenant_id_4d397ef9" ON "core_foo" ("tenant_id");
COMMIT;

-- case: require-concurrent-index-deletion/plain
-- source: https://squawkhq.com/docs/require-concurrent-index-deletion
-- peer: squawk require-concurrent-index-deletion flags it
-- expect: unsafe drop-index-non-concurrent
DROP INDEX IF EXISTS "field_name_idx";

-- case: require-concurrent-index-deletion/several
-- source: https://squawkhq.com/docs/require-concurrent-index-deletion
-- peer: squawk require-concurrent-index-deletion flags it
-- expect: unsafe drop-index-non-concurrent
DROP INDEX "idx1", "idx2";

-- case: require-concurrent-index-deletion/concurrently
-- source: https://squawkhq.com/docs/require-concurrent-index-deletion
-- peer: squawk require-concurrent-index-deletion passes it
-- expect: safe
DROP INDEX CONCURRENTLY IF EXISTS "field_name_idx";

-- case: require-concurrent-index-deletion/drop-trigger
-- source: https://squawkhq.com/docs/require-concurrent-index-deletion
-- peer: squawk require-concurrent-index-deletion passes it
-- expect: safe
DROP TRIGGER IF EXISTS audit_trigger ON foo_table;

-- case: require-concurrent-partition-detach/plain
-- source: https://squawkhq.com/docs/require-concurrent-partition-detach
-- peer: squawk require-concurrent-partition-detach flags it
-- expect: unsafe detach-partition
ALTER TABLE t DETACH PARTITION p;

-- case: require-concurrent-partition-detach/concurrently-in-flyway
-- source: https://squawkhq.com/docs/require-concurrent-partition-detach
-- peer: squawk passes it; Flyway runs it in a transaction, where PostgreSQL refuses it
-- expect: unsafe fails-in-transaction
ALTER TABLE t DETACH PARTITION p CONCURRENTLY;

-- case: require-concurrent-partition-detach/concurrently-outside-transaction
-- source: https://squawkhq.com/docs/require-concurrent-partition-detach
-- peer: squawk require-concurrent-partition-detach passes it
-- expect: safe
-- file: V3__detach.sql.conf
executeInTransaction=false
-- file: V3__detach.sql
ALTER TABLE t DETACH PARTITION p CONCURRENTLY;

-- case: require-concurrent-partition-detach/finalize
-- source: https://squawkhq.com/docs/require-concurrent-partition-detach
-- peer: squawk require-concurrent-partition-detach passes it
-- expect: safe
ALTER TABLE t DETACH PARTITION p FINALIZE;

-- case: require-concurrent-reindex/table
-- source: https://squawkhq.com/docs/require-concurrent-reindex
-- peer: squawk require-concurrent-reindex flags it
-- expect: unsafe reindex-non-concurrent
REINDEX TABLE foo;

-- case: require-concurrent-reindex/index
-- source: https://squawkhq.com/docs/require-concurrent-reindex
-- peer: squawk require-concurrent-reindex flags it
-- expect: unsafe reindex-non-concurrent
REINDEX INDEX foo_idx;

-- case: require-concurrent-reindex/schema
-- source: https://squawkhq.com/docs/require-concurrent-reindex
-- peer: squawk require-concurrent-reindex flags it
-- expect: unsafe reindex-non-concurrent
REINDEX SCHEMA app;

-- case: require-concurrent-reindex/concurrently-in-flyway
-- source: https://squawkhq.com/docs/require-concurrent-reindex
-- peer: squawk passes it; Flyway runs it in a transaction, where PostgreSQL refuses it
-- expect: unsafe concurrent-index-in-transaction
REINDEX INDEX CONCURRENTLY foo_idx;

-- case: require-concurrent-reindex/options-in-flyway
-- source: https://squawkhq.com/docs/require-concurrent-reindex
-- peer: squawk passes it; Flyway runs it in a transaction, where PostgreSQL refuses it
-- expect: unsafe concurrent-index-in-transaction
REINDEX (CONCURRENTLY) TABLE foo;

-- case: require-concurrent-reindex/concurrently-outside-transaction
-- source: https://squawkhq.com/docs/require-concurrent-reindex
-- peer: squawk require-concurrent-reindex passes it
-- expect: safe
-- file: V7__reindex.sql.conf
executeInTransaction=false
-- file: V7__reindex.sql
REINDEX TABLE CONCURRENTLY foo;

-- case: require-concurrent-reindex/system
-- source: https://squawkhq.com/docs/require-concurrent-reindex
-- peer: squawk require-concurrent-reindex passes it
-- expect: safe
REINDEX SYSTEM mydb;

-- case: require-enum-value-ordering/add-value
-- source: https://squawkhq.com/docs/require-enum-value-ordering
-- peer: squawk require-enum-value-ordering flags it (ordering only)
-- expect: safe
ALTER TYPE my_enum ADD VALUE 'new_value';

-- case: require-enum-value-ordering/add-value-before
-- source: https://squawkhq.com/docs/require-enum-value-ordering
-- peer: squawk require-enum-value-ordering passes it
-- expect: safe
ALTER TYPE my_enum ADD VALUE IF NOT EXISTS 'new_value' BEFORE 'existing_value';

-- case: transaction-nesting/begin-twice
-- source: https://squawkhq.com/docs/transaction-nesting
-- peer: squawk transaction-nesting flags it
-- expect: unsafe transaction-nesting
BEGIN;
BEGIN;
SELECT 1;
COMMIT;

-- case: transaction-nesting/wrapper
-- source: https://squawkhq.com/docs/transaction-nesting
-- peer: squawk transaction-nesting passes it
-- expect: safe
BEGIN;
ALTER TABLE "core_foo" ADD COLUMN "answer_id" integer NULL;
COMMIT;

-- case: transaction-nesting/commit-midway
-- source: https://squawkhq.com/docs/transaction-nesting
-- peer: squawk transaction-nesting flags it
-- expect: unsafe transaction-nesting
ALTER TABLE "core_foo" ADD COLUMN "answer_id" integer NULL;
COMMIT;

-- case: ban-uncommitted-transaction/begin-only
-- source: https://squawkhq.com/docs/ban-uncommitted-transaction
-- peer: squawk ban-uncommitted-transaction flags it
-- expect: unsafe transaction-nesting
BEGIN;
CREATE TABLE users (id bigint);

-- case: require-timeout-settings/add-column
-- source: https://squawkhq.com/docs/require-timeout-settings
-- peer: squawk require-timeout-settings flags it; a missing lock_timeout is a warning here
-- expect: safe
ALTER TABLE t ADD COLUMN c boolean;

-- case: require-timeout-settings/with-timeouts
-- source: https://squawkhq.com/docs/require-timeout-settings
-- peer: squawk require-timeout-settings passes it
-- expect: safe
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER TABLE t ADD COLUMN c boolean;

-- case: prefer-robust-stmts/add-column
-- source: https://squawkhq.com/docs/prefer-robust-stmts
-- peer: squawk prefer-robust-stmts flags it (style)
-- expect: safe
ALTER TABLE "core_foo" ADD COLUMN "answer_id" integer NULL;

-- case: prefer-text-field/varchar
-- source: https://squawkhq.com/docs/prefer-text-field
-- peer: squawk prefer-text-field flags it (style)
-- expect: safe
ALTER TABLE "foo_table" ADD COLUMN "foo_column" varchar(256) NULL;

-- case: ban-char-field/char
-- source: https://squawkhq.com/docs/ban-char-field
-- peer: squawk ban-char-field flags it (style)
-- expect: safe
CREATE TABLE "core_bar" ("id" serial NOT NULL PRIMARY KEY, "alpha" char(100) NOT NULL);

-- case: prefer-bigint-over-int/int
-- source: https://squawkhq.com/docs/prefer-bigint-over-int
-- peer: squawk prefer-bigint-over-int flags it (style)
-- expect: safe
CREATE TABLE users (id int);

-- case: prefer-identity/serial
-- source: https://squawkhq.com/docs/prefer-identity
-- peer: squawk prefer-identity flags it (style)
-- expect: safe
CREATE TABLE users (id serial);

-- case: prefer-timestamptz/timestamp
-- source: https://squawkhq.com/docs/prefer-timestamptz
-- peer: squawk prefer-timestamptz flags it (style)
-- expect: safe
CREATE TABLE app.users (created_ts timestamp);

-- case: identifier-too-long/table
-- source: https://squawkhq.com/docs/identifier-too-long
-- peer: squawk identifier-too-long flags it; PostgreSQL truncates the name, in the DDL and in queries alike
-- expect: safe
CREATE TABLE table_very_long_very_long_very_long_very_long_very_long_very_long (id bigint);
