-- E-mails waiting to be sent (a development-only database for now).
CREATE TABLE notification (
    id         bigserial    PRIMARY KEY,
    recipient  varchar(320) NOT NULL,
    subject    varchar(200) NOT NULL,
    body       text         NOT NULL,
    sent_at    timestamptz
);
