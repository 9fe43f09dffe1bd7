package dev.srooter.server.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srooter.server.store.AuditRecord;
import dev.srooter.server.store.EmbeddedDerby;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer's batch insert on a real Derby. It sends its rows in slices of {@link AuditStore#SLICE} and gives up the
 * processor between them (so a batch does not hold a core from the request threads), and must still be one
 * transaction: a batch the database refuses in its last slice keeps none of the slices sent before it, so that
 * {@code AuditLog.save} can retry it record by record without writing any twice.
 */
class AuditStoreBatchTest {

    @TempDir
    Path folder;

    private AuditStore store() throws Exception {
        AuditStore store = new AuditStore();
        store.dataSource = EmbeddedDerby.open(folder.resolve("db"));
        return store;
    }

    private static List<AuditRecord> records(String prefix, int count) {
        List<AuditRecord> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            AuditRecord r = new AuditRecord();
            r.id = prefix + i;
            r.createdAt = Instant.parse("2026-12-04T10:00:00Z").plusMillis(i);
            r.endpoint = "/v1/messages";
            r.status = 200;
            records.add(r);
        }
        return records;
    }

    private static int rows(DataSource ds) throws Exception {
        try (Connection c = ds.getConnection(); ResultSet rs = c.createStatement()
                .executeQuery("SELECT COUNT(*) FROM audit_records")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void aBatchOfManySlicesIsWrittenWhole() throws Exception {
        AuditStore store = store();
        int count = AuditStore.SLICE * 7 + 5; // whole slices and a part of one
        store.saveAll(records("a", count));
        assertEquals(count, rows(store.dataSource));
    }

    @Test
    void aBatchRefusedInItsLastSliceKeepsNoneOfTheSlicesBefore() throws Exception {
        AuditStore store = store();
        store.saveAll(records("first", 1));
        List<AuditRecord> batch = records("b", AuditStore.SLICE * 2 + 3);
        batch.get(batch.size() - 1).id = "first0"; // already stored: the database refuses the last row
        assertTrue(batch.size() > 2 * AuditStore.SLICE, "two slices go to the database before the refused row");
        RuntimeException refused = assertThrows(RuntimeException.class, () -> store.saveAll(batch));
        assertTrue(AuditStore.refusedForItsContent(refused), "refused for what the record holds: " + refused);
        assertEquals(1, rows(store.dataSource), "none of the batch's rows is kept");
    }
}
