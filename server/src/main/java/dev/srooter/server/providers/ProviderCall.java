package dev.srooter.server.providers;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * One HTTP call to a provider. A connection that cannot be opened is retried twice with a short, jittered
 * backoff by MicroProfile Fault Tolerance (a provider restarting, a connection pool's stale socket); anything
 * slower, or any answer, is the caller's to judge (fallback chains, circuit breakers).
 */
@ApplicationScoped
public class ProviderCall {

    @Inject
    Upstream upstream;

    @Retry(retryOn = ConnectException.class, maxRetries = 2, delay = 50, jitter = 25)
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        return upstream.client().send(request, handler);
    }
}
