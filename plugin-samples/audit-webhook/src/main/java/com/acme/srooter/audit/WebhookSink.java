package com.acme.srooter.audit;

import dev.srooter.api.AuditEvent;
import dev.srooter.api.AuditSink;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * POSTs each batch of audit records to {@code url} as a JSON array, with an optional {@code authorization}
 * header. Anything but a 2xx answer throws, and srooter offers the batch again.
 *
 * <p>srooter calls {@link #configure} when an admin enables the sink or changes its settings (throwing refuses
 * them: the admin sees the message), then {@link #write} for each batch, from the sink's own thread, never from a
 * request thread.
 */
@Extension
public class WebhookSink implements AuditSink {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Where to send, set whole: configure may run (on an admin's request) while a batch is being sent. */
    private record Target(URI url, String authorization) {
    }

    private volatile Target target;

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public void configure(Map<String, String> settings) {
        String configured = settings.get("url");
        if (configured == null || configured.isBlank()) {
            throw new IllegalArgumentException("the webhook sink needs a url setting");
        }
        target = new Target(URI.create(configured), settings.get("authorization"));
    }

    @Override
    public void write(List<AuditEvent> batch) throws IOException, InterruptedException {
        Target to = target;
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (AuditEvent e : batch) {
            JsonObjectBuilder o = Json.createObjectBuilder().add("id", e.id()).add("createdAt", e.createdAt().toString())
                    .add("status", e.status()).add("costUsd", e.costUsd()).add("latencyMs", e.latencyMs())
                    .add("inputTokens", e.inputTokens()).add("outputTokens", e.outputTokens());
            add(o, "username", e.username());
            add(o, "requestedModel", e.requestedModel());
            add(o, "servedModel", e.servedModel());
            add(o, "route", e.route());
            add(o, "policies", e.policies());
            add(o, "promptSha256", e.promptSha256());
            array.add(o);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(to.url()).timeout(Duration.ofSeconds(10))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(array.build().toString()));
        if (to.authorization() != null && !to.authorization().isBlank()) {
            request.header("authorization", to.authorization());
        }
        HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("webhook " + to.url() + " answered " + response.statusCode());
        }
    }

    private static void add(JsonObjectBuilder o, String name, String value) {
        if (value != null) {
            o.add(name, value);
        }
    }
}
