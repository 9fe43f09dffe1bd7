package dev.srooter.testkit;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes server-sent events one at a time, flushing each, and cuts the stream when the reply says so. */
final class SseWriter {

    /** Thrown to make the HTTP server drop the connection without ending the chunked body. */
    static final class StreamCut extends RuntimeException {
        StreamCut() {
            super("stream cut by script", null, false, false);
        }
    }

    private final OutputStream out;
    private final Reply reply;
    private int sent;

    SseWriter(OutputStream out, Reply reply) {
        this.out = out;
        this.reply = reply;
    }

    void event(String name, JsonObject data) throws IOException {
        data(name == null ? "" : "event: " + name + "\n", data.toString());
    }

    void data(String prefix, String data) throws IOException {
        if (reply.cutAfterEvents() >= 0 && sent >= reply.cutAfterEvents()) {
            // a moment for the client to read what was sent: a reset that overtakes unread bytes discards them
            // in the client's kernel, and the test would see the cut before the events it means to cut after
            FakeProvider.sleep(200);
            throw new StreamCut();
        }
        if (sent > 0 && reply.eventDelayMillis() > 0) {
            FakeProvider.sleep(reply.eventDelayMillis());
        }
        out.write((prefix + "data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        sent++;
    }
}
