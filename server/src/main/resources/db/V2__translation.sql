-- Translation between wire formats: an account may be pinned to one wire format, and a model name
-- a client asks for may be an alias served by another provider's model ("Opus asked, Qwen delivered").

ALTER TABLE providers ADD COLUMN wire_format VARCHAR(40);

CREATE TABLE model_aliases (
    pattern     VARCHAR(200) NOT NULL PRIMARY KEY,
    target      VARCHAR(300) NOT NULL,
    created_at  TIMESTAMP    NOT NULL
);
