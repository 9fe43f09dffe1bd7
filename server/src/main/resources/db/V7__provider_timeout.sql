-- A provider account's own time limit for starting an answer (seconds); null: SROOTER_PROVIDER_TIMEOUT_SECONDS.

ALTER TABLE providers ADD COLUMN timeout_seconds INTEGER;
