package dev.srooter.server.providers;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.Locale;

/**
 * A provider's answer as srooter takes it: an event stream is handed over as an {@link InputStream} to
 * relay piece by piece; anything else is collected whole by the HTTP client, which costs one hand-off
 * between threads instead of one per network read.
 */
public sealed interface UpstreamBody {

    record Whole(byte[] bytes) implements UpstreamBody {
    }

    record Stream(InputStream in) implements UpstreamBody {
    }

    /** Chooses by the answer's status and content type, before any of its body is read. */
    public static HttpResponse.BodyHandler<UpstreamBody> handler() {
        return info -> {
            String type = info.headers().firstValue("content-type").orElse("").toLowerCase(Locale.ROOT);
            if (info.statusCode() < 300 && type.startsWith("text/event-stream")) {
                return HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofInputStream(),
                        Stream::new);
            }
            return HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofByteArray(), Whole::new);
        };
    }
}
