-- Learned routes (issue 19): a rule whose target is "learned" chooses among its candidates; what each model has
-- shown in each context, every decision made (to credit later signals to it), and admins' pins. No prompt content:
-- a decision keeps a 64-bit fingerprint of the ask (to tell a retry from new work), never its text.

ALTER TABLE routing_rules ADD COLUMN candidates VARCHAR(4000);

CREATE TABLE learned_arms (
    context_key  VARCHAR(400)     NOT NULL,
    model        VARCHAR(300)     NOT NULL,
    reward       DOUBLE PRECISION NOT NULL,
    weight       DOUBLE PRECISION NOT NULL,
    decisions    BIGINT           NOT NULL,
    cost_usd     DOUBLE PRECISION NOT NULL,
    updated_at   TIMESTAMP        NOT NULL,
    PRIMARY KEY (context_key, model)
);

CREATE TABLE learned_decisions (
    id               VARCHAR(64)  NOT NULL PRIMARY KEY,
    task             VARCHAR(64)  NOT NULL,
    parent_task      VARCHAR(64),
    context_key      VARCHAR(400) NOT NULL,
    model            VARCHAR(300) NOT NULL,
    requested_model  VARCHAR(300),
    username         VARCHAR(255),
    explored         BOOLEAN      NOT NULL,
    ask_print        BIGINT       NOT NULL,
    signals          VARCHAR(1000) NOT NULL,
    note             VARCHAR(500),
    created_at       TIMESTAMP    NOT NULL
);
CREATE INDEX learned_decisions_task ON learned_decisions (task);
CREATE INDEX learned_decisions_parent ON learned_decisions (parent_task);

CREATE TABLE learned_pins (
    context_key  VARCHAR(400) NOT NULL PRIMARY KEY,
    model        VARCHAR(300) NOT NULL
);
