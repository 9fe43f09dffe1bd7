package dev.srooter.server.pipeline;

import dev.srooter.server.translate.ChatResponse;
import dev.srooter.server.translate.Codec;
import dev.srooter.server.translate.Codecs;
import dev.srooter.server.translate.Js;
import dev.srooter.server.translate.Part;
import dev.srooter.server.translate.StreamAssembler;
import dev.srooter.server.translate.StreamEvent;
import dev.srooter.server.translate.StreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A rejected answer, released with the council's concerns put first (blocking mode, {@code onReject: concerns}):
 * the concerns become the answer's first text, ahead of what the model wrote, written afresh in the client's own
 * format, a stream as a stream. Thinking stays in front, where the formats want it; the developer reads the
 * concerns before the answer, and the agent has them in its history for the next turn.
 */
final class ConcernsFirst {

    private ConcernsFirst() {
    }

    /** The text put first. */
    static String preface(String reviewId, String concerns) {
        return "[srooter review council: this answer was REJECTED (review " + reviewId + ")."
                + (concerns.isEmpty() ? "" : " " + concerns)
                + " Check these concerns before acting on the answer below.]\n\n";
    }

    /** The answer with {@code preface} as its first text part, after any thinking. */
    static ChatResponse of(ChatResponse answer, String preface) {
        List<Part> content = new ArrayList<>();
        boolean placed = false;
        for (Part part : answer.content()) {
            if (!placed && !(part instanceof Part.Thinking)) {
                content.add(new Part.Text(preface, null));
                placed = true;
            }
            content.add(part);
        }
        if (!placed) {
            content.add(new Part.Text(preface, null));
        }
        return new ChatResponse(answer.id(), answer.model(), content, answer.stopReason(), answer.usage());
    }

    /** The body to send: the client format's JSON answer, or its whole event stream when the client streams. */
    static byte[] body(Exchange exchange, ChatResponse answer) {
        Codec codec = Codecs.of(exchange.clientFormat());
        if (!exchange.stream) {
            return Js.bytes(codec.writeResponse(answer));
        }
        StreamWriter writer = codec.streamWriter(exchange.body.tree());
        StringBuilder events = new StringBuilder();
        for (StreamEvent event : StreamAssembler.events(answer)) {
            events.append(writer.write(event));
        }
        return events.toString().getBytes(StandardCharsets.UTF_8);
    }
}
