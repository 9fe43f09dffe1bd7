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
        for (int attempt = 0; ; attempt++) {
            try {
                return upstream.client().send(request, handler);
            } catch (ConnectException refused) {
                if (attempt == RETRIES) {
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
