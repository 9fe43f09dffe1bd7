-- A gateway key may expire (KeyResource: expiresAt when minted, or the deployment's SROOTER_KEY_MAX_DAYS); NULL: it
-- does not. Keys minted before stay as they were.
ALTER TABLE gateway_keys ADD COLUMN expires_at TIMESTAMP;
