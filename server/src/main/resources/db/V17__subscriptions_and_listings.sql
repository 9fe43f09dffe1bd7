-- Subscriptions as credentials (issue 21): a credential is an API key or a subscription's OAuth tokens (sealed
-- together, with the access token's expiry beside them so a refresh is due without opening them); a model keeps what
-- its provider's listing or details said of it (abilities, price), which comes before the catalogue.

ALTER TABLE provider_credentials ADD COLUMN kind VARCHAR(20) DEFAULT 'key' NOT NULL;
ALTER TABLE provider_credentials ADD COLUMN expires_at TIMESTAMP;
ALTER TABLE provider_credentials ALTER COLUMN secret SET DATA TYPE VARCHAR(16000);

ALTER TABLE provider_models ADD COLUMN listed_context INTEGER;
ALTER TABLE provider_models ADD COLUMN listed_max_output INTEGER;
ALTER TABLE provider_models ADD COLUMN listed_tools BOOLEAN;
ALTER TABLE provider_models ADD COLUMN listed_vision BOOLEAN;
ALTER TABLE provider_models ADD COLUMN listed_reasoning BOOLEAN;
ALTER TABLE provider_models ADD COLUMN listed_input DOUBLE PRECISION;
ALTER TABLE provider_models ADD COLUMN listed_output DOUBLE PRECISION;
