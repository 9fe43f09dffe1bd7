package dev.srooter.server.providers;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * How srooter reaches providers, with connections pooled and reused: its own HTTP/1.1 transport for a model call to
 * an origin it reaches directly, and the JDK's client for the rest (model discovery, and any origin the JVM's proxy
 * settings send through a proxy, which the JDK's client knows how to speak to). {@code SROOTER_UPSTREAM_CLIENT=jdk}
 * sends every call through the JDK's client.
 */
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

    /** TLS by the JVM's default context, the one the JDK's client uses too: the same trusted authorities. */
    private final Http1Transport own = new Http1Transport(tls());
    boolean ownEnabled = true;
    private final Map<String, Boolean> direct = new ConcurrentHashMap<>();

    @PostConstruct
    void configure() {
        ownEnabled = !"jdk".equals(ConfigProvider.getConfig().getOptionalValue("srooter.upstream.client", String.class)
                .map(v -> v.trim().toLowerCase(Locale.ROOT)).orElse("own"));
    }

    public HttpClient client() {
        return client;
    }

    /** srooter's own transport for a model call to this address, or null when the JDK's client takes it. */
    Http1Transport own(URI uri) {
        if (!ownEnabled || !direct.computeIfAbsent(Http1Pool.origin(uri), o -> reachedDirectly(uri))) {
            return null;
        }
        return own;
    }

    private static boolean reachedDirectly(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            return false;
        }
        ProxySelector proxies = ProxySelector.getDefault();
        List<Proxy> chosen = proxies == null ? List.of() : proxies.select(uri);
        return chosen.stream().allMatch(proxy -> proxy.type() == Proxy.Type.DIRECT);
    }

    private static javax.net.ssl.SSLSocketFactory tls() {
        try {
            return SSLContext.getDefault().getSocketFactory();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("No default TLS context in this JVM", e);
        }
    }
}
