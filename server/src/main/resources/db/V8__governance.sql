-- Governance: policy settings per level, budgets with their spend, rate limits, admin changes, plugin and
-- audit sink states; audit records gain the caller's team and the policies' decisions.

CREATE TABLE policy_settings (
    policy      VARCHAR(100)  NOT NULL,
    scope       VARCHAR(10)   NOT NULL,
    subject     VARCHAR(200)  NOT NULL,
    config      VARCHAR(8000) NOT NULL,
    updated_at  TIMESTAMP     NOT NULL,
    PRIMARY KEY (policy, scope, subject)
);

-- id: 'org', 'team:<team>', 'user:<username>' or 'key:<key id>'. Spend and reservations are in USD, exact to
-- 1e-10; spent_usd counts the period that began at period_start.
CREATE TABLE budgets (
    id            VARCHAR(250)   NOT NULL PRIMARY KEY,
    limit_usd     DECIMAL(20,10) NOT NULL,
    period        VARCHAR(10)    NOT NULL,
    hard_stop     BOOLEAN        NOT NULL,
    period_start  TIMESTAMP      NOT NULL,
    spent_usd     DECIMAL(20,10) NOT NULL,
    reserved_usd  DECIMAL(20,10) NOT NULL,
    -- a request holds the rest of the cap (less than its estimate): no other may until it is settled
    rest_held     BOOLEAN        NOT NULL,
    updated_at    TIMESTAMP      NOT NULL
);

-- id: 'user:<username>' or 'key:<key id>'; null: no limit of that kind
CREATE TABLE rate_limits (
    id                   VARCHAR(250) NOT NULL PRIMARY KEY,
    requests_per_minute  INTEGER,
    tokens_per_minute    INTEGER
);

CREATE TABLE admin_events (
    id        VARCHAR(36)   NOT NULL PRIMARY KEY,
    occurred_at TIMESTAMP   NOT NULL,
    username  VARCHAR(100),
    role      VARCHAR(20),
    method    VARCHAR(10)   NOT NULL,
    path      VARCHAR(1000) NOT NULL,
    status    INTEGER       NOT NULL,
    detail    VARCHAR(4000)
);

CREATE TABLE plugin_states (
    plugin_id  VARCHAR(100) NOT NULL PRIMARY KEY,
    enabled    BOOLEAN      NOT NULL
);

CREATE TABLE audit_sinks (
    name      VARCHAR(100)  NOT NULL PRIMARY KEY,
    enabled   BOOLEAN       NOT NULL,
    settings  VARCHAR(4000) NOT NULL
);

ALTER TABLE audit_records ADD COLUMN team VARCHAR(100);
ALTER TABLE audit_records ADD COLUMN policies VARCHAR(2000);

CREATE INDEX audit_records_user ON audit_records (username, created_at);
