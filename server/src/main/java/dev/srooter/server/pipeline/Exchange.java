package dev.srooter.server.pipeline;

import dev.srooter.api.Classification;
import dev.srooter.api.Operation;
import dev.srooter.api.WireFormat;
import dev.srooter.server.keys.Caller;
import dev.srooter.server.providers.Target;
import dev.srooter.server.providers.Usage;
import dev.srooter.server.translate.ChatRequest;
import dev.srooter.server.wire.JsonScan;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;

/**
 * One request on its way through srooter. Each stage reads what earlier stages decided and writes
 * its own decision here; the audit record is made from this object alone.
 */
public final class Exchange {

    // What arrived.
    public final String id = RequestIds.next();
    public final Instant startedAt = Instant.now();
    public final long startNanos = System.nanoTime();
    public final Operation operation;
    public final HttpServletRequest request;
    public final HttpServletResponse response;
    private final WireFormat clientFormat;

    /** The plugins this request uses from start to end, even if an admin swaps them meanwhile. */
    public dev.srooter.server.plugins.PluginHost.Lease plugins;

    // Decisions, in stage order.
    public Caller caller;
    public byte[] body;
    /** The body as text, decoded once for the stages that scan it (skills, Cortex); see {@link #bodyText()}. */
    private String bodyText;
    public JsonScan.TopLevel json;
    /** The body parsed, when a stage needed it. */
    public jakarta.json.JsonObject bodyJson;
    /** The request in the canonical model, when a stage needed it (read once, shared by later stages). */
    public ChatRequest canonical;
    /** What the request is for (Classify); null when no classifier ran. */
    public Classification classification;
    /** The change's blast radius in Cortex's graph; null when no registered repository knows what it touches. */
    public dev.srooter.server.cortex.BlastRadius.Risk risk;
    public String requestedModel;
    public boolean stream;
    public Target target;
    public String route;
    /** One provider call: the model, its status (0: no answer), latency, and why it failed when it did. */
    public record Attempt(String model, int status, double latencyMs, String note) {
        @Override
        public String toString() {
            return model + " " + (status == 0 ? "-" : String.valueOf(status)) + " " + Math.round(latencyMs) + "ms"
                    + (note == null ? "" : " (" + note + ")");
        }
    }

    /** Every provider call made for this request, in order (fallbacks included). */
    public final java.util.List<Attempt> attempts = new java.util.ArrayList<>(2);

    /** What policies did other than let the request pass: "max-output-tokens: max_tokens 32000 -> 4096". */
    public final java.util.List<String> policyNotes = new java.util.ArrayList<>(0);
    /** Whether the policies let a model serve this request; routing, budgets and fallbacks ask before moving it. */
    public java.util.function.Predicate<String> modelPermitted = model -> true;
    /** The skills applied to the request, in prompt order; a refusing skill as "name (refused)". */
    public final java.util.List<String> skills = new java.util.ArrayList<>(0);
    /** The spend held back for this request under the caller's budgets, settled when it ends (Budget). */
    public dev.srooter.server.budget.Budgets.Hold budgetHold;

    /** The routing rule flagged this request for review by a council of models. */
    public boolean council;
    /** The council's members when the request was flagged for one (routing settings). */
    public java.util.List<String> councilMembers;
    /** The body the provider gets (Translate); the client's own bytes when nothing had to change. */
    public byte[] upstreamBody;
    /** How the request crosses formats, or null when the provider speaks the client's format. */
    public Translation translation;
    /** Set by a stage that answered the client itself (a local count_tokens estimate): later stages skip. */
    public boolean answered;

    // What happened.
    public int status;
    public long firstByteNanos;
    public long endNanos;
    public Usage usage = Usage.NONE;
    public double costUsd;
    public boolean priceKnown;
    public String errorCode;

    public Exchange(Operation operation, HttpServletRequest request, HttpServletResponse response) {
        this.operation = operation;
        this.request = request;
        this.response = response;
        this.clientFormat = clientFormat(operation, request);
    }

    /** The wire format the client speaks, which is also the format of every answer it gets. */
    public WireFormat clientFormat() {
        return clientFormat;
    }

    /** The operation's format; for format-less calls ({@code GET /v1/models}), Anthropic's when its version header is sent. */
    private static WireFormat clientFormat(Operation operation, HttpServletRequest request) {
        if (operation.format() != null) {
            return operation.format();
        }
        return request.getHeader("anthropic-version") != null ? WireFormat.ANTHROPIC_MESSAGES : WireFormat.OPENAI_CHAT;
    }

    /** The body as text, decoded on first use and kept until the body is rewritten. */
    public String bodyText() {
        if (bodyText == null) {
            bodyText = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
        return bodyText;
    }

    /** Replaces the body (a policy's rewrite): its text is decoded again when next asked for. */
    public void rewriteBody(byte[] rewritten) {
        body = rewritten;
        bodyText = null;
    }

    public void markFirstByte() {
        if (firstByteNanos == 0) {
            firstByteNanos = System.nanoTime();
        }
    }
}
