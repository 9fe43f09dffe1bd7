-- Every request's intent (trivial, substantive, architecture, security) and the classifier's confidence.

ALTER TABLE audit_records ADD COLUMN intent VARCHAR(20);
ALTER TABLE audit_records ADD COLUMN intent_confidence DOUBLE PRECISION;
