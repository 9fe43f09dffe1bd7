package dev.srooter.server.tasks;

import dev.srooter.server.security.Sha256;
import dev.srooter.server.translate.ChatRequest;
import dev.srooter.server.translate.Message;
import dev.srooter.server.translate.Part;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/**
 * Which agent task a request belongs to, and which turn of it it is, from content-free digests only.
 *
 * <p>A task begins at a human turn: a request whose newest user message is the developer's text, not a tool
 * result. Its follow-ups (tool results, continuations) resend the same conversation up to that turn and add
 * rounds after it. So a task's id is a digest of who calls (gateway key), the client's session id when it sends
 * one, the instructions, and every message up to and including the last human turn; the turn is the number of
 * assistant rounds after it (0 for the human turn). A side call (a session title, a summary) has instructions of
 * its own, so it is a task of its own. Nothing here is stored but the digest.
 */
public record TaskKey(String id, int turn) {

    public boolean humanTurn() {
        return turn == 0;
    }

    /** The task of a request in the canonical model; {@code caller} and {@code session} may be null. */
    public static TaskKey of(String caller, String session, ChatRequest request) {
        List<Message> messages = request.messages();
        int human = lastHumanTurn(messages);
        int turn = 0;
        for (int i = human + 1; i < messages.size(); i++) {
            if (messages.get(i).role() == Message.Role.ASSISTANT) {
                turn++;
            }
        }
        return new TaskKey(id(caller, session, request, human), turn);
    }

    /**
     * The task before this request's in the same conversation: the one its previous human turn opened (the same id
     * that turn had when it was the newest), or, on a conversation's first ask, the id of its empty beginning (which
     * a retry of that first ask shares). Lets srooter tell what followed a task without keeping any of it.
     */
    public static String parentOf(String caller, String session, ChatRequest request) {
        List<Message> messages = request.messages();
        int human = lastHumanTurn(messages);
        int previous = human <= 0 ? -1 : lastHumanTurn(messages.subList(0, human));
        return id(caller, session, request, previous);
    }

    private static String id(String caller, String session, ChatRequest request, int human) {
        List<Message> messages = request.messages();
        MessageDigest digest = Sha256.threadDigest();
        update(digest, "caller", "", caller, HUMAN_TURN);
        update(digest, "session", "", session, HUMAN_TURN);
        for (Part part : request.system()) {
            update(digest, "system", part, EARLIER);
        }
        for (int i = 0; i <= human; i++) {
            Message m = messages.get(i);
            if (m.role() == Message.Role.SYSTEM) {
                continue; // clients move their reminders around between requests (Claude Code does)
            }
            update(digest, "role", "", m.role().name(), EARLIER);
            for (Part part : m.parts()) {
                update(digest, "part", part, i == human ? HUMAN_TURN : EARLIER);
            }
        }
        return HexFormat.of().formatHex(digest.digest(), 0, 12);
    }

    /** The index of the newest user message that carries the developer's text and no tool result; -1 if none. */
    public static int lastHumanTurn(List<Message> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            Message m = messages.get(i);
            if (m.role() == Message.Role.USER && isHumanTurn(m.parts())) {
                return i;
            }
        }
        return -1;
    }

    /** Some text of the developer's and no tool result (in loops: this runs for every message of every request). */
    private static boolean isHumanTurn(List<Part> parts) {
        boolean text = false;
        for (Part p : parts) {
            if (p instanceof Part.ToolResult) {
                return false;
            }
            text |= p instanceof Part.Text t && !t.text().isBlank();
        }
        return text;
    }

    /** What of a part identifies the conversation: its text, a tool call's id and name, a result's call id. */
    private static void update(MessageDigest digest, String kind, Part part, int ends) {
        if (part instanceof Part.Text t) {
            update(digest, kind, ".text", t.text(), ends);
        } else if (part instanceof Part.ToolCall c) {
            update(digest, kind, ".call", c.id() + "/" + c.name(), ends);
        } else if (part instanceof Part.ToolResult r) {
            update(digest, kind, ".result", r.callId(), ends);
        } else if (part instanceof Part.Image i) {
            update(digest, kind, ".image", i.url() != null ? i.url() : String.valueOf(i.data()).hashCode() + "", ends);
        }
        // thinking is resent, re-signed or dropped from turn to turn: not part of what the task is
    }

    /**
     * A value's length and its first and last {@code ends} characters: enough to tell two conversations apart (the
     * rest of a task's identity is who calls, in which session, after which earlier turns), at a cost that grows
     * with the number of messages, not with the size of pasted files. Hashing all of a 60 KB conversation took a
     * fifth of a millisecond on every request. The kind is written as {@code kind} then {@code suffix}, and the length
     * as its decimal digits: the same bytes as before, without a string for each.
     */
    private static void update(MessageDigest digest, String kind, String suffix, String value, int ends) {
        utf8(digest, kind, 0, kind.length());
        utf8(digest, suffix, 0, suffix.length());
        digest.update((byte) 0);
        if (value != null) {
            int length = value.length();
            decimal(digest, length);
            digest.update((byte) 0);
            if (length <= 2 * ends) {
                utf8(digest, value, 0, length);
            } else {
                utf8(digest, value, 0, ends);
                utf8(digest, value, length - ends, length);
            }
        }
        digest.update((byte) 1);
    }

    /**
     * The UTF-8 bytes of {@code value[from, to)} into the digest, as {@code substring(from, to).getBytes(UTF_8)} gives
     * them (ids must not change between versions: {@code TaskKeyTest}); ASCII, nearly all of it, without making a
     * string and an array for every part of every message.
     */
    private static void utf8(MessageDigest digest, String value, int from, int to) {
        byte[] bytes = SCRATCH.get();
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                digest.update(bytes, 0, n);
                digest.update(value.substring(i, to).getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (n == bytes.length) {
                digest.update(bytes, 0, n);
                n = 0;
            }
            bytes[n++] = (byte) c;
        }
        digest.update(bytes, 0, n);
    }

    /** A non-negative number's decimal digits into the digest, as {@code Integer.toString} writes them. */
    private static void decimal(MessageDigest digest, int number) {
        byte[] digits = SCRATCH.get(); // free between the utf8 calls, which each end with the digest updated
        int at = 10;
        do {
            digits[--at] = (byte) ('0' + number % 10);
            number /= 10;
        } while (number > 0);
        digest.update(digits, at, 10 - at);
    }

    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[1024]);

    /** How much of each end of a text counts: the human turn's, and an earlier message's or the instructions'. */
    private static final int HUMAN_TURN = 512;
    private static final int EARLIER = 64;
}
