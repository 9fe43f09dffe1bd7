package dev.srooter.server.audit;

import dev.srooter.server.store.AuditRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * An audit record as one byte array, for the time it waits in the audit log's queue.
 *
 * <p>Why: a record is about twenty objects (itself, its strings and their arrays, its boxed numbers, its instant),
 * and the queue holds a tenth of a second of them or more while the writer gathers a batch. A young collection that
 * falls in that time copies every one, and copying many small live objects is what the writer added to the
 * collections' pauses (bench/README.md, "What a young collection copies, and three more options"). Packed, a waiting
 * record is one object; the writer unpacks a batch just before it writes it.
 *
 * <p>Lossless for every field, nulls included. A string is written as Latin-1 when every char fits, else as its UTF-16
 * chars, so no string (not even one with a lone surrogate) comes back different. Each string is preceded by a header:
 * 0 for null, else {@code (length << 1 | utf16) + 1}, as a variable-length int.
 */
final class PackedRecord {

    private PackedRecord() {
    }

    /** The nullable numbers' and the instant's presence, one bit each, in the first byte. */
    private static final int CREATED = 1, CONFIDENCE = 2, TTFB = 4, RISK_SCORE = 8, TURN = 16;
    private static final int STREAMED = 1, PRICE_KNOWN = 2;

    static byte[] pack(AuditRecord r) {
        String[] texts = texts(r);
        int size = 1 + 1 + 8 + 4 + 4 * 8 + 4 * 8 + 3 * 4; // presence, booleans, instant, four counts, four doubles, three ints
        for (String s : texts) {
            size += s == null ? 1 : varintSize(header(s)) + (latin1(s) ? s.length() : 2 * s.length());
        }
        Out out = new Out(new byte[size]);
        out.b((r.createdAt != null ? CREATED : 0) | (r.intentConfidence != null ? CONFIDENCE : 0)
                | (r.ttfbMs != null ? TTFB : 0) | (r.riskScore != null ? RISK_SCORE : 0) | (r.turn != null ? TURN : 0));
        out.b((r.streamed ? STREAMED : 0) | (r.priceKnown ? PRICE_KNOWN : 0));
        out.l(r.createdAt == null ? 0 : r.createdAt.getEpochSecond());
        out.i(r.createdAt == null ? 0 : r.createdAt.getNano());
        out.l(r.inputTokens);
        out.l(r.outputTokens);
        out.l(r.cacheReadTokens);
        out.l(r.cacheWriteTokens);
        out.l(Double.doubleToRawLongBits(r.costUsd));
        out.l(Double.doubleToRawLongBits(r.latencyMs));
        out.l(Double.doubleToRawLongBits(r.intentConfidence == null ? 0 : r.intentConfidence));
        out.l(Double.doubleToRawLongBits(r.ttfbMs == null ? 0 : r.ttfbMs));
        out.i(r.status);
        out.i(r.riskScore == null ? 0 : r.riskScore);
        out.i(r.turn == null ? 0 : r.turn);
        for (String s : texts) {
            out.s(s);
        }
        if (out.at != size) {
            throw new IllegalStateException("packed " + out.at + " bytes of " + size); // a field added on one side only
        }
        return out.bytes;
    }

    static AuditRecord unpack(byte[] bytes) {
        In in = new In(bytes);
        AuditRecord r = new AuditRecord();
        int present = in.b();
        int booleans = in.b();
        r.streamed = (booleans & STREAMED) != 0;
        r.priceKnown = (booleans & PRICE_KNOWN) != 0;
        long seconds = in.l();
        int nanos = in.i();
        r.createdAt = (present & CREATED) != 0 ? Instant.ofEpochSecond(seconds, nanos) : null;
        r.inputTokens = in.l();
        r.outputTokens = in.l();
        r.cacheReadTokens = in.l();
        r.cacheWriteTokens = in.l();
        r.costUsd = Double.longBitsToDouble(in.l());
        r.latencyMs = Double.longBitsToDouble(in.l());
        double confidence = Double.longBitsToDouble(in.l());
        r.intentConfidence = (present & CONFIDENCE) != 0 ? confidence : null;
        double ttfb = Double.longBitsToDouble(in.l());
        r.ttfbMs = (present & TTFB) != 0 ? ttfb : null;
        r.status = in.i();
        int riskScore = in.i();
        r.riskScore = (present & RISK_SCORE) != 0 ? riskScore : null;
        int turn = in.i();
        r.turn = (present & TURN) != 0 ? turn : null;
        r.id = in.s();
        r.keyId = in.s();
        r.username = in.s();
        r.endpoint = in.s();
        r.requestedModel = in.s();
        r.servedModel = in.s();
        r.provider = in.s();
        r.route = in.s();
        r.intent = in.s();
        r.errorType = in.s();
        r.attempts = in.s();
        r.team = in.s();
        r.policies = in.s();
        r.skills = in.s();
        r.contextNotes = in.s();
        r.risk = in.s();
        r.promptSha256 = in.s();
        r.task = in.s();
        return r;
    }

    /** The record's texts, in the order {@link #unpack} reads them. */
    private static String[] texts(AuditRecord r) {
        return new String[] {r.id, r.keyId, r.username, r.endpoint, r.requestedModel, r.servedModel, r.provider,
                r.route, r.intent, r.errorType, r.attempts, r.team, r.policies, r.skills, r.contextNotes, r.risk,
                r.promptSha256, r.task};
    }

    /** A string's header: its length and whether its chars are written two bytes each, plus one (0 is null). */
    private static int header(String s) {
        return (s.length() << 1 | (latin1(s) ? 0 : 1)) + 1;
    }

    private static int varintSize(int v) {
        int size = 1;
        while ((v & ~0x7F) != 0) {
            v >>>= 7;
            size++;
        }
        return size;
    }

    private static boolean latin1(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0xFF) {
                return false;
            }
        }
        return true;
    }

    private static final class Out {
        final byte[] bytes;
        int at;

        Out(byte[] bytes) {
            this.bytes = bytes;
        }

        void b(int v) {
            bytes[at++] = (byte) v;
        }

        void i(int v) {
            for (int shift = 24; shift >= 0; shift -= 8) {
                b(v >>> shift);
            }
        }

        void l(long v) {
            i((int) (v >>> 32));
            i((int) v);
        }

        /** A non-negative int in 7-bit groups, low first; at most five bytes. */
        void varint(int v) {
            while ((v & ~0x7F) != 0) {
                b((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            b(v);
        }

        void s(String s) {
            if (s == null) {
                varint(0);
                return;
            }
            int header = header(s);
            boolean latin1 = ((header - 1) & 1) == 0;
            varint(header);
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (!latin1) {
                    b(c >>> 8);
                }
                b(c);
            }
        }
    }

    private static final class In {
        final byte[] bytes;
        int at;

        In(byte[] bytes) {
            this.bytes = bytes;
        }

        int b() {
            return bytes[at++] & 0xFF;
        }

        int i() {
            return b() << 24 | b() << 16 | b() << 8 | b();
        }

        long l() {
            return (long) i() << 32 | i() & 0xFFFFFFFFL;
        }

        int varint() {
            int v = 0;
            for (int shift = 0; ; shift += 7) {
                int b = b();
                v |= (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return v;
                }
            }
        }

        String s() {
            int header = varint();
            if (header == 0) {
                return null;
            }
            int length = (header - 1) >>> 1;
            boolean utf16 = ((header - 1) & 1) != 0;
            if (!utf16) {
                String s = new String(bytes, at, length, StandardCharsets.ISO_8859_1);
                at += length;
                return s;
            }
            // Char by char rather than through a UTF-16 decoder, which would replace a lone surrogate.
            char[] chars = new char[length];
            for (int i = 0; i < length; i++) {
                chars[i] = (char) (b() << 8 | b());
            }
            return new String(chars);
        }
    }
}
