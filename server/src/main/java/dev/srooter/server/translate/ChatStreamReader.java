package dev.srooter.server.translate;

import dev.srooter.server.providers.Usage;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a Chat Completions chunk stream. Chat has no blocks: text, reasoning and each tool call
 * (by its {@code index}) arrive as deltas, so a block opens when a new kind of delta begins and the
 * previous one closes. Usage comes in a last chunk of its own, so the finish waits for {@code [DONE]}.
 */
final class ChatStreamReader implements StreamReader {

    private final String origin;
    private final Map<Integer, Integer> toolBlocks = new HashMap<>();
    private boolean started;
    private boolean finished;
    private int next;
    private int open = -1;
    private StreamEvent.Kind openKind;
    private StopReason stopReason;
    private Usage usage = Usage.NONE;

    ChatStreamReader(String origin) {
        this.origin = origin;
    }

    @Override
    public List<StreamEvent> read(String event, String data) {
        List<StreamEvent> out = new ArrayList<>(2);
        if (data.equals("[DONE]")) {
            finish(out);
            return out;
        }
        JsonObject chunk = Js.parse(data.getBytes(StandardCharsets.UTF_8));
        JsonObject error = Js.obj(chunk, "error");
        if (error != null) {
            Integer code = Js.integer(error, "code");
            out.add(new StreamEvent.Failure(code != null && code >= 400 ? code : 500, Js.str(error, "message")));
            return out;
        }
        if (!started) {
            started = true;
            out.add(new StreamEvent.Start(Js.str(chunk, "id"), Js.str(chunk, "model"), Usage.NONE));
        }
        Usage reported = ChatCodec.usage(Js.obj(chunk, "usage"));
        if (reported != null) {
            usage = reported;
        }
        JsonObject choice = Js.objects(Js.arr(chunk, "choices")).stream().findFirst().orElse(null);
        JsonObject delta = Js.obj(choice, "delta");
        if (delta != null) {
            String reasoning = ChatCodec.reasoningText(delta);
            if (reasoning != null && !reasoning.isEmpty()) {
                switchTo(StreamEvent.Kind.THINKING, null, null, out);
                out.add(new StreamEvent.ThinkingDelta(open, reasoning));
            }
            String text = Js.str(delta, "content");
            if (text != null && !text.isEmpty()) {
                switchTo(StreamEvent.Kind.TEXT, null, null, out);
                out.add(new StreamEvent.TextDelta(open, text));
            }
            for (JsonObject call : Js.objects(Js.arr(delta, "tool_calls"))) {
                Integer toolIndex = Js.integer(call, "index");
                int key = toolIndex == null ? toolBlocks.size() : toolIndex;
                JsonObject function = Js.obj(call, "function");
                Integer block = toolBlocks.get(key);
                if (block == null) {
                    switchTo(StreamEvent.Kind.TOOL_CALL, Js.str(call, "id"), Js.str(function, "name"), out);
                    block = open;
                    toolBlocks.put(key, block);
                }
                String arguments = Js.str(function, "arguments");
                if (arguments != null && !arguments.isEmpty()) {
                    out.add(new StreamEvent.ArgumentsDelta(block, arguments));
                }
            }
        }
        String finish = Js.str(choice, "finish_reason");
        if (finish != null) {
            stopReason = StopReason.fromChat(finish);
        }
        return out;
    }

    private void switchTo(StreamEvent.Kind kind, String callId, String name, List<StreamEvent> out) {
        if (open >= 0 && openKind == kind && kind != StreamEvent.Kind.TOOL_CALL) {
            return;
        }
        close(out);
        open = next++;
        openKind = kind;
        out.add(new StreamEvent.BlockStart(open, kind, callId, name));
    }

    private void close(List<StreamEvent> out) {
        if (open < 0) {
            return;
        }
        if (openKind == StreamEvent.Kind.THINKING) {
            out.add(new StreamEvent.ThinkingOpaque(open, null, false, null, origin));
        }
        out.add(new StreamEvent.BlockStop(open));
        open = -1;
    }

    private void finish(List<StreamEvent> out) {
        if (finished || !started) {
            return;
        }
        finished = true;
        close(out);
        StopReason reason = stopReason != null ? stopReason
                : toolBlocks.isEmpty() ? StopReason.END_TURN : StopReason.TOOL_USE;
        out.add(new StreamEvent.Finish(reason, usage));
    }

    /** Some compatible servers end without {@code [DONE]}; a stream that said why it stopped is complete. */
    @Override
    public List<StreamEvent> end() {
        List<StreamEvent> out = new ArrayList<>(2);
        if (stopReason != null) {
            finish(out);
        }
        return out;
    }
}
