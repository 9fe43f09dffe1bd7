package dev.srooter.server.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;

/**
 * For the PostgreSQL pass: an empty database of a test's own beside the test server's, created for one piece of work
 * and dropped after it. Skips the test on the Derby pass (no {@code srooter.jdbc.url}).
 */
public final class FreshPostgres {

    /** The work, given the fresh database's JDBC URL. */
    @FunctionalInterface
    public interface Work {
        void run(String url) throws Exception;
    }

    private FreshPostgres() {
    }

    public static void with(String prefix, Work work) throws Exception {
        String url = System.getProperty("srooter.jdbc.url");
        Assumptions.assumeTrue(url != null, "PostgreSQL pass only");
        String database = prefix + System.nanoTime();
        String fresh = url.replace("/srooter_it?", "/" + database + "?");
        try (Connection admin = DriverManager.getConnection(url); Statement s = admin.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
        try {
            work.run(fresh);
        } finally {
            drop(url, database);
        }
    }

    /**
     * A plain {@code DROP DATABASE}, which stops an autovacuum worker in that database itself and waits up to five
     * seconds for other sessions to end; tried three times. {@code WITH (FORCE)} comes last only, for a session the
     * work left open: it fails when the database's backend to end is an autovacuum worker, whose role the test's
     * user is not a member of (one drop in four failed that way).
     */
    private static void drop(String url, String database) throws SQLException {
        for (int attempt = 1; attempt <= 3; attempt++) {
            try (Connection admin = DriverManager.getConnection(url); Statement s = admin.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + database);
                return;
            } catch (SQLException inUse) {
                if (!OBJECT_IN_USE.equals(inUse.getSQLState())) {
                    throw inUse;
                }
            }
        }
        try (Connection admin = DriverManager.getConnection(url); Statement s = admin.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    /** PostgreSQL's SQL state for a database other sessions are still using. */
    private static final String OBJECT_IN_USE = "55006";

    /** A data source on a database (by name: PostgreSQL's driver is on the test class path only). */
    public static DataSource dataSource(String url) throws Exception {
        DataSource dataSource = (DataSource) Class.forName("org.postgresql.ds.PGSimpleDataSource").getConstructor()
                .newInstance();
        dataSource.getClass().getMethod("setURL", String.class).invoke(dataSource, url);
        return dataSource;
    }

    /** A data source on a database, migrated as the server migrates its own. */
    public static DataSource migrated(String url) throws Exception {
        DataSource dataSource = dataSource(url);
        new SchemaMigrations(dataSource).migrate();
        return dataSource;
    }
}
