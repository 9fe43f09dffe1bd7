package dev.srooter.server.providers;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import javax.net.ssl.SSLSession;

/** A provider's answer read by {@link Http1Transport}, in the JDK client's shape, so callers take either alike. */
record Http1Response(ProviderRequest sent, int statusCode, HttpHeaders headers, UpstreamBody body)
        implements HttpResponse<UpstreamBody> {

    /** The request in the JDK's shape, made when asked (nothing in srooter asks). */
    @Override
    public HttpRequest request() {
        return sent.toJdk(HttpRequest.BodyPublishers.noBody());
    }

    @Override
    public Optional<HttpResponse<UpstreamBody>> previousResponse() {
        return Optional.empty();
    }

    @Override
    public Optional<SSLSession> sslSession() {
        return Optional.empty();
    }

    @Override
    public URI uri() {
        return sent.uri();
    }

    @Override
    public HttpClient.Version version() {
        return HttpClient.Version.HTTP_1_1;
    }
}
