package dev.srooter.server.translate;

import dev.srooter.server.wire.ByteSearch;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Base64;

/**
 * Carries a provider's reasoning state across a format crossing. An Anthropic thinking signature
 * or an OpenAI {@code encrypted_content} means nothing to a client of another format, yet clients
 * send it back every turn. srooter hands the client its own opaque field (a thinking block's
 * {@code signature}, a reasoning item's {@code encrypted_content}) holding a marked envelope:
 * which provider made the state, the state itself, and the readable text it belongs to (Anthropic
 * checks that the text it gets back is the text it signed). On the next turn the envelope is opened:
 * the state goes back to the provider that made it and is dropped cleanly for any other.
 */
public final class OpaqueState {

    /** Every envelope starts with this; a cheap byte search finds whether a body carries any. */
    public static final String MARK = "srooter1.";
    private static final ByteSearch ENVELOPE = new ByteSearch(MARK);

    private OpaqueState() {
    }

    /** The envelope for a thinking part made by {@code part.origin()}. */
    public static String wrap(Part.Thinking part) {
        JsonObjectBuilder b = Js.object().add("p", part.origin() == null ? "" : part.origin());
        Js.put(b, "o", part.opaque());
        Js.put(b, "x", part.text());
        Js.put(b, "i", part.itemId());
        if (part.redacted()) {
            b.add("r", true);
        }
        return MARK + Base64.getUrlEncoder().withoutPadding().encodeToString(Js.bytes(b.build()));
    }

    public static boolean isWrapped(String opaque) {
        return opaque != null && opaque.startsWith(MARK);
    }

    /**
     * The thinking part an envelope holds, origin set; an unmarked value is returned as a part with no
     * origin (state native to the client's format), and a damaged envelope as an empty part no provider
     * will take.
     */
    public static Part.Thinking unwrap(String opaque, String clientText, boolean redacted, String itemId) {
        if (!isWrapped(opaque)) {
            return new Part.Thinking(clientText, opaque, redacted, itemId, null);
        }
        try {
            byte[] json = Base64.getUrlDecoder().decode(opaque.substring(MARK.length()));
            JsonObject o = Js.parse(json);
            String text = Js.str(o, "x");
            return new Part.Thinking(text != null ? text : clientText, Js.str(o, "o"), Boolean.TRUE.equals(Js.bool(o,
                    "r")), Js.str(o, "i"), Js.str(o, "p"));
        } catch (RuntimeException damaged) {
            return new Part.Thinking(clientText, null, redacted, itemId, "\u0000damaged");
        }
    }

    /**
     * Whether a body mentions an envelope at all: most bodies do not, and skip all of this. It reads the bytes, as
     * the client sent them: a body decoded for this alone cost a request a copy of itself (bench/README.md).
     */
    public static boolean mentioned(byte[] body) {
        return ENVELOPE.in(body);
    }
}
