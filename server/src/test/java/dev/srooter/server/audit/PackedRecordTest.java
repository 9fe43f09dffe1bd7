package dev.srooter.server.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srooter.server.store.AuditRecord;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A record waits in the audit log's queue packed: every field must come back as it went in. The fields are found by
 * reflection, so a field added to {@link AuditRecord} and not to the packing fails here rather than going missing
 * from the audit log.
 */
class PackedRecordTest {

    private static List<Field> fields() {
        List<Field> fields = new ArrayList<>();
        for (Field f : AuditRecord.class.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers()) && !f.isSynthetic() && !f.getName().startsWith("_persistence")) {
                fields.add(f);
            }
        }
        return fields;
    }

    /** Every field set to a value of its own (the n-th field's differs from every other's), none left at default. */
    private static AuditRecord everyFieldSet(String text) throws IllegalAccessException {
        AuditRecord r = new AuditRecord();
        int n = 1;
        for (Field f : fields()) {
            Class<?> type = f.getType();
            if (type == String.class) {
                f.set(r, text + " " + f.getName());
            } else if (type == long.class) {
                f.setLong(r, Long.MIN_VALUE + n);
            } else if (type == int.class || type == Integer.class) {
                f.set(r, -1_000_000 * n);
            } else if (type == double.class || type == Double.class) {
                f.set(r, n == 2 ? Double.NaN : 1.0 / (n + 0.5));
            } else if (type == boolean.class) {
                f.setBoolean(r, true);
            } else if (type == Instant.class) {
                f.set(r, Instant.ofEpochSecond(1_797_000_000L, 123_456_789));
            } else {
                throw new AssertionError("PackedRecord does not know " + type + " (" + f.getName() + ")");
            }
            n++;
        }
        return r;
    }

    private static void assertSame(AuditRecord expected, AuditRecord actual) throws IllegalAccessException {
        for (Field f : fields()) {
            assertEquals(f.get(expected), f.get(actual), f.getName());
        }
    }

    @Test
    void everyFieldComesBack() throws Exception {
        AuditRecord record = everyFieldSet("plain");
        assertSame(record, PackedRecord.unpack(PackedRecord.pack(record)));
    }

    @Test
    void textsBeyondLatin1ComeBackExactlyEvenALoneSurrogate() throws Exception {
        // Greek, CJK, an emoji (a surrogate pair) and a high surrogate with no partner, which UTF-8 or a UTF-16
        // decoder would replace.
        AuditRecord record = everyFieldSet("\u03b1\u4e2d\ud83d\ude00 \ud800 caf\u00e9");
        record.attempts = "x".repeat(2000); // a header of two bytes
        assertSame(record, PackedRecord.unpack(PackedRecord.pack(record)));
    }

    @Test
    void nullsStayNullAndFalseStaysFalse() throws Exception {
        AuditRecord empty = new AuditRecord();
        AuditRecord back = PackedRecord.unpack(PackedRecord.pack(empty));
        assertSame(empty, back);
        assertNull(back.createdAt);
        assertNull(back.intentConfidence);
        assertNull(back.turn);
    }

    @Test
    void aTypicalRecordPacksIntoAFewHundredBytes() {
        AuditRecord r = new AuditRecord();
        r.id = "0f8fad5b-d9cb-469f-a165-70867728950e";
        r.createdAt = Instant.now();
        r.endpoint = "messages";
        r.requestedModel = "claude-sonnet-4-5";
        r.servedModel = r.requestedModel;
        r.provider = "anthropic";
        r.route = "passthrough";
        r.attempts = "anthropic/claude-sonnet-4-5 200 1.2";
        r.promptSha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        r.task = "9f86d081884c7d659a2feaa0c55ad015";
        r.turn = 3;
        int size = PackedRecord.pack(r).length;
        assertTrue(size < 400, size + " bytes");
    }
}
