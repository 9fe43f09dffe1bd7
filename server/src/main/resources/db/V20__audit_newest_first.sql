-- The console reads the audit newest first (the live page's last 25 every two seconds, the audit page's pages, the
-- latency sample of the overview). Derby reads an index in its own order only, so with the ascending index on
-- created_at it sorted the whole table for each of those reads: 140-370 ms at 160,000 records, growing with the table
-- (bench/README.md, "The console's newest-first reads"). An index in the order of the reads lets them stop after the
-- rows they show. It costs the audit writer about 9 us of processor a record. PostgreSQL reads the ascending index
-- backwards and needs none (db/postgresql/V20__audit_newest_first.sql).
CREATE INDEX audit_records_newest ON audit_records (created_at DESC, id DESC);
