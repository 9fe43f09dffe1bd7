-- Cross-agent context (issue 20): per file a finished task turn wrote, a content-free trace (the file and symbol
-- names Cortex knows, who, when, intent, route, the council's verdict); the audit records the notes a request got.

CREATE TABLE context_traces (
    task         VARCHAR(64)   NOT NULL,
    repo         VARCHAR(200)  NOT NULL,
    file_path    VARCHAR(1000) NOT NULL,
    symbols      VARCHAR(1000),
    username     VARCHAR(255),
    team         VARCHAR(100),
    intent       VARCHAR(20),
    route        VARCHAR(200),
    council      VARCHAR(16),
    changed_at   TIMESTAMP     NOT NULL,
    PRIMARY KEY (task, repo, file_path)
);
CREATE INDEX context_traces_file ON context_traces (repo, file_path);
CREATE INDEX context_traces_changed ON context_traces (changed_at);

ALTER TABLE audit_records ADD COLUMN context_notes VARCHAR(1000);
