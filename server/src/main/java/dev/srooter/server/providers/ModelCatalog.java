package dev.srooter.server.providers;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The model catalogue shipped with srooter ({@code model-catalog.json}): prices and capabilities by the
 * longest matching prefix of a model id. A dated id ({@code claude-sonnet-4-5-20250929}) matches its family;
 * a routed id ({@code anthropic/claude-sonnet-4-5} at OpenRouter, {@code models/gemini-2.5-pro} at Gemini)
 * and a local tag ({@code qwen3-coder:30b}) match by the part a vendor would recognise.
 */
public final class ModelCatalog {

    /** What the catalogue knows of a model. */
    public record Entry(String prefix, Price price, Capabilities capabilities) {
    }

    private static final Entry NONE = new Entry("", Price.UNKNOWN, Capabilities.UNKNOWN);

    private final List<Entry> entries;

    private ModelCatalog(List<Entry> entries) {
        this.entries = entries.stream().sorted(Comparator.comparingInt((Entry e) -> e.prefix().length()).reversed())
                .toList();
    }

    public static ModelCatalog builtIn() {
        try (InputStream in = ModelCatalog.class.getClassLoader().getResourceAsStream("model-catalog.json");
             JsonReader reader = Json.createReader(in)) {
            List<Entry> entries = new ArrayList<>();
            for (JsonValue value : reader.readObject().getJsonArray("models")) {
                JsonObject m = value.asJsonObject();
                Price price = m.containsKey("input") ? new Price(number(m, "input"), number(m, "output"),
                        number(m, "cacheRead"), number(m, "cacheWrite"), true, "catalog") : Price.UNKNOWN;
                Capabilities caps = new Capabilities(integer(m, "context"), integer(m, "maxOutput"),
                        m.getBoolean("tools", false), m.getBoolean("vision", false), m.getBoolean("reasoning", false),
                        m.getInt("rank", 0), true);
                entries.add(new Entry(m.getString("prefix"), price, caps));
            }
            return new ModelCatalog(entries);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The entry for a model id, or one that knows nothing. */
    public Entry lookup(String modelId) {
        String id = modelId;
        int slash = id.lastIndexOf('/');
        if (slash >= 0) {
            id = id.substring(slash + 1);
        }
        for (Entry entry : entries) {
            if (id.startsWith(entry.prefix())) {
                return entry;
            }
        }
        return NONE;
    }

    /** The price of a model id as a provider names it. */
    public Price priceOf(String modelId) {
        return lookup(modelId).price();
    }

    private static double number(JsonObject object, String name) {
        return object.getJsonNumber(name).doubleValue();
    }

    private static Integer integer(JsonObject object, String name) {
        JsonValue v = object.get(name);
        return v instanceof JsonNumber n ? n.intValue() : null;
    }
}
