-- Artifacts seen on Maven repositories.
CREATE TABLE maven_artifact (
    id           bigserial    PRIMARY KEY,
    group_id     varchar(200) NOT NULL,
    artifact_id  varchar(200) NOT NULL,
    version      varchar(100) NOT NULL,
    published_at timestamptz
);

CREATE UNIQUE INDEX maven_artifact_gav_key ON maven_artifact (group_id, artifact_id, version);
