package dev.srooter.server.pipeline;

import dev.srooter.server.providers.UpstreamBody;
import dev.srooter.server.providers.Usage;
import dev.srooter.server.translate.Js;
import dev.srooter.server.wire.GatewayError;
import dev.srooter.server.wire.Reply;
import dev.srooter.server.wire.SseUsageTap;
import dev.srooter.server.wire.UsageReader;
import dev.srooter.server.wire.WireErrors;
import jakarta.json.JsonObject;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import dev.srooter.server.providers.UpstreamFault;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Copies a provider's answer to the client: status and headers first, then the body. Event streams
 * are written on as each piece arrives and flushed at once; if the client goes away the upstream call
 * is cancelled, and if the provider breaks off the client gets an error event in its own format.
 */
final class Relay {

    /** Hop-by-hop headers, and ones the servlet container sets itself. Content-Encoding stays with its bytes. */
    private static final Set<String> NOT_RETURNED = Set.of("connection", "keep-alive", "transfer-encoding",
            "content-length", "date", "server");

    private final Exchange exchange;
    private final HttpResponse<UpstreamBody> answer;
    private final Account account;

    Relay(Exchange exchange, HttpResponse<UpstreamBody> answer, Account account) {
        this.exchange = exchange;
        this.answer = answer;
        this.account = account;
    }

    void run() {
        HttpServletResponse response = exchange.response;
        int status = answer.statusCode();
        exchange.status = status;
        if (status >= 400) {
            exchange.errorCode = "upstream_" + status;
        }
        response.setStatus(status);
        for (Map.Entry<String, List<String>> header : answer.headers().map().entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!NOT_RETURNED.contains(name) && !name.startsWith(":") && !name.startsWith("x-srooter-")) {
                header.getValue().forEach(value -> response.addHeader(name, value));
            }
        }
        DecisionHeaders.write(exchange);
        if (answer.body() instanceof UpstreamBody.Stream streamed) {
            try (InputStream in = streamed.in()) {
                stream(in, response);
            } catch (IOException closing) {
                // Closing a stream we abandoned: nothing left to tell anyone.
            }
        } else {
            whole(((UpstreamBody.Whole) answer.body()).bytes(), response);
        }
    }

    /**
     * A cost as the header gives it, six decimals. Not {@code String.format}: on JDK 17 it builds a new
     * {@code DecimalFormatSymbols} for every call, the costliest allocation of a small request's relay.
     */
    static String usd(double cost) {
        return BigDecimal.valueOf(cost).setScale(6, RoundingMode.HALF_UP).toPlainString();
    }

    private void whole(byte[] body, HttpServletResponse response) {
        if (exchange.status < 300) {
            // read once, by srooter's own reader, for the usage and for the answer the council may review (it was read
            // twice; measured against that, no gain this machine can tell: bench/README.md, "One read of a whole answer")
            JsonObject answer = readAnswer(body);
            exchange.usage = answer == null ? Usage.NONE : UsageReader.fromAnswer(exchange.clientFormat(), answer);
            AnswerKeeper.whole(exchange, answer);
            account.apply(exchange);
            response.setHeader("x-srooter-cost-usd", usd(exchange.costUsd));
        }
        if (!Reply.body(response, body)) {
            clientClosed();
        }
    }

    /** A whole answer as a JSON object, or null when it is not one (usage is bookkeeping: the answer still goes). */
    private static JsonObject readAnswer(byte[] body) {
        try {
            return Js.parse(body);
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    private void stream(InputStream in, HttpServletResponse response) throws IOException {
        UsageReader usage = new UsageReader(exchange.clientFormat());
        SseUsageTap tap = new SseUsageTap(usage);
        AnswerKeeper kept = AnswerKeeper.of(exchange, true);
        ServletOutputStream out = response.getOutputStream();
        try {
            response.flushBuffer(); // headers now: clients show progress from the first event
        } catch (IOException clientGone) {
            clientClosed();
            return;
        }
        byte[] buffer = new byte[16 * 1024];
        while (true) {
            int n;
            try {
                n = in.read(buffer);
            } catch (IOException cut) {
                upstreamCut(out, cut);
                break;
            }
            if (n < 0) {
                if (kept != null) {
                    kept.end();
                }
                break;
            }
            tap.accept(buffer, n);
            if (kept != null) {
                kept.bytes(buffer, n);
            }
            try {
                out.write(buffer, 0, n);
                out.flush();
            } catch (IOException clientGone) {
                clientClosed(); // returning closes `in`, which cancels the upstream call
                break;
            }
        }
        exchange.usage = usage.usage();
    }

    private void upstreamCut(ServletOutputStream out, IOException cut) {
        GatewayError error = cut instanceof UpstreamFault fault ? new GatewayError(504, fault.code(), fault.getMessage())
                : new GatewayError(502, "upstream_stream_cut", "The provider's stream broke off before it was complete.");
        exchange.status = error.status();
        exchange.errorCode = error.code();
        try {
            out.write(WireErrors.streamEvent(exchange.clientFormat(), error).getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException clientGoneToo) {
            // Nobody left to tell.
        }
    }

    private void clientClosed() {
        exchange.status = 499;
        exchange.errorCode = "client_closed_request";
    }
}
