package dev.srooter.server.providers;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One HTTP call to a provider. A connection that cannot be opened is tried twice more after a short, jittered pause
 * (a provider restarting, a connection pool's stale socket); anything slower, or any answer, is the caller's to judge
 * (fallback chains, circuit breakers).
 *
 * <p>A loop, not MicroProfile Fault Tolerance's {@code @Retry}: its interceptor ran on every call to a provider, where
 * a retry is needed perhaps once in a million, and cost a fortieth of a small request's CPU (bench/README.md).
 */
@ApplicationScoped
public class ProviderCall {

    /** Tries after the first, when the connection is refused. */
    static final int RETRIES = 2;

    @Inject
    Upstream upstream;

    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        return retried(() -> upstream.client().send(request, handler));
    }

    /**
     * A model call: its answer as an {@link UpstreamBody} (an event stream to relay, or the whole answer, at most
     * {@code maxWholeBytes}), the provider allowed {@code idleMillis} of silence within it.
     */
    public HttpResponse<UpstreamBody> answer(ProviderRequest request, byte[] body, long idleMillis, long maxWholeBytes)
            throws IOException, InterruptedException {
        Http1Transport own = upstream.own(request.uri());
        if (own == null) {
            return send(request.toJdk(new WholeBody(body)), UpstreamBody.handler(idleMillis, maxWholeBytes));
        }
        return retried(() -> own.send(request, body, idleMillis, maxWholeBytes));
    }

    private interface Attempt<T> {
        T run() throws IOException, InterruptedException;
    }

    private <T> T retried(Attempt<T> attempt) throws IOException, InterruptedException {
        for (int tried = 0; ; tried++) {
            try {
                return attempt.run();
            } catch (ConnectException refused) {
                if (tried == RETRIES) {
                    throw refused;
                }
                pause();
            }
        }
    }

    /** 50 ms, give or take 25: clients refused together do not all come back at once. */
    void pause() throws InterruptedException {
        Thread.sleep(25 + ThreadLocalRandom.current().nextInt(51));
    }
}
