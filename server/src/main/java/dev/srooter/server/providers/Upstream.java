package dev.srooter.server.providers;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.http.HttpClient;
import java.time.Duration;

/** The one HTTP client every provider call goes through, so connections are pooled and reused. */
@ApplicationScoped
public class Upstream {

    private final HttpClient client = HttpClient.newBuilder()
            // Providers and local servers speak HTTP/1.1 at least; h2c upgrade attempts only cost time.
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            // Run the client's internal steps on the thread that completes them instead of handing each
            // to a pool thread: a request thread waits for its answer anyway. Under load the default pool
            // grew to dozens of threads passing each request between them (bench/README.md).
            .executor(Runnable::run)
            .build();

    public HttpClient client() {
        return client;
    }
}
