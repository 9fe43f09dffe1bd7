-- Several nodes on one database (issue 22). Budget leases: a node takes a slice of a cap's allowance into budgets.reserved_usd at once and spends it
-- in memory, so requests do not lock the cap's row one by one. Each node keeps its outstanding lease per cap here,
-- renewed every few seconds, so that what a node that stopped without returning its leases held can be given back
-- by the others (period_start: the cap's period the lease was taken in; a lease of an ended period is void).
CREATE TABLE budget_leases (
    node          VARCHAR(36)    NOT NULL,
    budget_id     VARCHAR(250)   NOT NULL,
    amount        DECIMAL(20,10) NOT NULL,
    period_start  TIMESTAMP      NOT NULL,
    renewed_at    TIMESTAMP      NOT NULL,
    PRIMARY KEY (node, budget_id)
);

-- One counter per kind of shared setting, raised by the node where an admin changed something; every node reads it
-- each second and reloads what it holds in memory when it moved (routing, providers, keys, policies, skills, ...).
CREATE TABLE cluster_changes (
    topic       VARCHAR(50) NOT NULL PRIMARY KEY,
    version     BIGINT      NOT NULL,
    changed_at  TIMESTAMP   NOT NULL
);

-- The key pair that signs console sign-in tokens, shared by every node (the private half sealed with the master key,
-- which every node of one database must share anyway), so a token from one node is good on all of them.
CREATE TABLE signing_keys (
    id              VARCHAR(50)   NOT NULL PRIMARY KEY,
    private_sealed  VARCHAR(8000) NOT NULL,
    public_pem      VARCHAR(2000) NOT NULL,
    created_at      TIMESTAMP     NOT NULL
);

-- An agent task's routing state, so that a follow-up served by another node stays on the task's model, skips the
-- classifier, and counts toward the same loop guard (no content: the id is a digest, the reason a few words).
CREATE TABLE task_state (
    id          VARCHAR(32)      NOT NULL PRIMARY KEY,
    intent      VARCHAR(20),
    confidence  DOUBLE PRECISION,
    reason      VARCHAR(200),
    classifier  VARCHAR(100),
    model       VARCHAR(300),
    turns       INTEGER          NOT NULL,
    cost_usd    DOUBLE PRECISION NOT NULL,
    started_at  TIMESTAMP        NOT NULL,
    last_at     TIMESTAMP        NOT NULL
);
CREATE INDEX task_state_last_at ON task_state (last_at);

-- The nodes serving this database, each renewing its row every few seconds: a node that sees others alive shares
-- task state at once instead of a second later.
CREATE TABLE cluster_nodes (
    node     VARCHAR(36) NOT NULL PRIMARY KEY,
    seen_at  TIMESTAMP   NOT NULL
);

-- Each node's count over the last minute per rate-limited subject, written every second while other nodes are alive:
-- a node admits against its own count plus the others' (so a limit holds across nodes, within a second of traffic).
CREATE TABLE rate_counts (
    node        VARCHAR(36)  NOT NULL,
    subject     VARCHAR(250) NOT NULL,
    requests    BIGINT       NOT NULL,
    tokens      BIGINT       NOT NULL,
    updated_at  TIMESTAMP    NOT NULL,
    PRIMARY KEY (node, subject)
);
