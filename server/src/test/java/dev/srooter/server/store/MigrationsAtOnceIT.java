package dev.srooter.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Four nodes starting at the same moment on one empty PostgreSQL database (a fresh one, beside the test server's):
 * every node's migration succeeds, and every script is applied exactly once. (PostgreSQL pass only: an embedded
 * Derby database belongs to one server.)
 */
class MigrationsAtOnceIT {

    private static final int NODES = 4;

    @Test
    void nodesStartingAtOnceMigrateTheSchemaOnce() throws Exception {
        FreshPostgres.with("srooter_migrations_", fresh -> {
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(NODES);
            List<Future<?>> nodes = new ArrayList<>();
            for (int n = 0; n < NODES; n++) {
                DataSource dataSource = FreshPostgres.dataSource(fresh);
                nodes.add(pool.submit(() -> {
                    start.await();
                    new SchemaMigrations(dataSource).migrate();
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> node : nodes) {
                node.get(); // throws if a node's migration failed
            }
            pool.shutdown();
            List<String> expected = new String(SchemaMigrations.class.getClassLoader().getResourceAsStream("db/index.txt")
                    .readAllBytes()).lines().filter(l -> !l.isBlank()).map(String::trim).toList();
            List<String> applied = new ArrayList<>();
            try (Connection c = DriverManager.getConnection(fresh); Statement s = c.createStatement();
                 ResultSet rows = s.executeQuery("SELECT script FROM schema_version ORDER BY version")) {
                while (rows.next()) {
                    applied.add(rows.getString(1));
                }
            }
            assertEquals(expected, applied, "each script once, in order");
        });
    }
}
