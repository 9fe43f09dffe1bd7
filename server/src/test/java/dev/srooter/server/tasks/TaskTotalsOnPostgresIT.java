package dev.srooter.server.tasks;

import dev.srooter.server.store.SchemaMigrations;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@link TaskTotalsScenario} on PostgreSQL, in a fresh database beside the test server's: the migration's sums and
 * the writer's upsert (LEAST and GREATEST). (PostgreSQL pass only; Derby: {@link TaskTotalsTest}.)
 */
class TaskTotalsOnPostgresIT {

    @Test
    void theListFromTheTasksTotalsSaysWhatEveryRecordSays() throws Exception {
        String url = System.getProperty("srooter.jdbc.url");
        Assumptions.assumeTrue(url != null, "PostgreSQL pass only");
        String database = "srooter_tasks_" + System.nanoTime();
        String fresh = url.replace("/srooter_it?", "/" + database + "?");
        try (Connection admin = DriverManager.getConnection(url); Statement s = admin.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
        try {
            DataSource dataSource = (DataSource) Class.forName("org.postgresql.ds.PGSimpleDataSource")
                    .getConstructor().newInstance();
            dataSource.getClass().getMethod("setURL", String.class).invoke(dataSource, fresh);
            new SchemaMigrations(dataSource).migrate();
            new TaskTotalsScenario(dataSource).run();
        } finally {
            try (Connection admin = DriverManager.getConnection(url); Statement s = admin.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }
}
