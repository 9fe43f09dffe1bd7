-- Each provider call a request made: model, status and latency, in order (fallbacks included).

ALTER TABLE audit_records ADD COLUMN attempts VARCHAR(2000);
