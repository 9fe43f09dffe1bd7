package dev.srooter.server.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.srooter.server.store.AuditRecord;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A CSV export (JSON Lines shares its paging) reads page after page from where the last page ended: every record once, in order, also when records
 * of one instant straddle two pages.
 */
class AuditExportTest {

    /** Records in memory, paged as the database pages them: after (createdAt, id), oldest first. */
    private static final class Paged extends AuditStore {
        final List<AuditRecord> records = new ArrayList<>();
        int pages;

        @Override
        public List<AuditRecord> pageAfter(AuditQuery query, AuditRecord last, int size) {
            pages++;
            Comparator<AuditRecord> order = Comparator.comparing((AuditRecord r) -> r.createdAt)
                    .thenComparing(r -> r.id);
            return records.stream().sorted(order).filter(r -> last == null || order.compare(r, last) > 0)
                    .limit(size).toList();
        }
    }

    @Test
    void everyRecordIsExportedOnceInOrderAcrossPages() throws Exception {
        Paged store = new Paged();
        Instant start = Instant.parse("2026-12-04T00:00:00Z");
        for (int i = 0; i < 2_500; i++) {
            AuditRecord r = new AuditRecord();
            r.id = String.format("r%05d", 2_500 - i); // ids against the time order, so the tie-break is tested
            r.createdAt = start.plusMillis(i / 7); // seven records per instant: ties cross the page boundaries
            r.endpoint = "/v1/messages";
            store.records.add(r);
        }
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        AuditExport.csv(store, AuditQuery.ALL, csv);
        List<String> rows = csv.toString(StandardCharsets.UTF_8).lines().skip(1).toList();
        assertEquals(2_500, rows.size());
        assertEquals(2_500, rows.stream().map(row -> row.substring(0, row.indexOf(','))).distinct().count());
        assertEquals(3, store.pages);
        // in time order: each row's created_at no earlier than the row before
        List<String> times = rows.stream().map(row -> row.split(",")[1]).toList();
        for (int i = 1; i < times.size(); i++) {
            assertEquals(true, Instant.parse(times.get(i)).compareTo(Instant.parse(times.get(i - 1))) >= 0, rows.get(i));
        }
    }
}
