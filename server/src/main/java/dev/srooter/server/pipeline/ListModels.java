package dev.srooter.server.pipeline;

import dev.srooter.api.WireFormat;
import dev.srooter.server.providers.ModelDirectory;
import dev.srooter.server.providers.Target;
import dev.srooter.server.wire.GatewayError;
import dev.srooter.server.wire.JsonScan;
import dev.srooter.server.wire.Reply;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Answers {@code GET /v1/models} with every model srooter can serve, in the caller's format, and
 * {@code GET /v1/models/{id}} (the SDKs' {@code models.retrieve}) with one of them, or a 404 for a model it cannot.
 */
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
        boolean anthropic = exchange.clientFormat() == WireFormat.ANTHROPIC_MESSAGES;
        String json;
        if (exchange.requestedModel != null) {
            Target target = models.get(exchange.requestedModel);
            if (target == null) {
                throw new GatewayError(404, "model_not_found", "srooter serves no model '" + exchange.requestedModel
                        + "'; GET /v1/models lists the ones it does.");
            }
            json = anthropic ? anthropicModel(target) : openAiModel(target);
        } else if (anthropic) {
            StringJoiner data = new StringJoiner(",", "[", "]");
            models.values().forEach(t -> data.add(anthropicModel(t)));
            String first = models.isEmpty() ? "null" : JsonScan.quote(models.keySet().iterator().next());
            String last = models.isEmpty() ? "null" : JsonScan.quote(models.keySet().stream().reduce((a, b) -> b).get());
            json = "{\"data\":" + data + ",\"has_more\":false,\"first_id\":" + first + ",\"last_id\":" + last + "}";
        } else {
            StringJoiner data = new StringJoiner(",", "[", "]");
            models.values().forEach(t -> data.add(openAiModel(t)));
            json = "{\"object\":\"list\",\"data\":" + data + "}";
        }
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.status = 200;
        exchange.markFirstByte();
        DecisionHeaders.write(exchange);
        Reply.json(exchange.response, 200, body);
    }

    private static String anthropicModel(Target target) {
        return "{\"type\":\"model\",\"id\":" + JsonScan.quote(target.modelId())
                + ",\"display_name\":" + JsonScan.quote(target.displayName())
                + ",\"created_at\":\"1970-01-01T00:00:00Z\"}";
    }

    private static String openAiModel(Target target) {
        return "{\"id\":" + JsonScan.quote(target.modelId())
                + ",\"object\":\"model\",\"created\":0,\"owned_by\":" + JsonScan.quote(target.account().name()) + "}";
    }
}
