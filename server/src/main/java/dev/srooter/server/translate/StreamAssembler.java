package dev.srooter.server.translate;

import dev.srooter.server.providers.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns canonical stream events back into the complete answer they describe, and a complete answer into
 * the events that would have streamed it. srooter uses the two where a provider answers in the other
 * mode than the client asked for; the tests use them to check that streaming loses nothing.
 */
public final class StreamAssembler {

    private final Map<Integer, StreamEvent.BlockStart> starts = new TreeMap<>();
    private final Map<Integer, StringBuilder> texts = new TreeMap<>();
    private final Map<Integer, StreamEvent.ThinkingOpaque> opaques = new TreeMap<>();
    private String id;
    private String model;
    private StreamEvent.Finish finish;
    private StreamEvent.Failure failure;

    public void accept(StreamEvent event) {
        if (event instanceof StreamEvent.Start start) {
            id = start.id();
            model = start.model();
        } else if (event instanceof StreamEvent.BlockStart start) {
            starts.put(start.index(), start);
            texts.put(start.index(), new StringBuilder());
        } else if (event instanceof StreamEvent.TextDelta delta) {
            append(delta.index(), delta.text());
        } else if (event instanceof StreamEvent.ArgumentsDelta delta) {
            append(delta.index(), delta.json());
        } else if (event instanceof StreamEvent.ThinkingDelta delta) {
            append(delta.index(), delta.text());
        } else if (event instanceof StreamEvent.ThinkingOpaque opaque) {
            opaques.put(opaque.index(), opaque);
        } else if (event instanceof StreamEvent.Finish f) {
            finish = f;
        } else if (event instanceof StreamEvent.Failure f) {
            failure = f;
        }
    }

    private void append(int index, String text) {
        StringBuilder b = texts.get(index);
        if (b != null && text != null) {
            b.append(text);
        }
    }

    public boolean finished() {
        return finish != null;
    }

    public StreamEvent.Failure failure() {
        return failure;
    }

    /** The answer the events described; only meaningful once {@link #finished()}. */
    public ChatResponse response() {
        List<Part> content = new ArrayList<>();
        for (StreamEvent.BlockStart start : starts.values()) {
            String text = texts.get(start.index()).toString();
            switch (start.kind()) {
                case TEXT -> content.add(new Part.Text(text));
                case TOOL_CALL -> content.add(new Part.ToolCall(start.callId(), start.name(),
                        text.isEmpty() ? "{}" : text));
                case THINKING -> {
                    StreamEvent.ThinkingOpaque o = opaques.get(start.index());
                    content.add(o == null ? new Part.Thinking(text, null, false, null, null)
                            : new Part.Thinking(text, o.opaque(), o.redacted(), o.itemId(), o.origin()));
                }
            }
        }
        return new ChatResponse(id, model, content, finish == null ? StopReason.END_TURN : finish.reason(),
                finish == null ? Usage.NONE : finish.usage());
    }

    /** The events that stream a complete answer, one delta per block. */
    public static List<StreamEvent> events(ChatResponse response) {
        List<StreamEvent> events = new ArrayList<>();
        Usage u = response.usage();
        events.add(new StreamEvent.Start(response.id(), response.model(),
                new Usage(u.input(), 0, u.cacheRead(), u.cacheWrite())));
        int i = 0;
        for (Part part : response.content()) {
            if (part instanceof Part.Text t) {
                events.add(new StreamEvent.BlockStart(i, StreamEvent.Kind.TEXT, null, null));
                events.add(new StreamEvent.TextDelta(i, t.text()));
            } else if (part instanceof Part.ToolCall call) {
                events.add(new StreamEvent.BlockStart(i, StreamEvent.Kind.TOOL_CALL, call.id(), call.name()));
                events.add(new StreamEvent.ArgumentsDelta(i, call.arguments() == null ? "{}" : call.arguments()));
            } else if (part instanceof Part.Thinking t) {
                events.add(new StreamEvent.BlockStart(i, StreamEvent.Kind.THINKING, null, null));
                if (t.text() != null && !t.text().isEmpty()) {
                    events.add(new StreamEvent.ThinkingDelta(i, t.text()));
                }
                events.add(new StreamEvent.ThinkingOpaque(i, t.opaque(), t.redacted(), t.itemId(), t.origin()));
            } else {
                continue;
            }
            events.add(new StreamEvent.BlockStop(i++));
        }
        events.add(new StreamEvent.Finish(response.stopReason(), u));
        return events;
    }
}
