-- Several credentials per provider account, sealed with AES-GCM (the old providers.api_key column is
-- emptied by the server on first start, after moving its value here, sealed); discovered models that
-- vanish are kept and marked; an admin may override a model's prices and context window.

CREATE TABLE provider_credentials (
    id           VARCHAR(36)   NOT NULL PRIMARY KEY,
    provider_id  VARCHAR(36)   NOT NULL REFERENCES providers (id),
    secret       VARCHAR(4000) NOT NULL,
    hint         VARCHAR(40)   NOT NULL,
    state        VARCHAR(20)   NOT NULL,
    state_reason VARCHAR(300),
    created_at   TIMESTAMP     NOT NULL
);

ALTER TABLE provider_models ADD COLUMN status VARCHAR(20) DEFAULT 'active' NOT NULL;
ALTER TABLE provider_models ADD COLUMN last_seen TIMESTAMP;
ALTER TABLE provider_models ADD COLUMN override_input DOUBLE PRECISION;
ALTER TABLE provider_models ADD COLUMN override_output DOUBLE PRECISION;
ALTER TABLE provider_models ADD COLUMN override_cache_read DOUBLE PRECISION;
ALTER TABLE provider_models ADD COLUMN override_cache_write DOUBLE PRECISION;
ALTER TABLE provider_models ADD COLUMN override_context INTEGER;
