package dev.srooter.server.store;

import java.sql.Connection;
import java.sql.DriverManager;
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
            try (Connection admin = DriverManager.getConnection(url); Statement s = admin.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }

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
