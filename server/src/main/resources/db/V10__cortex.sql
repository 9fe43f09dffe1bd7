-- Cortex: registered repositories and the symbols and edges read from their files.

CREATE TABLE cortex_repos (
    name        VARCHAR(100)  NOT NULL PRIMARY KEY,
    path        VARCHAR(1000) NOT NULL,
    created_at  TIMESTAMP     NOT NULL,
    indexed_at  TIMESTAMP
);

CREATE TABLE cortex_files (
    repo      VARCHAR(100)  NOT NULL,
    path      VARCHAR(1000) NOT NULL,
    language  VARCHAR(20)   NOT NULL,
    sha256    VARCHAR(64)   NOT NULL,
    lines     INTEGER       NOT NULL,
    PRIMARY KEY (repo, path)
);

CREATE TABLE cortex_symbols (
    repo   VARCHAR(100)  NOT NULL,
    path   VARCHAR(1000) NOT NULL,
    name   VARCHAR(300)  NOT NULL,
    kind   VARCHAR(20)   NOT NULL,
    line   INTEGER       NOT NULL
);
CREATE INDEX cortex_symbols_file ON cortex_symbols (repo, path);
CREATE INDEX cortex_symbols_name ON cortex_symbols (name);

CREATE TABLE cortex_edges (
    repo       VARCHAR(100)  NOT NULL,
    path       VARCHAR(1000) NOT NULL,
    from_name  VARCHAR(300)  NOT NULL,
    to_name    VARCHAR(300)  NOT NULL,
    kind       VARCHAR(20)   NOT NULL,
    line       INTEGER       NOT NULL
);
CREATE INDEX cortex_edges_file ON cortex_edges (repo, path);
CREATE INDEX cortex_edges_to ON cortex_edges (to_name);

-- the blast radius of each request: score (0-100) and a summary (level, touched, dependents, tags, symbols)
ALTER TABLE audit_records ADD COLUMN risk_score INTEGER;
ALTER TABLE audit_records ADD COLUMN risk VARCHAR(500);
