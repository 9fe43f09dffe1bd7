package dev.srooter.server.pipeline;

import dev.srooter.server.translate.ChatResponse;
import dev.srooter.server.translate.Js;
import dev.srooter.server.translate.SseParser;
import dev.srooter.server.translate.StreamAssembler;
import dev.srooter.server.translate.StreamEvent;
import dev.srooter.server.translate.StreamReader;
import dev.srooter.server.translate.StreamWriter;
import dev.srooter.server.providers.UpstreamBody;
import dev.srooter.server.providers.UpstreamFault;
import dev.srooter.server.wire.GatewayError;
import dev.srooter.server.wire.Reply;
import dev.srooter.server.wire.WireErrors;
import jakarta.json.JsonObject;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Relays a provider's answer to a client of another format. A complete answer is read by the provider
 * format's codec and written by the client's; a stream goes event by event through the provider's
 * stream reader and the client's stream writer, flushed after every network read so the client sees
 * tokens as they come. Errors become errors in the client's format, with the provider's status and
 * message. The answer names the model the client asked for; {@code x-srooter-served-model} says which
 * one answered.
 */
final class TranslatingRelay {

    private static final Logger LOG = Logger.getLogger(TranslatingRelay.class.getName());

    private final Exchange exchange;
    private final Translation translation;
    private final HttpResponse<UpstreamBody> answer;
    private final Account account;

    TranslatingRelay(Exchange exchange, Translation translation, HttpResponse<UpstreamBody> answer, Account account) {
        this.exchange = exchange;
        this.translation = translation;
        this.answer = answer;
        this.account = account;
    }

    void run() {
        int status = answer.statusCode();
        HttpServletResponse response = exchange.response;
        if (status >= 300) {
            providerError(status, ((UpstreamBody.Whole) answer.body()).bytes());
            return;
        }
        exchange.status = status;
        response.setStatus(status);
        DecisionHeaders.write(exchange);
        if (answer.body() instanceof UpstreamBody.Stream streamed) {
            try (InputStream in = streamed.in()) {
                if (exchange.stream) {
                    stream(in, response);
                } else {
                    collect(in, response); // a provider that streamed although not asked to
                }
            } catch (IOException closing) {
                // Closing a stream we abandoned: nothing left to tell anyone.
            }
            return;
        }
        // read and written in full before anything is sent: an answer srooter cannot carry is a 502, whichever
        // side of the translation trips on it (a fuzzed answer once read cleanly and failed to be written)
        ChatResponse read;
        StringBuilder events = null;
        JsonObject body = null;
        try {
            read = asRequested(translation.provider().readResponse(
                    Js.parse(((UpstreamBody.Whole) answer.body()).bytes()), exchange.target.account().name()));
            if (exchange.stream) {
                // a provider that answered whole although asked to stream: the client still gets its stream
                StreamWriter writer = translation.client().streamWriter(translation.clientBody());
                events = new StringBuilder();
                for (StreamEvent event : StreamAssembler.events(read)) {
                    events.append(writer.write(event));
                }
            } else {
                body = translation.client().writeResponse(read);
            }
        } catch (RuntimeException unreadable) {
            LOG.log(Level.WARNING, "srooter: request " + exchange.id + ": the provider's answer could not be"
                    + " carried", unreadable);
            throw new GatewayError(502, "upstream_invalid_response", "Provider '" + exchange.target.account().name()
                    + "' answered with a body srooter could not read as " + translation.providerFormat() + ".");
        }
        AnswerKeeper.whole(exchange, read);
        if (events != null) {
            startStream(response);
            exchange.usage = read.usage();
            try {
                send(response.getOutputStream(), events);
            } catch (IOException clientGone) {
                clientClosed();
            }
        } else {
            whole(read, body, response);
        }
    }

    private void providerError(int status, byte[] body) {
        String message = null;
        try {
            message = translation.provider().errorMessage(Js.parse(body));
        } catch (RuntimeException notJson) {
            // some servers answer errors in plain text or HTML
        }
        if (message == null || message.isBlank()) {
            message = "Provider '" + exchange.target.account().name() + "' answered HTTP " + status + ".";
        }
        exchange.status = status;
        exchange.errorCode = "upstream_" + status;
        HttpServletResponse response = exchange.response;
        answer.headers().firstValue("retry-after").ifPresent(v -> response.setHeader("retry-after", v));
        DecisionHeaders.write(exchange);
        if (!Reply.json(response, status, WireErrors.body(exchange.clientFormat(),
                new GatewayError(status, "upstream_error", message)))) {
            clientClosed();
        }
    }

    private void whole(ChatResponse read, JsonObject body, HttpServletResponse response) {
        exchange.usage = read.usage();
        account.apply(exchange);
        response.setHeader("x-srooter-cost-usd", Relay.usd(exchange.costUsd));
        response.setContentType("application/json");
        if (!Reply.body(response, Js.bytes(body))) {
            clientClosed();
        }
    }

    private void collect(InputStream in, HttpServletResponse response) {
        StreamReader reader = translation.provider().streamReader(exchange.target.account().name());
        StreamAssembler assembler = new StreamAssembler();
        SseParser parser = new SseParser((name, data) -> reader.read(name, data).forEach(assembler::accept));
        byte[] buffer = new byte[16 * 1024];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                parser.feed(buffer, n);
            }
            parser.finish();
            reader.end().forEach(assembler::accept);
        } catch (UpstreamFault fault) {
            throw new GatewayError(504, fault.code(), fault.getMessage());
        } catch (IOException | RuntimeException cut) {
            throw new GatewayError(502, "upstream_stream_cut", "The provider's stream broke off before it was complete.");
        }
        if (assembler.failure() != null) {
            throw new GatewayError(assembler.failure().status(), "upstream_error", assembler.failure().message());
        }
        if (!assembler.finished()) {
            throw new GatewayError(502, "upstream_stream_cut", "The provider's stream broke off before it was complete.");
        }
        ChatResponse read;
        JsonObject body;
        try {
            read = asRequested(assembler.response());
            body = translation.client().writeResponse(read);
        } catch (RuntimeException unwritable) {
            LOG.log(Level.WARNING, "srooter: request " + exchange.id + ": the provider's answer could not be carried",
                    unwritable);
            throw new GatewayError(502, "upstream_invalid_response", "Provider '" + exchange.target.account().name()
                    + "' answered with a stream srooter could not carry as the client's format.");
        }
        AnswerKeeper.whole(exchange, read);
        whole(read, body, response);
    }

    /** What the stream loop knows while events pass through it. */
    private final class Progress implements SseParser.Listener {
        final StreamReader reader = translation.provider().streamReader(exchange.target.account().name());
        final StreamWriter writer = translation.client().streamWriter(translation.clientBody());
        final StringBuilder pending = new StringBuilder();
        final AnswerKeeper kept = AnswerKeeper.of(exchange, false);
        boolean finished;
        boolean failed;

        @Override
        public void event(String name, String data) {
            if (failed) {
                return;
            }
            List<StreamEvent> events;
            try {
                events = reader.read(name, data);
            } catch (RuntimeException unreadable) {
                LOG.log(Level.FINE, "srooter: unreadable event in request " + exchange.id, unreadable);
                fail(new GatewayError(502, "upstream_invalid_event", "The provider sent an event srooter could not read."));
                return;
            }
            accept(events);
        }

        void accept(List<StreamEvent> events) {
            for (StreamEvent event : events) {
                if (event instanceof StreamEvent.Start start) {
                    event = new StreamEvent.Start(start.id(), exchange.requestedModel, start.usage());
                } else if (event instanceof StreamEvent.Finish finish) {
                    finished = true;
                    exchange.usage = finish.usage();
                } else if (event instanceof StreamEvent.Failure failure) {
                    failed = true;
                    exchange.status = failure.status() >= 400 ? failure.status() : 502;
                    exchange.errorCode = "upstream_error";
                }
                if (kept != null) {
                    kept.event(event);
                }
                try {
                    pending.append(writer.write(event));
                } catch (RuntimeException unwritable) {
                    LOG.log(Level.FINE, "srooter: unwritable event in request " + exchange.id, unwritable);
                    fail(new GatewayError(502, "upstream_invalid_event", "The provider sent an event srooter could"
                            + " not carry in the client's format."));
                    return;
                }
            }
        }

        void fail(GatewayError error) {
            failed = true;
            exchange.status = error.status();
            exchange.errorCode = error.code();
            pending.append(WireErrors.streamEvent(exchange.clientFormat(), error));
        }
    }

    private void stream(InputStream in, HttpServletResponse response) throws IOException {
        if (!startStream(response)) {
            return;
        }
        ServletOutputStream out = response.getOutputStream();
        Progress progress = new Progress();
        SseParser parser = new SseParser(progress);
        byte[] buffer = new byte[16 * 1024];
        while (!progress.failed) {
            int n;
            try {
                n = in.read(buffer);
            } catch (IOException cut) {
                if (cut instanceof UpstreamFault fault) {
                    progress.fail(new GatewayError(504, fault.code(), fault.getMessage()));
                }
                break;
            }
            if (n < 0) {
                parser.finish();
                progress.accept(progress.reader.end());
                if (progress.kept != null) {
                    progress.kept.end();
                }
                break;
            }
            parser.feed(buffer, n);
            if (!send(out, progress.pending)) {
                return;
            }
        }
        if (!progress.finished && !progress.failed) {
            // the connection broke, or the stream ended without its closing event
            progress.fail(new GatewayError(502, "upstream_stream_cut",
                    "The provider's stream broke off before it was complete."));
        }
        send(out, progress.pending);
    }

    /** Writes and flushes what is pending; false when the client has gone. */
    private boolean send(ServletOutputStream out, StringBuilder pending) {
        if (pending.length() == 0) {
            return true;
        }
        try {
            out.write(pending.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            pending.setLength(0);
            return true;
        } catch (IOException clientGone) {
            clientClosed();
            return false;
        }
    }

    private boolean startStream(HttpServletResponse response) {
        response.setContentType("text/event-stream; charset=utf-8");
        response.setHeader("cache-control", "no-cache");
        try {
            response.flushBuffer(); // headers now: clients show progress from the first event
            return true;
        } catch (IOException clientGone) {
            clientClosed();
            return false;
        }
    }

    private ChatResponse asRequested(ChatResponse read) {
        return new ChatResponse(read.id(), exchange.requestedModel, read.content(), read.stopReason(), read.usage());
    }

    private void clientClosed() {
        exchange.status = 499;
        exchange.errorCode = "client_closed_request";
    }
}
