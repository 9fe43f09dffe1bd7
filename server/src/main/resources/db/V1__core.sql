-- srooter core schema: users, gateway keys, providers and their models, audit records.
-- Portable across Derby and PostgreSQL: ids are application-made strings, times are TIMESTAMP.

CREATE TABLE users (
    id            VARCHAR(36)  NOT NULL PRIMARY KEY,
    username      VARCHAR(100) NOT NULL UNIQUE,
    password_hash VARCHAR(200) NOT NULL,
    role          VARCHAR(20)  NOT NULL,
    created_at    TIMESTAMP    NOT NULL
);

CREATE TABLE gateway_keys (
    id          VARCHAR(36)  NOT NULL PRIMARY KEY,
    name        VARCHAR(200) NOT NULL,
    key_hash    VARCHAR(64)  NOT NULL UNIQUE,
    key_hint    VARCHAR(40)  NOT NULL,
    user_id     VARCHAR(36)  NOT NULL REFERENCES users (id),
    created_at  TIMESTAMP    NOT NULL,
    revoked_at  TIMESTAMP
);

CREATE TABLE providers (
    id          VARCHAR(36)   NOT NULL PRIMARY KEY,
    name        VARCHAR(100)  NOT NULL UNIQUE,
    kind        VARCHAR(50)   NOT NULL,
    base_url    VARCHAR(500)  NOT NULL,
    api_key     VARCHAR(4000) NOT NULL,
    created_at  TIMESTAMP     NOT NULL
);

CREATE TABLE provider_models (
    id                   VARCHAR(36)  NOT NULL PRIMARY KEY,
    provider_id          VARCHAR(36)  NOT NULL REFERENCES providers (id) ON DELETE CASCADE,
    model_id             VARCHAR(200) NOT NULL,
    display_name         VARCHAR(200) NOT NULL,
    discovered_at        TIMESTAMP    NOT NULL,
    CONSTRAINT provider_models_unique UNIQUE (provider_id, model_id)
);

CREATE TABLE audit_records (
    id                  VARCHAR(36)      NOT NULL PRIMARY KEY,
    created_at          TIMESTAMP        NOT NULL,
    key_id              VARCHAR(36),
    username            VARCHAR(100),
    endpoint            VARCHAR(40)      NOT NULL,
    requested_model     VARCHAR(300),
    served_model        VARCHAR(300),
    provider            VARCHAR(100),
    route               VARCHAR(200),
    streamed            BOOLEAN          NOT NULL,
    input_tokens        BIGINT           NOT NULL,
    output_tokens       BIGINT           NOT NULL,
    cache_read_tokens   BIGINT           NOT NULL,
    cache_write_tokens  BIGINT           NOT NULL,
    cost_usd            DOUBLE PRECISION NOT NULL,
    price_known         BOOLEAN          NOT NULL,
    latency_ms          DOUBLE PRECISION NOT NULL,
    ttfb_ms             DOUBLE PRECISION,
    status              INTEGER          NOT NULL,
    error_type          VARCHAR(100),
    prompt_sha256       VARCHAR(64)
);

CREATE INDEX audit_records_created ON audit_records (created_at);
