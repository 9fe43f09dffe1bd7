package dev.srooter.server.providers;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The price catalogue shipped with srooter ({@code prices.json}): the longest matching prefix wins. */
public final class PriceTable {

    private record Entry(String prefix, Price price) {
    }

    private final List<Entry> entries;

    private PriceTable(List<Entry> entries) {
        this.entries = entries.stream().sorted(Comparator.comparingInt((Entry e) -> e.prefix().length()).reversed())
                .toList();
    }

    public static PriceTable builtIn() {
        try (InputStream in = PriceTable.class.getClassLoader().getResourceAsStream("prices.json");
             JsonReader reader = Json.createReader(in)) {
            List<Entry> entries = new ArrayList<>();
            for (JsonValue value : reader.readObject().getJsonArray("prices")) {
                JsonObject p = value.asJsonObject();
                entries.add(new Entry(p.getString("prefix"), new Price(number(p, "input"), number(p, "output"),
                        number(p, "cacheRead"), number(p, "cacheWrite"), true)));
            }
            return new PriceTable(entries);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The price of a model id as a provider names it; a dated id matches its family's prefix. */
    public Price priceOf(String modelId) {
        for (Entry entry : entries) {
            if (modelId.startsWith(entry.prefix())) {
                return entry.price();
            }
        }
        return Price.UNKNOWN;
    }

    private static double number(JsonObject object, String name) {
        return object.getJsonNumber(name).doubleValue();
    }
}
