-- Cases written from strong_migrations' README (https://github.com/ankane/strong_migrations): each Active
-- Record call as the SQL it runs on PostgreSQL. "peer" is strong_migrations' verdict ("Bad" or "Good").

-- case: removing-a-column
-- source: https://github.com/ankane/strong_migrations#removing-a-column
-- peer: strong_migrations calls remove_column Bad
-- expect: unsafe drop-column
ALTER TABLE "users" DROP COLUMN "some_column";

-- case: changing-the-type/integer-to-bigint
-- source: https://github.com/ankane/strong_migrations#changing-the-type-of-a-column
-- peer: strong_migrations calls change_column Bad
-- expect: unsafe alter-column-type
-- file: V1__users.sql
CREATE TABLE users (id bigserial PRIMARY KEY, some_column integer);
-- file: V2__change.sql
ALTER TABLE "users" ALTER COLUMN "some_column" TYPE bigint;

-- case: changing-the-type/cidr-to-inet
-- source: https://github.com/ankane/strong_migrations#changing-the-type-of-a-column
-- peer: strong_migrations lists cidr to inet as safe
-- expect: safe
-- file: V1__hosts.sql
CREATE TABLE hosts (id bigserial PRIMARY KEY, network cidr);
-- file: V2__change.sql
ALTER TABLE "hosts" ALTER COLUMN "network" TYPE inet;

-- case: changing-the-type/string-limit-increased
-- source: https://github.com/ankane/strong_migrations#changing-the-type-of-a-column
-- peer: strong_migrations lists increasing a string :limit as safe
-- expect: safe
-- file: V1__users.sql
CREATE TABLE users (id bigserial PRIMARY KEY, name character varying(100));
-- file: V2__change.sql
ALTER TABLE "users" ALTER COLUMN "name" TYPE character varying(255);

-- case: changing-the-type/string-limit-removed
-- source: https://github.com/ankane/strong_migrations#changing-the-type-of-a-column
-- peer: strong_migrations lists removing a string :limit as safe
-- expect: safe
-- file: V1__users.sql
CREATE TABLE users (id bigserial PRIMARY KEY, name character varying(100));
-- file: V2__change.sql
ALTER TABLE "users" ALTER COLUMN "name" TYPE character varying;

-- case: changing-the-type/string-to-text
-- source: https://github.com/ankane/strong_migrations#changing-the-type-of-a-column
-- peer: strong_migrations lists string to text as safe
-- expect: safe
-- file: V1__users.sql
CREATE TABLE users (id bigserial PRIMARY KEY, bio character varying(500));
-- file: V2__change.sql
ALTER TABLE "users" ALTER COLUMN "bio" TYPE text;

-- case: changing-the-type/text-to-unlimited-string
-- source: https://github.com/ankane/strong_migrations#changing-the-type-of-a-column
-- peer: strong_migrations lists text to string without :limit as safe
-- expect: safe
-- file: V1__users.sql
CREATE TABLE users (id bigserial PRIMARY KEY, bio text);
-- file: V2__change.sql
ALTER TABLE "users" ALTER COLUMN "bio" TYPE character varying;

-- case: changing-the-type/text-to-limited-string
-- source: https://github.com/ankane/strong_migrations#changing-the-type-of-a-column
-- peer: strong_migrations calls it Bad (only an unlimited string is listed)
-- expect: unsafe alter-column-type
-- file: V1__users.sql
CREATE TABLE users (id bigserial PRIMARY KEY, bio text);
-- file: V2__change.sql
ALTER TABLE "users" ALTER COLUMN "bio" TYPE character varying(255);

-- case: changing-the-type/string-limit-decreased
-- source: https://github.com/ankane/strong_migrations#changing-the-type-of-a-column
-- peer: strong_migrations calls it Bad
-- expect: unsafe alter-column-type
-- file: V1__users.sql
CREATE TABLE users (id bigserial PRIMARY KEY, name character varying(255));
-- file: V2__change.sql
ALTER TABLE "users" ALTER COLUMN "name" TYPE character varying(100);

-- case: changing-the-type/decimal-precision-increased
-- source: https://github.com/ankane/strong_migrations#changing-the-type-of-a-column
-- peer: strong_migrations lists increasing decimal :precision at the same :scale as safe
-- expect: safe
-- file: V1__orders.sql
CREATE TABLE orders (id bigserial PRIMARY KEY, total decimal(10, 2));
-- file: V2__change.sql
ALTER TABLE "orders" ALTER COLUMN "total" TYPE decimal(12, 2);

-- case: changing-the-type/decimal-scale-changed
-- source: https://github.com/ankane/strong_migrations#changing-the-type-of-a-column
-- peer: strong_migrations calls it Bad
-- expect: unsafe alter-column-type
-- file: V1__orders.sql
CREATE TABLE orders (id bigserial PRIMARY KEY, total decimal(10, 2));
-- file: V2__change.sql
ALTER TABLE "orders" ALTER COLUMN "total" TYPE decimal(12, 4);

-- case: changing-the-type/numeric-unconstrained
-- source: https://github.com/ankane/strong_migrations#changing-the-type-of-a-column
-- peer: strong_migrations lists removing :precision and :scale as safe
-- expect: safe
-- file: V1__orders.sql
CREATE TABLE orders (id bigserial PRIMARY KEY, total numeric(10, 2));
-- file: V2__change.sql
ALTER TABLE "orders" ALTER COLUMN "total" TYPE numeric;

-- case: changing-the-type/datetime-precision-increased
-- source: https://github.com/ankane/strong_migrations#changing-the-type-of-a-column
-- peer: strong_migrations lists increasing datetime :precision as safe
-- expect: safe
-- file: V1__events.sql
CREATE TABLE events (id bigserial PRIMARY KEY, happened_at timestamp(3) without time zone);
-- file: V2__change.sql
ALTER TABLE "events" ALTER COLUMN "happened_at" TYPE timestamp(6) without time zone;

-- case: changing-the-type/datetime-precision-decreased
-- source: https://github.com/ankane/strong_migrations#changing-the-type-of-a-column
-- peer: strong_migrations calls it Bad
-- expect: unsafe alter-column-type
-- file: V1__events.sql
CREATE TABLE events (id bigserial PRIMARY KEY, happened_at timestamp(6) without time zone);
-- file: V2__change.sql
ALTER TABLE "events" ALTER COLUMN "happened_at" TYPE timestamp(0) without time zone;

-- case: changing-the-type/datetime-to-timestamptz
-- source: https://github.com/ankane/strong_migrations#changing-the-type-of-a-column
-- peer: strong_migrations lists it as safe when the session time zone is UTC (a warning here)
-- expect: safe
-- file: V1__events.sql
CREATE TABLE events (id bigserial PRIMARY KEY, happened_at timestamp without time zone);
-- file: V2__change.sql
ALTER TABLE "events" ALTER COLUMN "happened_at" TYPE timestamp with time zone;

-- case: changing-the-type/interval-precision-removed
-- source: https://github.com/ankane/strong_migrations#changing-the-type-of-a-column
-- peer: strong_migrations lists removing interval :precision as safe
-- expect: safe
-- file: V1__plans.sql
CREATE TABLE plans (id bigserial PRIMARY KEY, period interval(3));
-- file: V2__change.sql
ALTER TABLE "plans" ALTER COLUMN "period" TYPE interval;

-- case: changing-the-type/time-precision-increased
-- source: https://github.com/ankane/strong_migrations#changing-the-type-of-a-column
-- peer: strong_migrations lists increasing time :precision as safe
-- expect: safe
-- file: V1__shifts.sql
CREATE TABLE shifts (id bigserial PRIMARY KEY, starts time(0));
-- file: V2__change.sql
ALTER TABLE "shifts" ALTER COLUMN "starts" TYPE time(3);

-- case: changing-the-type/timestamptz-limit-removed
-- source: https://github.com/ankane/strong_migrations#changing-the-type-of-a-column
-- peer: strong_migrations lists removing a timestamptz :limit as safe
-- expect: safe
-- file: V1__events.sql
CREATE TABLE events (id bigserial PRIMARY KEY, seen timestamptz(3));
-- file: V2__change.sql
ALTER TABLE "events" ALTER COLUMN "seen" TYPE timestamptz;

-- case: changing-the-type/json-to-jsonb
-- source: https://github.com/ankane/strong_migrations#changing-the-type-of-a-column
-- peer: strong_migrations calls change_column Bad
-- expect: unsafe alter-column-type
-- file: V1__users.sql
CREATE TABLE users (id bigserial PRIMARY KEY, properties json);
-- file: V2__change.sql
ALTER TABLE "users" ALTER COLUMN "properties" TYPE jsonb USING properties::jsonb;

-- case: renaming-a-column
-- source: https://github.com/ankane/strong_migrations#renaming-a-column
-- peer: strong_migrations calls rename_column Bad
-- expect: unsafe rename-column
ALTER TABLE "users" RENAME COLUMN "some_column" TO "new_name";

-- case: renaming-a-table
-- source: https://github.com/ankane/strong_migrations#renaming-a-table
-- peer: strong_migrations calls rename_table Bad
-- expect: unsafe rename-table
ALTER TABLE "users" RENAME TO "customers";

-- case: creating-a-table-with-force
-- source: https://github.com/ankane/strong_migrations#creating-a-table-with-the-force-option
-- peer: strong_migrations calls create_table force: true Bad
-- expect: unsafe drop-table
DROP TABLE IF EXISTS "users" CASCADE;
CREATE TABLE "users" ("id" bigserial PRIMARY KEY, "name" character varying);

-- case: creating-a-table
-- source: https://github.com/ankane/strong_migrations#creating-a-table-with-the-force-option
-- peer: strong_migrations calls create_table without force Good
-- expect: safe
CREATE TABLE "users" ("id" bigserial PRIMARY KEY, "name" character varying, "created_at" timestamp(6) NOT NULL);

-- case: adding-an-auto-incrementing-column
-- source: https://github.com/ankane/strong_migrations#adding-an-auto-incrementing-column
-- peer: strong_migrations calls add_column :primary_key Bad
-- expect: unsafe volatile-default add-unique-constraint
ALTER TABLE "cities_users" ADD "id" bigserial PRIMARY KEY;

-- case: adding-a-stored-generated-column
-- source: https://github.com/ankane/strong_migrations#adding-a-stored-generated-column
-- peer: strong_migrations calls it Bad
-- expect: unsafe add-generated-stored-column
ALTER TABLE "users" ADD "full_name" character varying GENERATED ALWAYS AS (first_name || ' ' || last_name) STORED;

-- case: adding-a-foreign-key/validated
-- source: https://github.com/ankane/strong_migrations#adding-a-foreign-key
-- peer: strong_migrations calls add_foreign_key Bad
-- expect: unsafe add-fk-validated
ALTER TABLE "users" ADD CONSTRAINT "fk_rails_c1e9b98e31" FOREIGN KEY ("order_id") REFERENCES "orders" ("id");

-- case: adding-a-foreign-key/reference
-- source: https://github.com/ankane/strong_migrations#adding-a-foreign-key
-- peer: strong_migrations calls add_reference foreign_key: true Bad
-- expect: unsafe create-index-non-concurrent add-fk-validated
ALTER TABLE "users" ADD "order_id" bigint;
CREATE INDEX "index_users_on_order_id" ON "users" ("order_id");
ALTER TABLE "users" ADD CONSTRAINT "fk_rails_c1e9b98e31" FOREIGN KEY ("order_id") REFERENCES "orders" ("id");

-- case: adding-a-foreign-key/not-validated
-- source: https://github.com/ankane/strong_migrations#adding-a-foreign-key
-- peer: strong_migrations calls add_foreign_key validate: false Good
-- expect: safe
ALTER TABLE "users" ADD CONSTRAINT "fk_rails_c1e9b98e31" FOREIGN KEY ("order_id") REFERENCES "orders" ("id") NOT VALID;

-- case: adding-a-foreign-key/validate-later
-- source: https://github.com/ankane/strong_migrations#adding-a-foreign-key
-- peer: strong_migrations calls validate_foreign_key in a separate migration Good
-- expect: safe
-- file: V1__fk.sql
ALTER TABLE "users" ADD CONSTRAINT "fk_rails_c1e9b98e31" FOREIGN KEY ("order_id") REFERENCES "orders" ("id") NOT VALID;
-- file: V2__validate.sql
ALTER TABLE "users" VALIDATE CONSTRAINT "fk_rails_c1e9b98e31";

-- case: adding-a-check-constraint/validated
-- source: https://github.com/ankane/strong_migrations#adding-a-check-constraint
-- peer: strong_migrations calls add_check_constraint Bad
-- expect: unsafe add-check-constraint-validated
ALTER TABLE "users" ADD CONSTRAINT "price_check" CHECK (price > 0);

-- case: adding-a-check-constraint/not-validated
-- source: https://github.com/ankane/strong_migrations#adding-a-check-constraint
-- peer: strong_migrations calls add_check_constraint validate: false Good
-- expect: safe
ALTER TABLE "users" ADD CONSTRAINT "price_check" CHECK (price > 0) NOT VALID;

-- case: adding-a-check-constraint/validate-later
-- source: https://github.com/ankane/strong_migrations#adding-a-check-constraint
-- peer: strong_migrations calls validate_check_constraint in a separate migration Good
-- expect: safe
-- file: V1__check.sql
ALTER TABLE "users" ADD CONSTRAINT "price_check" CHECK (price > 0) NOT VALID;
-- file: V2__validate.sql
ALTER TABLE "users" VALIDATE CONSTRAINT "price_check";

-- case: backfilling-data/same-transaction
-- source: https://github.com/ankane/strong_migrations#backfilling-data
-- peer: strong_migrations calls a backfill in the migration that adds the column Bad
-- expect: unsafe backfill-under-lock
ALTER TABLE "users" ADD "some_column" text;
UPDATE "users" SET "some_column" = 'default_value';

-- case: backfilling-data/separate-migration
-- source: https://github.com/ankane/strong_migrations#backfilling-data
-- peer: strong_migrations calls a batched backfill in its own migration Good
-- expect: safe
-- file: V1__column.sql
ALTER TABLE "users" ADD "some_column" text;
-- file: V2__backfill.sql
UPDATE "users" SET "some_column" = 'default_value' WHERE "id" BETWEEN 1 AND 10000 AND "some_column" IS NULL;

-- case: backfilling-data/delete-after-index
-- source: https://github.com/ankane/strong_migrations#backfilling-data
-- peer: strong_migrations calls a data change in the migration that locks the table Bad
-- expect: unsafe create-index-non-concurrent backfill-under-lock
CREATE INDEX "index_users_on_deleted_at" ON "users" ("deleted_at");
DELETE FROM "users" WHERE "deleted_at" < now() - interval '1 year';

-- case: adding-an-index/non-concurrently
-- source: https://github.com/ankane/strong_migrations#adding-an-index-non-concurrently
-- peer: strong_migrations calls add_index Bad
-- expect: unsafe create-index-non-concurrent
CREATE INDEX "index_users_on_some_column" ON "users" ("some_column");

-- case: adding-an-index/concurrently
-- source: https://github.com/ankane/strong_migrations#adding-an-index-non-concurrently
-- peer: strong_migrations calls add_index algorithm: :concurrently with disable_ddl_transaction! Good
-- expect: safe
CREATE INDEX CONCURRENTLY "index_users_on_some_column" ON "users" ("some_column");

-- case: adding-an-index/new-table
-- source: https://github.com/ankane/strong_migrations#adding-an-index-non-concurrently
-- peer: strong_migrations calls an index on a table of the same migration Good
-- expect: safe
CREATE TABLE "projects" ("id" bigserial PRIMARY KEY, "user_id" bigint);
CREATE INDEX "index_projects_on_user_id" ON "projects" ("user_id");

-- case: adding-a-reference/with-index
-- source: https://github.com/ankane/strong_migrations#adding-a-reference
-- peer: strong_migrations calls add_reference Bad
-- expect: unsafe create-index-non-concurrent
ALTER TABLE "users" ADD "city_id" bigint;
CREATE INDEX "index_users_on_city_id" ON "users" ("city_id");

-- case: adding-a-reference/concurrently-in-one-file
-- source: https://github.com/ankane/strong_migrations#adding-a-reference
-- peer: strong_migrations calls it Good with disable_ddl_transaction!; Flyway refuses the mixed file
-- expect: unsafe flyway-mixed-transactional
ALTER TABLE "users" ADD "city_id" bigint;
CREATE INDEX CONCURRENTLY "index_users_on_city_id" ON "users" ("city_id");

-- case: adding-a-reference/column-then-index
-- source: https://github.com/ankane/strong_migrations#adding-a-reference
-- peer: strong_migrations calls it Good
-- expect: safe
-- file: V1__column.sql
ALTER TABLE "users" ADD "city_id" bigint;
-- file: V2__index.sql
CREATE INDEX CONCURRENTLY "index_users_on_city_id" ON "users" ("city_id");

-- case: adding-a-unique-constraint/direct
-- source: https://github.com/ankane/strong_migrations#adding-a-unique-constraint
-- peer: strong_migrations calls add_unique_constraint Bad
-- expect: unsafe add-unique-constraint
ALTER TABLE "users" ADD CONSTRAINT "unique_some_column" UNIQUE ("some_column");

-- case: adding-a-unique-constraint/using-index
-- source: https://github.com/ankane/strong_migrations#adding-a-unique-constraint
-- peer: strong_migrations calls the constraint over a concurrently built index Good
-- expect: safe
-- file: V1__index.sql
CREATE UNIQUE INDEX CONCURRENTLY "index_users_on_some_column" ON "users" ("some_column");
-- file: V2__constraint.sql
ALTER TABLE "users" ADD CONSTRAINT "unique_some_column" UNIQUE USING INDEX "index_users_on_some_column";

-- case: adding-a-unique-constraint/one-file
-- source: https://github.com/ankane/strong_migrations#adding-a-unique-constraint
-- peer: strong_migrations calls it Good with disable_ddl_transaction!; Flyway refuses the mixed file
-- expect: unsafe flyway-mixed-transactional
CREATE UNIQUE INDEX CONCURRENTLY "index_users_on_some_column" ON "users" ("some_column");
ALTER TABLE "users" ADD CONSTRAINT "unique_some_column" UNIQUE USING INDEX "index_users_on_some_column";

-- case: adding-an-exclusion-constraint
-- source: https://github.com/ankane/strong_migrations#adding-an-exclusion-constraint
-- peer: strong_migrations calls add_exclusion_constraint Bad
-- expect: unsafe add-exclusion-constraint
ALTER TABLE "users" ADD CONSTRAINT "excl_rails_e6cd4d8b9a" EXCLUDE USING gist ("number" WITH =);

-- case: adding-a-json-column/json
-- source: https://github.com/ankane/strong_migrations#adding-a-json-column
-- peer: strong_migrations calls add_column :json Bad
-- expect: unsafe add-json-column
ALTER TABLE "users" ADD "properties" json;

-- case: adding-a-json-column/jsonb
-- source: https://github.com/ankane/strong_migrations#adding-a-json-column
-- peer: strong_migrations calls add_column :jsonb Good
-- expect: safe
ALTER TABLE "users" ADD "properties" jsonb;

-- case: adding-a-column-with-a-volatile-default
-- source: https://github.com/ankane/strong_migrations#adding-a-column-with-a-volatile-default-value
-- peer: strong_migrations calls it Bad
-- expect: unsafe volatile-default
ALTER TABLE "users" ADD "some_column" uuid DEFAULT gen_random_uuid();

-- case: adding-a-column-then-a-volatile-default
-- source: https://github.com/ankane/strong_migrations#adding-a-column-with-a-volatile-default-value
-- peer: strong_migrations calls add_column then change_column_default Good
-- expect: safe
ALTER TABLE "users" ADD "some_column" uuid;
ALTER TABLE "users" ALTER COLUMN "some_column" SET DEFAULT gen_random_uuid();

-- case: setting-not-null/direct
-- source: https://github.com/ankane/strong_migrations#setting-not-null-on-an-existing-column
-- peer: strong_migrations calls change_column_null Bad
-- expect: unsafe set-not-null
ALTER TABLE "users" ALTER COLUMN "some_column" SET NOT NULL;

-- case: setting-not-null/check-constraint-recipe
-- source: https://github.com/ankane/strong_migrations#setting-not-null-on-an-existing-column
-- peer: strong_migrations calls the validated check constraint recipe Good
-- expect: safe
-- file: V1__check.sql
ALTER TABLE "users" ADD CONSTRAINT "users_some_column_null" CHECK ("some_column" IS NOT NULL) NOT VALID;
-- file: V2__validate.sql
ALTER TABLE "users" VALIDATE CONSTRAINT "users_some_column_null";
-- file: V3__not_null.sql
ALTER TABLE "users" ALTER COLUMN "some_column" SET NOT NULL;
ALTER TABLE "users" DROP CONSTRAINT "users_some_column_null";

-- case: setting-not-null/check-validated-same-file
-- source: https://github.com/ankane/strong_migrations#setting-not-null-on-an-existing-column
-- peer: strong_migrations validates in a separate migration; SET NOT NULL then uses the check, but the validation ran under ADD's lock
-- expect: unsafe add-check-constraint-validated
ALTER TABLE "users" ADD CONSTRAINT "users_some_column_null" CHECK ("some_column" IS NOT NULL) NOT VALID;
ALTER TABLE "users" VALIDATE CONSTRAINT "users_some_column_null";
ALTER TABLE "users" ALTER COLUMN "some_column" SET NOT NULL;

-- case: renaming-an-enum-value
-- source: https://github.com/ankane/strong_migrations#renaming-an-enum-value
-- peer: strong_migrations calls rename_enum_value Bad
-- expect: unsafe rename-enum-value
ALTER TYPE "mood" RENAME VALUE 'happy' TO 'glad';

-- case: adding-an-enum-value
-- source: https://github.com/ankane/strong_migrations#renaming-an-enum-value
-- peer: strong_migrations calls adding the new value Good
-- expect: safe
ALTER TYPE "mood" ADD VALUE 'glad';

-- case: renaming-a-schema
-- source: https://github.com/ankane/strong_migrations#renaming-a-schema
-- peer: strong_migrations calls rename_schema Bad
-- expect: unsafe rename-schema
ALTER SCHEMA "foo" RENAME TO "bar";

-- case: creating-a-schema
-- source: https://github.com/ankane/strong_migrations#renaming-a-schema
-- peer: strong_migrations calls creating the new schema Good
-- expect: safe
CREATE SCHEMA "bar";

-- case: keeping-non-unique-indexes-small
-- source: https://github.com/ankane/strong_migrations#keeping-non-unique-indexes-to-three-columns-or-less
-- peer: strong_migrations flags four columns (best practice, not a lock)
-- expect: safe
CREATE INDEX CONCURRENTLY "index_users_on_a_b_c_d" ON "users" ("a", "b", "c", "d");

-- case: removing-an-index/plain
-- source: https://github.com/ankane/strong_migrations#adding-an-index-non-concurrently
-- peer: strong_migrations's safe_by_default removes indexes concurrently
-- expect: unsafe drop-index-non-concurrent
DROP INDEX "index_users_on_some_column";

-- case: removing-an-index/concurrently
-- source: https://github.com/ankane/strong_migrations#adding-an-index-non-concurrently
-- peer: strong_migrations calls remove_index algorithm: :concurrently Good
-- expect: safe
DROP INDEX CONCURRENTLY "index_users_on_some_column";

-- case: adding-a-nullable-column
-- source: https://github.com/ankane/strong_migrations#removing-a-column
-- peer: strong_migrations raises nothing for add_column
-- expect: safe
ALTER TABLE "users" ADD "nickname" character varying;

-- case: adding-a-column-with-a-constant-default
-- source: https://github.com/ankane/strong_migrations#adding-a-column-with-a-volatile-default-value
-- peer: strong_migrations raises nothing for a constant default
-- expect: safe
ALTER TABLE "users" ADD "active" boolean DEFAULT TRUE NOT NULL;
