package dev.srooter.plugins.openai;

import dev.srooter.api.ProviderPreset;
import dev.srooter.api.ProviderPresets;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.pf4j.Extension;

/** The OpenAI-compatible services srooter knows by name, from {@code presets.json}: data, not code. */
@Extension
public class OpenAiPresets implements ProviderPresets {

    @Override
    public List<ProviderPreset> presets() {
        try (InputStream in = OpenAiPresets.class.getResourceAsStream("/presets.json");
             JsonReader reader = Json.createReader(in)) {
            List<ProviderPreset> presets = new ArrayList<>();
            for (JsonValue value : reader.readObject().getJsonArray("presets")) {
                JsonObject p = value.asJsonObject();
                presets.add(new ProviderPreset(p.getString("kind"), "openai", p.getString("baseUrl"),
                        p.getString("description", p.getString("kind"))));
            }
            return presets;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
