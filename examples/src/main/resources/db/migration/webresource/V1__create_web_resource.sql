-- Fetched web resources, cached by URL.
CREATE TABLE web_resource (
    id             bigserial     PRIMARY KEY,
    url            varchar(2000) NOT NULL,
    etag           varchar(200),
    content_sha256 varchar(64),
    fetched_at     timestamptz   NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX web_resource_url_key ON web_resource (url);
