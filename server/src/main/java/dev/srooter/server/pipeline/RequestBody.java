package dev.srooter.server.pipeline;

import dev.srooter.api.WireFormat;
import dev.srooter.server.routing.TargetPicker;
import dev.srooter.server.translate.ChatRequest;
import dev.srooter.server.translate.Codecs;
import dev.srooter.server.translate.Js;
import dev.srooter.server.translate.Message;
import dev.srooter.server.translate.Part;
import dev.srooter.server.wire.JsonScan;
import dev.srooter.server.wire.TokenEstimate;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The client's request body as one value with several views: the bytes, the top-level scan (model, stream,
 * limits), the parsed tree, the text, the request in the canonical model and what it needs of a model. Each view is made when a stage
 * first asks for it and kept; a policy's rewrite replaces the bytes and drops every view at once, so no stage
 * can see a view of the old body beside the new one (a rewrite once left routing reading no tools).
 */
public final class RequestBody {

    private final WireFormat format;
    private byte[] bytes;
    private JsonScan.TopLevel scan;
    private JsonObject tree;
    private String text;
    /** Empty once the canonical form was tried and the body could not be read into it. */
    private Optional<ChatRequest> canonical;
    private TargetPicker.Needs needs;

    /** A body already checked to be a JSON object ({@link JsonScan#scan}); {@code format} reads its canonical form. */
    public RequestBody(WireFormat format, byte[] bytes, JsonScan.TopLevel scan) {
        this.format = format;
        this.bytes = bytes;
        this.scan = scan;
    }

    /**
     * Reads and checks a body: {@link JsonScan.Malformed} when it is not a JSON object. A body in a format srooter
     * reads is parsed into its tree at once, its top-level spans noted on the way: every model call's task is found
     * from its canonical form, and scanning the bytes first and parsing them after read a 60 KB body twice (a tenth of
     * the gateway's CPU, bench/README.md). What the tree reader refuses is scanned, for the exact error (or, should
     * the scan accept it, the body goes on without a tree, as before).
     */
    public static RequestBody of(WireFormat format, byte[] bytes) throws JsonScan.Malformed {
        if (format == null) {
            return new RequestBody(null, bytes, JsonScan.scan(bytes));
        }
        Map<String, JsonScan.Span> members = new HashMap<>();
        JsonObject tree;
        try {
            tree = Js.parse(bytes, (name, start, end) -> members.put(name, new JsonScan.Span(start, end)));
        } catch (IllegalArgumentException refused) {
            RequestBody scanned = new RequestBody(format, bytes, JsonScan.scan(bytes));
            scanned.canonical = Optional.empty();
            return scanned;
        }
        RequestBody body = new RequestBody(format, bytes, JsonScan.TopLevel.of(bytes, members));
        body.tree = tree;
        return body;
    }

    public byte[] bytes() {
        return bytes;
    }

    public int length() {
        return bytes.length;
    }

    /** The top-level fields, scanned without building a tree. */
    public JsonScan.TopLevel scan() {
        return scan;
    }

    public JsonObject tree() {
        if (tree == null) {
            tree = Js.parse(bytes);
        }
        return tree;
    }

    public String text() {
        if (text == null) {
            text = new String(bytes, StandardCharsets.UTF_8);
        }
        return text;
    }

    /**
     * The request in the canonical model, or empty when the client's format cannot be read into it (a shape no
     * codec knows, or a format without one: the request still goes on, untranslated).
     */
    public Optional<ChatRequest> canonical() {
        if (canonical == null) {
            try {
                canonical = format == null ? Optional.empty() : Optional.of(Codecs.of(format).readRequest(tree()));
            } catch (RuntimeException unreadable) {
                canonical = Optional.empty();
            }
        }
        return canonical;
    }

    /**
     * What a model must do to serve this body: take tools and images when it carries them, and hold its size in
     * tokens (srooter's one estimate).
     */
    public TargetPicker.Needs needs() {
        if (needs == null) {
            ChatRequest request = canonical().orElse(null);
            boolean tools = request != null && !request.tools().isEmpty();
            boolean vision = request != null && carriesImages(request);
            needs = new TargetPicker.Needs(tools, vision, TokenEstimate.inputTokens(bytes.length));
        }
        return needs;
    }

    /** An image in any message, or in any tool's result (in loops: every request asks, for every part). */
    private static boolean carriesImages(ChatRequest request) {
        for (Message m : request.messages()) {
            for (Part p : m.parts()) {
                if (p instanceof Part.Image) {
                    return true;
                }
                if (p instanceof Part.ToolResult r) {
                    for (Part c : r.content()) {
                        if (c instanceof Part.Image) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    /** Whether the body was decoded into text: a request no stage needs it for should not pay for the copy. */
    public boolean textRead() {
        return text != null;
    }

    /** Whether the canonical form was already made (so reading it again costs nothing). */
    public boolean canonicalRead() {
        return canonical != null;
    }

    /** A policy's rewrite: the new body replaces the old one and every view of it. */
    public void rewrite(JsonObject rewritten) {
        byte[] next = Js.bytes(rewritten, bytes.length + 64);
        try {
            scan = JsonScan.scan(next);
        } catch (JsonScan.Malformed e) {
            throw new IllegalStateException("a rewritten body is not JSON", e);
        }
        bytes = next;
        tree = rewritten;
        text = null;
        canonical = null;
        needs = null;
    }
}
