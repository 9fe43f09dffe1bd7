-- Council reviews: one per task turn that ended with a change or a plan under review (issue 18).
CREATE TABLE council_reviews (
    id            VARCHAR(64) PRIMARY KEY,
    task          VARCHAR(64),
    request_id    VARCHAR(64),
    username      VARCHAR(255),
    team          VARCHAR(255),
    trigger_kind  VARCHAR(32),
    combine_rule  VARCHAR(16),
    verdict       VARCHAR(16),
    members       VARCHAR(32000),
    created_at    TIMESTAMP NOT NULL,
    concluded_at  TIMESTAMP
);
CREATE INDEX council_reviews_task ON council_reviews (task);
CREATE INDEX council_reviews_created ON council_reviews (created_at);
