-- A council's trigger names a hard skill too ("skill payments-rules"): skill names run to 100 characters.

ALTER TABLE council_reviews ALTER COLUMN trigger_kind SET DATA TYPE VARCHAR(120);
