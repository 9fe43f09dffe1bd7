-- Skills: engineering standards injected into matching requests. A row with skill_text is a skill an admin
-- wrote; a row without is an admin's settings for a skill that comes from a plugin. Lists are newline-separated.

CREATE TABLE skills (
    name          VARCHAR(100)   NOT NULL PRIMARY KEY,
    skill_text    VARCHAR(16000),
    kind          VARCHAR(10)    NOT NULL,
    priority      INTEGER        NOT NULL,
    intents       VARCHAR(200)   NOT NULL,
    paths         VARCHAR(4000)  NOT NULL,
    repositories  VARCHAR(4000)  NOT NULL,
    off_teams     VARCHAR(4000)  NOT NULL,
    enabled       BOOLEAN        NOT NULL,
    updated_at    TIMESTAMP      NOT NULL
);

ALTER TABLE audit_records ADD COLUMN skills VARCHAR(1000);
