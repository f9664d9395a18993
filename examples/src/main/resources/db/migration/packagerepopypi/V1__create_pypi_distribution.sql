-- Distributions (sdists and wheels) seen on PyPI.
CREATE TABLE pypi_distribution (
    id          bigserial    PRIMARY KEY,
    project     varchar(200) NOT NULL,
    version     varchar(100) NOT NULL,
    filename    varchar(300) NOT NULL,
    uploaded_at timestamptz  NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX pypi_distribution_filename_key ON pypi_distribution (filename);
