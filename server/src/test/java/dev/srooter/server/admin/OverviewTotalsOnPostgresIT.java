package dev.srooter.server.admin;

import dev.srooter.server.store.SchemaMigrations;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@link OverviewTotalsScenario} on PostgreSQL, in a fresh database beside the test server's: its own migration
 * (date_trunc) and the writer's upsert. (PostgreSQL pass only; Derby: {@link OverviewTotalsTest}.)
 */
class OverviewTotalsOnPostgresIT {

    @Test
    void theTotalsFromTheSumsByHourEqualTheTotalsOfEveryRecord() throws Exception {
        String url = System.getProperty("srooter.jdbc.url");
        Assumptions.assumeTrue(url != null, "PostgreSQL pass only");
        String database = "srooter_overview_" + System.nanoTime();
        String fresh = url.replace("/srooter_it?", "/" + database + "?");
        try (Connection admin = DriverManager.getConnection(url); Statement s = admin.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
        try {
            DataSource dataSource = (DataSource) Class.forName("org.postgresql.ds.PGSimpleDataSource")
                    .getConstructor().newInstance();
            dataSource.getClass().getMethod("setURL", String.class).invoke(dataSource, fresh);
            new SchemaMigrations(dataSource).migrate();
            new OverviewTotalsScenario(dataSource).run();
        } finally {
            try (Connection admin = DriverManager.getConnection(url); Statement s = admin.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }
}
