package dev.srooter.server.pipeline;

import dev.srooter.api.Operation;
import dev.srooter.api.WireFormat;
import dev.srooter.server.keys.Caller;
import dev.srooter.server.providers.Target;
import dev.srooter.server.providers.Usage;
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
    /** The client's response; a {@link HeldResponse} in front of it while the council sits in blocking mode. */
    public HttpServletResponse response;
    private final WireFormat clientFormat;

    /** The plugins this request uses from start to end, even if an admin swaps them meanwhile. */
    public dev.srooter.server.plugins.PluginHost.Lease plugins;

    // What stages learned and decided, in stage order.
    public Caller caller;
    /** The client's body with its views (scan, tree, text, canonical form); set by ReadRequest. */
    public RequestBody body;
    public String requestedModel;
    public boolean stream;
    /** The agent task this request is a turn of (Track); null when its body cannot be read as a conversation. */
    public dev.srooter.server.tasks.Task task;
    /** Which turn of its task this request is: 0 for the human turn, then 1, 2, ... for its follow-ups. */
    public int turn;
    /** The decisions made about this request, in order, never overwritten: what headers and audit show. */
    public final Decisions decisions = new Decisions();
    /** The model being tried or serving: routing's choice, then each candidate of the attempt chain in turn. */
    public Target target;
    /** Whether the caller's policies let a model serve this request; routing, budgets and attempts ask. */
    public java.util.function.Predicate<String> modelPermitted = model -> true;
    /** The spend held back for this request under the caller's budgets for {@link #target}, settled at the end. */
    public dev.srooter.server.budget.Budgets.Hold budgetHold;
    /** The model the budget decision (and {@link #budgetHold}) is for: another one tried is checked afresh. */
    public Target budgetDecidedFor;

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
    /** The answer as the canonical model, kept only for a request flagged for the council (Convene reads it). */
    public dev.srooter.server.translate.ChatResponse answer;
    /** The council's note this request carries to the agent, or null (CouncilNote takes it, Instruct adds it). */
    public dev.srooter.server.council.Council.Note councilNote;
    /** Other agents' recent changes to the code this request touches, added where the skills go; null: none. */
    public String contextNote;
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

    public void markFirstByte() {
        if (firstByteNanos == 0) {
            firstByteNanos = System.nanoTime();
        }
    }
}
