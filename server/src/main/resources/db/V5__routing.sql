-- Routing: per-intent rules (an org-wide set, and per-team overrides), fallback chains per model, and the
-- team a user belongs to.

CREATE TABLE routing_rules (
    id             VARCHAR(36)  NOT NULL PRIMARY KEY,
    team           VARCHAR(100),
    intent         VARCHAR(20)  NOT NULL,
    target         VARCHAR(300) NOT NULL,
    council        BOOLEAN      NOT NULL,
    min_confidence DOUBLE PRECISION NOT NULL
);

CREATE TABLE fallback_chains (
    model       VARCHAR(300)  NOT NULL PRIMARY KEY,
    chain       VARCHAR(4000) NOT NULL,
    updated_at  TIMESTAMP     NOT NULL
);

ALTER TABLE users ADD COLUMN team VARCHAR(100);

-- a rule set is stored once it is set; until then the built-in "srooter defaults" apply
CREATE TABLE routing_settings (
    name   VARCHAR(100) NOT NULL PRIMARY KEY,
    value  VARCHAR(4000) NOT NULL
);
