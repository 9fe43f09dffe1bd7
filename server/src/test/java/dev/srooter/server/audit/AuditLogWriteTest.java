package dev.srooter.server.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.srooter.server.store.AuditRecord;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, item 1: one record the database refused made its whole batch fail, and after five attempts the
 * batch, every caller's records of that window, was dropped. Now the bad record is the only one lost, and while
 * the database is away nothing is.
 */
class AuditLogWriteTest {

    /** A database that refuses one record for its content, or every write for a while, and keeps what it took. */
    static final class Database extends AuditStore {
        final List<String> stored = new ArrayList<>();
        int unavailableWrites;

        @Override
        public void saveAll(List<AuditRecord> records, boolean writerBehind) {
            if (unavailableWrites > 0) {
                unavailableWrites--;
                throw new IllegalStateException("audit batch insert failed",
                        new SQLException("Connection refused", "08001"));
            }
            for (AuditRecord r : records) {
                if (r.id.equals("bad")) {
                    throw new IllegalStateException("audit batch insert failed",
                            new SQLException("value too long for column", "22001"));
                }
            }
            records.forEach(r -> stored.add(r.id));
        }
    }

    private static List<AuditRecord> records(String... ids) {
        List<AuditRecord> records = new ArrayList<>();
        for (String id : ids) {
            AuditRecord r = new AuditRecord();
            r.id = id;
            records.add(r);
        }
        return records;
    }

    private static AuditLog log(Database database) {
        AuditLog log = new AuditLog();
        log.store = database;
        return log;
    }

    @Test
    void aRecordTheDatabaseRefusesIsTheOnlyOneLost() {
        Database database = new Database();
        List<AuditRecord> saved = log(database).save(records("a", "b", "bad", "c"), false);
        assertEquals(List.of("a", "b", "c"), database.stored);
        assertEquals(3, saved.size(), "what is delivered to sinks is what was saved");
    }

    @Test
    void whileTheDatabaseIsAwayTheBatchIsKeptAndWrittenWhenItReturns() {
        Database database = new Database();
        database.unavailableWrites = 12; // the batch, then each of its three records, three times over
        log(database).save(records("a", "b", "c"), false);
        assertEquals(List.of("a", "b", "c"), database.stored);
    }
}
