-- Agent tasks: every audit record names the task it is a turn of (a content-free digest) and which turn.
ALTER TABLE audit_records ADD COLUMN task VARCHAR(32);
ALTER TABLE audit_records ADD COLUMN turn INTEGER;
CREATE INDEX audit_records_task ON audit_records (task);
