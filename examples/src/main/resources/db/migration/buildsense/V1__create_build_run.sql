-- One CI build observed by buildsense.
CREATE TABLE build_run (
    id          bigserial    PRIMARY KEY,
    repo        varchar(300) NOT NULL,
    branch      varchar(300) NOT NULL,
    outcome     varchar(20)  NOT NULL DEFAULT 'running',
    started_at  timestamptz  NOT NULL DEFAULT now(),
    finished_at timestamptz
);

CREATE INDEX build_run_repo_branch_idx ON build_run (repo, branch);
