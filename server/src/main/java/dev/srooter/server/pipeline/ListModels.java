package dev.srooter.server.pipeline;

import dev.srooter.api.WireFormat;
import dev.srooter.server.providers.ModelDirectory;
import dev.srooter.server.providers.Target;
import dev.srooter.server.wire.JsonScan;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import dev.srooter.server.wire.Reply;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/** Answers {@code GET /v1/models} with every model srooter can serve, in the caller's format. */
@ApplicationScoped
public class ListModels implements Stage {

    @Inject
    ModelDirectory directory;

    @Override
    public void apply(Exchange exchange) {
        Map<String, Target> models = new LinkedHashMap<>();
        for (Target target : directory.all()) {
            models.putIfAbsent(target.modelId(), target);
        }
        StringJoiner data = new StringJoiner(",", "[", "]");
        String json;
        if (exchange.clientFormat() == WireFormat.ANTHROPIC_MESSAGES) {
            models.values().forEach(t -> data.add("{\"type\":\"model\",\"id\":" + JsonScan.quote(t.modelId())
                    + ",\"display_name\":" + JsonScan.quote(t.displayName())
                    + ",\"created_at\":\"1970-01-01T00:00:00Z\"}"));
            String first = models.isEmpty() ? "null" : JsonScan.quote(models.keySet().iterator().next());
            String last = models.isEmpty() ? "null" : JsonScan.quote(models.keySet().stream().reduce((a, b) -> b).get());
            json = "{\"data\":" + data + ",\"has_more\":false,\"first_id\":" + first + ",\"last_id\":" + last + "}";
        } else {
            models.values().forEach(t -> data.add("{\"id\":" + JsonScan.quote(t.modelId())
                    + ",\"object\":\"model\",\"created\":0,\"owned_by\":" + JsonScan.quote(t.account().name()) + "}"));
            json = "{\"object\":\"list\",\"data\":" + data + "}";
        }
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.status = 200;
        exchange.markFirstByte();
        DecisionHeaders.write(exchange);
        Reply.json(exchange.response, 200, body);
    }
}
