package dev.srooter.server.pipeline;

import dev.srooter.server.translate.ChatResponse;
import dev.srooter.server.translate.Codecs;
import dev.srooter.server.translate.SseParser;
import dev.srooter.server.translate.StreamAssembler;
import dev.srooter.server.translate.StreamEvent;
import dev.srooter.server.translate.StreamReader;
import jakarta.json.JsonObject;

/**
 * Keeps the answer of a request the council is to review ({@link Exchange#answer}), from whatever the relay has in
 * hand: a whole body in the client's format, or the events of a stream as they pass. Requests the council will not
 * sit on (not flagged for it, or flagged where fewer than two members are configured) keep nothing and pay nothing:
 * parsing a passed-through stream to keep its answer had been 5% of a streamed request's processor time in the
 * benchmark, whose requests are flagged with no members (bench/README.md). What cannot be read is not kept: the
 * council then does not sit.
 */
final class AnswerKeeper {

    private final Exchange exchange;
    private final StreamAssembler assembler;
    private final SseParser parser;

    private AnswerKeeper(Exchange exchange, boolean passedThrough) {
        this.exchange = exchange;
        this.assembler = new StreamAssembler();
        StreamReader reader = passedThrough ? Codecs.of(exchange.clientFormat()).streamReader("client") : null;
        this.parser = reader == null ? null : new SseParser((name, data) -> {
            try {
                reader.read(name, data).forEach(assembler::accept);
            } catch (RuntimeException unreadable) {
                // not kept: the relay passes the stream on as it is
            }
        });
    }

    /** A keeper for the exchange, or null when the council will not look at it. */
    static AnswerKeeper of(Exchange exchange, boolean passedThrough) {
        return exchange.decisions.councilSits() ? new AnswerKeeper(exchange, passedThrough) : null;
    }

    /** Raw stream bytes in the client's format (passed through). */
    void bytes(byte[] buffer, int length) {
        if (parser != null) {
            parser.feed(buffer, length);
        }
    }

    /** A canonical event (translated streams). */
    void event(StreamEvent event) {
        assembler.accept(event);
    }

    /** The stream ended: its answer is kept when it was complete. */
    void end() {
        if (parser != null) {
            parser.finish();
        }
        if (assembler.finished()) {
            exchange.answer = assembler.response();
        }
    }

    /** A whole answer in the client's format (passed through), as the relay read it; null if it could not. */
    static void whole(Exchange exchange, JsonObject body) {
        if (!exchange.decisions.councilSits() || body == null) {
            return;
        }
        try {
            exchange.answer = Codecs.of(exchange.clientFormat()).readResponse(body, "client");
        } catch (RuntimeException unreadable) {
            // not kept
        }
    }

    /** A whole answer srooter has read (translated). */
    static void whole(Exchange exchange, ChatResponse read) {
        if (exchange.decisions.councilSits()) {
            exchange.answer = read;
        }
    }
}
