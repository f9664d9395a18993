-- Accounts of the people who sign in.
CREATE TABLE user_account (
    id           bigserial    PRIMARY KEY,
    email        varchar(320) NOT NULL,
    display_name varchar(200) NOT NULL,
    created_at   timestamptz  NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX user_account_email_key ON user_account (email);
