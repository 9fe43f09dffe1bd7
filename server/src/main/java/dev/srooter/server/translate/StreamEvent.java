package dev.srooter.server.translate;

import dev.srooter.server.providers.Usage;

/**
 * A streamed answer in the canonical model: a start, then content blocks (each opened, filled by
 * deltas and closed, identified by an index counted from 0), then a finish. Stream readers turn a
 * provider's events into these; stream writers turn these into the client's events.
 */
public sealed interface StreamEvent {

    record Start(String id, String model, Usage usage) implements StreamEvent {
    }

    /** A content block opens: its kind, and for a tool call its id and name. */
    record BlockStart(int index, Kind kind, String callId, String name) implements StreamEvent {
    }

    record TextDelta(int index, String text) implements StreamEvent {
    }

    /** A piece of a tool call's arguments (JSON text, not yet parseable on its own). */
    record ArgumentsDelta(int index, String json) implements StreamEvent {
    }

    record ThinkingDelta(int index, String text) implements StreamEvent {
    }

    /**
     * A reasoning block's opaque state (signature, encrypted content, or none), and the provider that made
     * it. Readers send one for every thinking block before its {@link BlockStop}.
     */
    record ThinkingOpaque(int index, String opaque, boolean redacted, String itemId, String origin)
            implements StreamEvent {
    }

    record BlockStop(int index) implements StreamEvent {
    }

    /** The answer is complete; usage holds the final counts. */
    record Finish(StopReason reason, Usage usage) implements StreamEvent {
    }

    /** The provider reported an error inside the stream. */
    record Failure(int status, String message) implements StreamEvent {
    }

    enum Kind { TEXT, TOOL_CALL, THINKING }
}
