package dev.srooter.server.store;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Brings the database schema up to date from the versioned scripts listed in {@code db/index.txt},
 * each applied once, in order, in its own transaction, and recorded in {@code schema_version}; safe when several
 * nodes start at once.
 * A script never changes once released; a change is a new script.
 */
@ApplicationScoped
public class SchemaMigrations {

    private static final Logger LOG = Logger.getLogger(SchemaMigrations.class.getName());

    @Resource(lookup = "jdbc/srooter")
    DataSource dataSource;

    public SchemaMigrations() {
    }

    /** Outside the server: tests that open a database of their own. */
    public SchemaMigrations(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Applies what is missing. Several nodes may start at once on one database: each script is applied under an
     * exclusive lock on {@code schema_version}, after checking again that no other node applied it meanwhile.
     */
    public void migrate() {
        try (Connection connection = dataSource.getConnection()) {
            ensureVersionTable(connection);
            Set<String> applied = appliedScripts(connection);
            for (String script : scripts()) {
                if (!applied.contains(script)) {
                    applyOnce(connection, script);
                }
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("database schema migration failed: " + e.getMessage(), e);
        }
    }

    private static List<String> scripts() throws IOException {
        List<String> scripts = new ArrayList<>();
        for (String line : resource("db/index.txt").split("\n")) {
            if (!line.isBlank()) {
                scripts.add(line.trim());
            }
        }
        return scripts;
    }

    private static void ensureVersionTable(Connection connection) throws SQLException {
        if (hasVersionTable(connection)) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY,"
                    + " script VARCHAR(200) NOT NULL, applied_at TIMESTAMP NOT NULL)");
        } catch (SQLException e) {
            if (!hasVersionTable(connection)) { // else another node created it at the same moment
                throw e;
            }
        }
    }

    private static boolean hasVersionTable(Connection connection) throws SQLException {
        try (ResultSet tables = connection.getMetaData().getTables(null, null, null, new String[] {"TABLE"})) {
            while (tables.next()) {
                if (tables.getString("TABLE_NAME").equalsIgnoreCase("schema_version")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Set<String> appliedScripts(Connection connection) throws SQLException {
        Set<String> applied = new HashSet<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT script FROM schema_version")) {
            while (rows.next()) {
                applied.add(rows.getString(1));
            }
        }
        return applied;
    }

    private static void applyOnce(Connection connection, String script) throws SQLException, IOException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            // held until commit: a node starting at the same moment waits here, then finds the script applied
            statement.execute("LOCK TABLE schema_version IN EXCLUSIVE MODE");
            Set<String> applied = appliedScripts(connection);
            if (applied.contains(script)) {
                connection.commit();
                return;
            }
            for (String sql : statements(script(connection, script))) {
                statement.execute(sql);
            }
            try (PreparedStatement record = connection.prepareStatement(
                    "INSERT INTO schema_version (version, script, applied_at) VALUES (?, ?, ?)")) {
                record.setInt(1, applied.size() + 1);
                record.setString(2, script);
                record.setTimestamp(3, Timestamp.from(Instant.now()));
                record.executeUpdate();
            }
            connection.commit();
            LOG.info("srooter: applied database migration " + script);
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** Splits a script into statements: comments dropped, statements end with a semicolon at a line end. */
    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String sql = current.toString().strip();
                statements.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        return statements;
    }

    /**
     * A script's text: the standard SQL in {@code db/}, or where the dialects part ways (changing a column's type),
     * PostgreSQL's own version of it in {@code db/postgresql/}.
     */
    static String script(Connection connection, String script) throws SQLException, IOException {
        if (connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres")
                && SchemaMigrations.class.getClassLoader().getResource("db/postgresql/" + script) != null) {
            return resource("db/postgresql/" + script);
        }
        return resource("db/" + script);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = SchemaMigrations.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing migration resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
