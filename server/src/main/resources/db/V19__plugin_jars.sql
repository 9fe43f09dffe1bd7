-- Uploaded plugin jars, kept in the database so that a jar uploaded on one node reaches every node sharing it (each
-- writes the jar into its own uploaded-plugins folder and swaps it in); sha256 tells a node whether its copy is current.
CREATE TABLE plugin_jars (
    plugin_id    VARCHAR(100) NOT NULL PRIMARY KEY,
    jar          BLOB(200M)   NOT NULL,
    sha256       VARCHAR(64)  NOT NULL,
    uploaded_at  TIMESTAMP    NOT NULL
);
