package dev.srooter.plugins.skills;

import dev.srooter.api.Skill;
import dev.srooter.api.SkillRequest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pf4j.Extension;

/**
 * Refuses a request that carries what looks like a credential: private keys, cloud access keys, provider and
 * platform API keys. Each pattern has literal anchors, all looked for in one pass over the body's bytes, and a pattern
 * runs (on the body's text) only when one of its anchors occurs, so a request without any costs one pass and is never
 * decoded; the patterns are strict (lengths, alphabets, checksummed markers such as OpenAI's) so ordinary code does
 * not trip them. The refusal names the kind of credential, never the credential.
 */
@Extension
public class SecretsGuardSkill implements Skill {

    /**
     * One kind of credential: anchors, one of which must occur, and the pattern that decides. {@code starts} are
     * anchors the credential begins with, and count only where the pattern lets a credential begin: not right after
     * a character a credential could hold. Otherwise {@code sk-} in {@code task-notification}, in every Claude Code
     * request, decoded the whole body and ran the pattern over it. {@code inside} are anchors anywhere in it.
     */
    record Detector(String kind, List<String> starts, List<String> inside, Pattern pattern) {
        Detector(String kind, List<String> starts, Pattern pattern) {
            this(kind, starts, List.of(), pattern);
        }

        /** Whether the pattern matches (called when an anchor occurs). */
        boolean found(String body) {
            Matcher m = pattern.matcher(body);
            while (m.find()) {
                if (!m.group().contains("EXAMPLE")) { // the placeholders of AWS's own documentation
                    return true;
                }
            }
            return false;
        }
    }

    /** Edges: not preceded or followed by a character the credential itself could hold. */
    private static final String L = "(?<![A-Za-z0-9_\\-])";
    private static final String R = "(?![A-Za-z0-9_\\-])";
    /** A line break inside JSON text, escaped once or twice (a key file inside a JSON string inside JSON). */
    private static final String BREAK = "(?:\\\\{1,3}[rn]|\\s)";

    static final List<Detector> DETECTORS = List.of(
            new Detector("a private key", List.of(), List.of("PRIVATE KEY-----"), Pattern.compile(
                    // the header and a first line of key material: code that only names the header passes
                    "-----BEGIN (?:[A-Z0-9]+ ){0,2}PRIVATE KEY(?: BLOCK)?-----" + BREAK + "{1,4}"
                            + "(?:[A-Za-z-]+: [^\\\n]*" + BREAK + "{1,4}){0,3}[A-Za-z0-9+/=]{40,}")),
            new Detector("an AWS access key", List.of("AKIA", "ASIA"),
                    Pattern.compile(L + "(?:AKIA|ASIA)[0-9A-Z]{16}" + R)),
            new Detector("an AWS secret access key", List.of(),
                    List.of("aws_secret_access_key", "AWS_SECRET_ACCESS_KEY", "SecretAccessKey"),
                    Pattern.compile("(?i)(?:aws_secret_access_key|SecretAccessKey)[\"'\\\\]*\\s*[=:]"
                            + "\\s*[\"'\\\\]*[A-Za-z0-9/+]{40}" + R)),
            new Detector("a Google API key", List.of("AIza"), Pattern.compile(L + "AIza[0-9A-Za-z_\\-]{35}" + R)),
            new Detector("an Anthropic API key", List.of("sk-ant-"),
                    Pattern.compile(L + "sk-ant-(?:api|admin|oat)\\d{2}-[A-Za-z0-9_\\-]{80,}" + R)),
            new Detector("an OpenAI API key", List.of("sk-proj-", "sk-svcacct-"), List.of("T3BlbkFJ"), Pattern.compile(
                    L + "sk-(?:(?:proj|svcacct|admin)-)?(?:[A-Za-z0-9_\\-]{20,}T3BlbkFJ[A-Za-z0-9_\\-]{20,}"
                            + "|(?<=proj-|svcacct-)[A-Za-z0-9_\\-]{100,})" + R)),
            new Detector("a DeepSeek API key", List.of("sk-"), Pattern.compile(L + "sk-[a-f0-9]{32}" + R)),
            new Detector("an xAI API key", List.of("xai-"), Pattern.compile(L + "xai-[A-Za-z0-9]{70,}" + R)),
            new Detector("a GitHub token", List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"),
                    Pattern.compile(L + "(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{82})" + R)),
            new Detector("a Slack token", List.of("xox"),
                    Pattern.compile(L + "xox[abposr]-[0-9]{6,}-[A-Za-z0-9-]{10,}" + R)),
            new Detector("a Stripe secret key", List.of(), List.of("_live_"),
                    Pattern.compile(L + "(?:sk|rk)_live_[A-Za-z0-9]{24,}" + R)),
            new Detector("a srooter gateway key", List.of("srt_live_"),
                    Pattern.compile(L + "srt_live_[A-Za-z0-9_\\-]{43}" + R)));

    @Override
    public String name() {
        return "secrets-guard";
    }

    @Override
    public Kind kind() {
        return Kind.HARD;
    }

    @Override
    public String refusal(SkillRequest request) {
        String kind = detect(request.bodyBytes(), request::body);
        return kind == null ? null : "the request carries what looks like " + kind + ". Remove it (and rotate it: "
                + "it has left the machine it belonged on) before sending this to a model.";
    }

    /** The kind of the first credential found in {@code body}, or null. */
    static String detect(String body) {
        return detect(ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), () -> body);
    }

    /** The kind of the first credential found, or null; {@code text}, the body decoded, is asked for only if needed. */
    static String detect(ByteBuffer bytes, Supplier<String> text) {
        long anchored = anchored(bytes);
        if (anchored == 0) {
            return null;
        }
        String body = text.get();
        for (int d = 0; d < DETECTORS.size(); d++) {
            if ((anchored & 1L << d) != 0 && DETECTORS.get(d).found(body)) {
                return DETECTORS.get(d).kind();
            }
        }
        return null;
    }

    /** {@link #anchored(ByteBuffer)} of a text's UTF-8 bytes. */
    static long anchored(String text) {
        return anchored(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Which detectors have an anchor in the body's bytes (bit {@code d} for detector {@code d}), in one pass over every
     * other position: an anchor (three characters or more) starting at {@code p} has its first two characters at an
     * even position when {@code p} is even, and its second and third there when {@code p} is odd, so a position is
     * looked at further only when the pair there is one of those. Twenty-one substring searches of a coding agent's
     * 60 KB body had cost a tenth of the gateway's CPU at that size. Anchors are ASCII, and in UTF-8 no byte of another
     * character is under 128, so an anchor is found in the bytes exactly where it is in the text.
     *
     * <p>The bytes are read eight at a time; where all eight are ASCII, each of their four pairs is one bit looked up
     * in {@link #PAIRS} (4 KB), and a pair found there is looked at further only when the byte after it (or before
     * it) is one an anchor has there: {@code it}, the second and third characters of {@code github_pat_}, is in most
     * English. A captured Claude Code request (49 KB): 45 us a scan in the gateway, against 65 a pair at a time through
     * two tables of anchors by pair, 128 KB (29 against 49 on its own).
     */
    static long anchored(ByteBuffer body) {
        ByteBuffer bytes = body.order() == ByteOrder.BIG_ENDIAN ? body : body.duplicate().order(ByteOrder.BIG_ENDIAN);
        long found = 0;
        int from = bytes.position();
        int limit = bytes.limit();
        int i = from;
        for (; i + 8 <= limit; i += 8) {
            long eight = bytes.getLong(i);
            if ((eight & 0x8080808080808080L) != 0) {
                found |= pairs(bytes, from, i);
            } else if (listed((int) (eight >>> 48)) | listed((int) (eight >>> 32) & 0xffff)
                    | listed((int) (eight >>> 16) & 0xffff) | listed((int) eight & 0xffff)) {
                found |= pairs(bytes, from, i); // rare: the loop stays small
            }
        }
        for (; i < limit - 1; i += 2) {
            found |= pair(bytes, from, i);
        }
        return found;
    }

    /** Whether an anchor has the two ASCII characters {@code two} (the first in its high byte) as a pair. */
    private static boolean listed(int two) {
        return (PAIRS[two >>> 6] & 1L << two) != 0;
    }

    /** The detectors whose anchors the four pairs at {@code i} begin. */
    private static long pairs(ByteBuffer body, int from, int i) {
        return pair(body, from, i) | pair(body, from, i + 2) | pair(body, from, i + 4) | pair(body, from, i + 6);
    }

    /** {@link #candidate} for the pair at {@code i}, when both its bytes are ASCII and it is listed. */
    private static long pair(ByteBuffer body, int from, int i) {
        int c = body.get(i);
        int next = body.get(i + 1);
        if ((c | next) < 0) {
            return 0;
        }
        int two = c << 8 | next;
        return listed(two) ? candidate(body, from, i, two) : 0;
    }

    /**
     * The detectors with an anchor beginning at {@code i} with the pair {@code two}, or at {@code i - 1} with it as
     * second and third characters, where the byte after the pair (or before it) is one such an anchor has there.
     */
    private static long candidate(ByteBuffer body, int from, int i, int two) {
        int slot = SLOTS[two];
        long found = 0;
        if (i + 2 < body.limit() && in(THIRDS, slot, body.get(i + 2))) {
            found |= matches(body, from, i, STARTING[slot]);
        }
        if (i > from && in(FIRSTS, slot, body.get(i - 1))) {
            found |= matches(body, from, i - 1, CONTINUING[slot]);
        }
        return found;
    }

    /** Whether {@code b} is among the ASCII characters of {@code masks}' {@code slot}. */
    private static boolean in(long[] masks, int slot, byte b) {
        return b >= 0 && (masks[2 * slot + (b >>> 6)] & 1L << b) != 0;
    }

    private static long matches(ByteBuffer body, int from, int at, Anchor[] anchors) {
        long found = 0;
        for (Anchor anchor : anchors) {
            if (at + anchor.text().length() <= body.limit() && startsWith(body, at, anchor.text())
                    && (!anchor.start() || at == from || !credentialCharacter(body.get(at - 1)))) {
                found |= 1L << anchor.detector();
            }
        }
        return found;
    }

    private static boolean startsWith(ByteBuffer body, int at, String ascii) {
        for (int k = 0; k < ascii.length(); k++) {
            if (body.get(at + k) != ascii.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** A character the patterns' left edge ({@link #L}) says a credential cannot follow. */
    private static boolean credentialCharacter(byte b) {
        return b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '_' || b == '-';
    }

    /** An anchor, the detector it belongs to, and whether the credential begins with it. */
    private record Anchor(String text, int detector, boolean start) {
    }

    /** Slots for the pairs of every anchor: the 22 anchors have 34. */
    private static final int MAX_SLOTS = 64;
    /** A bit for every pair (first character in the high byte) an anchor has as its first two or second and third. */
    private static final long[] PAIRS = new long[128 * 256 / 64];
    /** A listed pair's slot in the tables below. */
    private static final byte[] SLOTS = new byte[128 * 256];
    /** By slot: the anchors the pair begins, and those whose second and third characters it is. */
    private static final Anchor[][] STARTING = new Anchor[MAX_SLOTS][0];
    private static final Anchor[][] CONTINUING = new Anchor[MAX_SLOTS][0];
    /**
     * By slot: the characters that follow the pair in the anchors it begins, and those that precede it in the anchors
     * it continues; 128 bits as two longs.
     */
    private static final long[] THIRDS = new long[2 * MAX_SLOTS];
    private static final long[] FIRSTS = new long[2 * MAX_SLOTS];
    private static int slots;

    static {
        for (int d = 0; d < DETECTORS.size(); d++) {
            Detector detector = DETECTORS.get(d);
            for (String text : detector.starts()) {
                add(new Anchor(text, d, true));
            }
            for (String text : detector.inside()) {
                add(new Anchor(text, d, false));
            }
        }
    }

    /** Files an anchor (ASCII, at least three characters long) under both of its pairs. */
    private static void add(Anchor anchor) {
        String text = anchor.text();
        int first = slot(text.charAt(0) << 8 | text.charAt(1));
        STARTING[first] = appended(STARTING[first], anchor);
        THIRDS[2 * first + (text.charAt(2) >>> 6)] |= 1L << text.charAt(2);
        int second = slot(text.charAt(1) << 8 | text.charAt(2));
        CONTINUING[second] = appended(CONTINUING[second], anchor);
        FIRSTS[2 * second + (text.charAt(0) >>> 6)] |= 1L << text.charAt(0);
    }

    /** The pair's slot, given one (and listed) the first time. */
    private static int slot(int two) {
        if (!listed(two)) {
            PAIRS[two >>> 6] |= 1L << two;
            SLOTS[two] = (byte) slots++;
        }
        return SLOTS[two];
    }

    private static Anchor[] appended(Anchor[] anchors, Anchor anchor) {
        Anchor[] after = java.util.Arrays.copyOf(anchors, anchors.length + 1);
        after[anchors.length] = anchor;
        return after;
    }
}
