package dev.srooter.server.audit;

import dev.srooter.server.store.AuditRecord;
import java.nio.ByteBuffer;
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
        int[] headers = new int[texts.length]; // each text's header, so that its chars are scanned once
        int size = 1 + 1 + 8 + 4 + 4 * 8 + 4 * 8 + 3 * 4; // presence, booleans, instant, four counts, four doubles, three ints
        for (int t = 0; t < texts.length; t++) {
            headers[t] = header(texts[t]);
            size += varintSize(headers[t]) + bytesOf(headers[t]);
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.put((byte) ((r.createdAt != null ? CREATED : 0) | (r.intentConfidence != null ? CONFIDENCE : 0)
                | (r.ttfbMs != null ? TTFB : 0) | (r.riskScore != null ? RISK_SCORE : 0) | (r.turn != null ? TURN : 0)));
        out.put((byte) ((r.streamed ? STREAMED : 0) | (r.priceKnown ? PRICE_KNOWN : 0)));
        out.putLong(r.createdAt == null ? 0 : r.createdAt.getEpochSecond());
        out.putInt(r.createdAt == null ? 0 : r.createdAt.getNano());
        out.putLong(r.inputTokens);
        out.putLong(r.outputTokens);
        out.putLong(r.cacheReadTokens);
        out.putLong(r.cacheWriteTokens);
        out.putDouble(r.costUsd);
        out.putDouble(r.latencyMs);
        out.putDouble(r.intentConfidence == null ? 0 : r.intentConfidence);
        out.putDouble(r.ttfbMs == null ? 0 : r.ttfbMs);
        out.putInt(r.status);
        out.putInt(r.riskScore == null ? 0 : r.riskScore);
        out.putInt(r.turn == null ? 0 : r.turn);
        for (int t = 0; t < texts.length; t++) {
            putText(out, texts[t], headers[t]);
        }
        if (out.hasRemaining()) {
            throw new IllegalStateException("packed " + out.position() + " bytes of " + size); // a field on one side only
        }
        return out.array();
    }

    static AuditRecord unpack(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        AuditRecord r = new AuditRecord();
        int present = in.get();
        int booleans = in.get();
        r.streamed = (booleans & STREAMED) != 0;
        r.priceKnown = (booleans & PRICE_KNOWN) != 0;
        long seconds = in.getLong();
        int nanos = in.getInt();
        r.createdAt = (present & CREATED) != 0 ? Instant.ofEpochSecond(seconds, nanos) : null;
        r.inputTokens = in.getLong();
        r.outputTokens = in.getLong();
        r.cacheReadTokens = in.getLong();
        r.cacheWriteTokens = in.getLong();
        r.costUsd = in.getDouble();
        r.latencyMs = in.getDouble();
        double confidence = in.getDouble();
        r.intentConfidence = (present & CONFIDENCE) != 0 ? confidence : null;
        double ttfb = in.getDouble();
        r.ttfbMs = (present & TTFB) != 0 ? ttfb : null;
        r.status = in.getInt();
        int riskScore = in.getInt();
        r.riskScore = (present & RISK_SCORE) != 0 ? riskScore : null;
        int turn = in.getInt();
        r.turn = (present & TURN) != 0 ? turn : null;
        r.id = getText(in);
        r.keyId = getText(in);
        r.username = getText(in);
        r.endpoint = getText(in);
        r.requestedModel = getText(in);
        r.servedModel = getText(in);
        r.provider = getText(in);
        r.route = getText(in);
        r.intent = getText(in);
        r.errorType = getText(in);
        r.attempts = getText(in);
        r.team = getText(in);
        r.policies = getText(in);
        r.skills = getText(in);
        r.contextNotes = getText(in);
        r.risk = getText(in);
        r.promptSha256 = getText(in);
        r.task = getText(in);
        return r;
    }

    /** The record's texts, in the order {@link #unpack} reads them. */
    private static String[] texts(AuditRecord r) {
        return new String[] {r.id, r.keyId, r.username, r.endpoint, r.requestedModel, r.servedModel, r.provider,
                r.route, r.intent, r.errorType, r.attempts, r.team, r.policies, r.skills, r.contextNotes, r.risk,
                r.promptSha256, r.task};
    }

    /** A text's header: 0 for null, else its length and whether its chars go two bytes each, plus one. */
    private static int header(String s) {
        return s == null ? 0 : (s.length() << 1 | (latin1(s) ? 0 : 1)) + 1;
    }

    private static boolean utf16(int header) {
        return ((header - 1) & 1) != 0;
    }

    private static int length(int header) {
        return (header - 1) >>> 1;
    }

    /** The bytes of a text's chars, by its header. */
    private static int bytesOf(int header) {
        return header == 0 ? 0 : utf16(header) ? 2 * length(header) : length(header);
    }

    private static boolean latin1(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0xFF) {
                return false;
            }
        }
        return true;
    }

    private static int varintSize(int v) {
        int size = 1;
        while ((v & ~0x7F) != 0) {
            v >>>= 7;
            size++;
        }
        return size;
    }

    /** A non-negative int in 7-bit groups, low first; at most five bytes. */
    private static void putVarint(ByteBuffer out, int v) {
        while ((v & ~0x7F) != 0) {
            out.put((byte) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.put((byte) v);
    }

    private static int getVarint(ByteBuffer in) {
        int v = 0;
        for (int shift = 0; ; shift += 7) {
            int b = in.get();
            v |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
    }

    private static void putText(ByteBuffer out, String s, int header) {
        putVarint(out, header);
        if (s == null) {
            return;
        }
        boolean utf16 = utf16(header);
        for (int i = 0; i < s.length(); i++) {
            if (utf16) {
                out.putChar(s.charAt(i));
            } else {
                out.put((byte) s.charAt(i));
            }
        }
    }

    private static String getText(ByteBuffer in) {
        int header = getVarint(in);
        if (header == 0) {
            return null;
        }
        int length = length(header);
        if (!utf16(header)) {
            String s = new String(in.array(), in.position(), length, StandardCharsets.ISO_8859_1);
            in.position(in.position() + length);
            return s;
        }
        // Char by char rather than through a UTF-16 decoder, which would replace a lone surrogate.
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = in.getChar();
        }
        return new String(chars);
    }
}
