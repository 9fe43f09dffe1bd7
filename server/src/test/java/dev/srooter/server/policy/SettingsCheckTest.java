package dev.srooter.server.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srooter.api.SettingSpec;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Settings that do not fit what a policy takes are refused before they are saved, naming the setting. */
class SettingsCheckTest {

    private static final List<SettingSpec> SPECS = List.of(
            SettingSpec.textList("models", "Models allowed", "Names or patterns."),
            SettingSpec.integer("max", "Max output tokens", "The cap.", 1),
            SettingSpec.choice("maxEffort", "Max effort", "The cap.", List.of("low", "medium", "high")),
            SettingSpec.choiceList("allowed", "Tiers", "Tiers.", List.of("auto", "flex")),
            SettingSpec.flag("deny", "Refuse", "Refuse instead."));

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    @Test
    void whatFitsPasses() {
        assertNull(SettingsCheck.problem(SPECS, json("{\"models\":[\"claude-*\"],\"max\":8192,\"maxEffort\":\"low\","
                + "\"allowed\":[\"flex\"],\"deny\":true}")));
        assertNull(SettingsCheck.problem(SPECS, json("{}")));
        assertNull(SettingsCheck.problem(List.of(), json("{\"anything\":1}")), "a policy that describes nothing");
    }

    @Test
    void whatDoesNotFitSaysWhichSettingAndWhatItTakes() {
        assertTrue(SettingsCheck.problem(SPECS, json("{\"model\":[\"x\"]}")).startsWith("unknown setting 'model'"));
        assertEquals("max (Max output tokens): is at least 1", SettingsCheck.problem(SPECS, json("{\"max\":0}")));
        assertEquals("max (Max output tokens): takes a whole number",
                SettingsCheck.problem(SPECS, json("{\"max\":\"8k\"}")));
        assertEquals("maxEffort (Max effort): takes one of [low, medium, high]",
                SettingsCheck.problem(SPECS, json("{\"maxEffort\":\"extreme\"}")));
        assertEquals("allowed (Tiers): 'priority' is not one of [auto, flex]",
                SettingsCheck.problem(SPECS, json("{\"allowed\":[\"priority\"]}")));
        assertEquals("models (Models allowed): takes a list of texts",
                SettingsCheck.problem(SPECS, json("{\"models\":\"claude\"}")));
        assertEquals("deny (Refuse): takes true or false", SettingsCheck.problem(SPECS, json("{\"deny\":\"yes\"}")));
    }
}
