package dev.srooter.server.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srooter.server.store.AuditRecord;
import dev.srooter.server.store.EmbeddedDerby;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How many rows the audit writer puts in a statement on a real Derby, by whether it keeps up: one while it lets records
 * gather (at c=1 a 16-row statement held the core a woken request thread needed), sixteen while a whole batch waits
 * for it (it cannot spare the processor). The choice once went by the batch's size, and a batch of a tenth of a second
 * plus what came during the last write passed its 512 rows at c=1 (bench/README.md, "The rows a statement, chosen by
 * whether the writer keeps up").
 */
class AuditLogStatementsTest {

    @TempDir
    Path folder;

    /** The rows of every audit insert the writer executes, in order. */
    private final List<Integer> statements = new CopyOnWriteArrayList<>();

    /** The data source as the writer sees it, noting each audit insert it executes. */
    private DataSource counting(DataSource real) {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(real, method, args);
                    return method.getName().equals("getConnection") ? counting((Connection) result) : result;
                });
    }

    private Connection counting(Connection real) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    Object result = invoke(real, method, args);
                    if (method.getName().equals("prepareStatement") && args[0] instanceof String sql
                            && sql.startsWith("INSERT INTO audit_records")) {
                        return counting((PreparedStatement) result, sql.split("\\(\\?", -1).length - 1);
                    }
                    return result;
                });
    }

    /** An audit insert of {@code rows} rows: each time it is executed, a statement of that many rows. */
    private PreparedStatement counting(PreparedStatement real, int rows) {
        return (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
                    if (method.getName().equals("executeUpdate") && args == null) {
                        statements.add(rows);
                    }
                    return invoke(real, method, args);
                });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private AuditLog log(DataSource database) {
        AuditLog log = new AuditLog();
        log.store = new AuditStore(counting(database));
        log.sinks = new AuditSinks(); // none enabled: the database only
        log.threads = new AuditLogTest.PlainThreads();
        return log;
    }

    /** Queues {@code count} records before the writer starts, so that it finds them all waiting at once. */
    private static void queue(AuditLog log, int count) {
        for (int i = 0; i < count; i++) {
            AuditRecord r = new AuditRecord();
            r.id = "r" + i;
            r.createdAt = Instant.parse("2026-12-07T16:00:00Z").plusMillis(i);
            r.endpoint = "/v1/messages";
            r.status = 200;
            log.submit(r, null);
        }
    }

    private static int rows(DataSource database) throws Exception {
        try (Connection c = database.getConnection(); ResultSet rs = c.createStatement()
                .executeQuery("SELECT COUNT(*) FROM audit_records")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Waits for the writer to store {@code count} rows while it runs (a stopping writer writes as one behind). */
    private static void written(DataSource database, int count) throws Exception {
        long until = System.nanoTime() + 30_000_000_000L;
        while (rows(database) < count && System.nanoTime() < until) {
            Thread.sleep(20);
        }
    }

    @Test
    void aWriterThatKeepsUpWritesOneRowAStatementWhateverItsBatchSize() throws Exception {
        DataSource database = EmbeddedDerby.open(folder.resolve("db"));
        AuditLog log = log(database);
        queue(log, 600); // fewer than a whole batch: the writer lets more gather, then writes all 600 together
        log.start();
        written(database, 600);
        log.stop();

        assertEquals(600, rows(database));
        assertEquals(600, statements.size(), "one statement a record: " + statements);
        assertTrue(statements.stream().allMatch(rows -> rows == 1), "one row each: " + statements);
    }

    @Test
    void aWriterThatFindsAWholeBatchWaitingWritesSixteenRowsAStatement() throws Exception {
        DataSource database = EmbeddedDerby.open(folder.resolve("db"));
        AuditLog log = log(database);
        queue(log, 2_500); // a whole batch (2,000) and more
        log.start();
        written(database, 2_500);
        log.stop();

        assertEquals(2_500, rows(database));
        // the first batch, 2,000 records, in 125 statements of 16; the 500 left then gather and go one at a time
        assertEquals(AuditStore.SLICE, statements.get(0));
        assertEquals(125, statements.stream().filter(rows -> rows == AuditStore.SLICE).count(), "" + statements);
        assertEquals(500, statements.stream().filter(rows -> rows == 1).count(), "" + statements);
    }
}
