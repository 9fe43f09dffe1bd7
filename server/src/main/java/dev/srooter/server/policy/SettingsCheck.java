package dev.srooter.server.policy;

import dev.srooter.api.SettingSpec;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;

/**
 * Checks settings against what a plugin says it takes, before they are saved: an unknown key (a typo that would
 * silently do nothing) or a value of the wrong kind is refused with a message naming the setting and what it takes.
 */
public final class SettingsCheck {

    private SettingsCheck() {
    }

    /** Why {@code settings} do not fit {@code specs}, or null when they do (or when the plugin describes none). */
    public static String problem(List<SettingSpec> specs, JsonObject settings) {
        if (specs.isEmpty()) {
            return null;
        }
        for (Map.Entry<String, JsonValue> entry : settings.entrySet()) {
            SettingSpec spec = specs.stream().filter(s -> s.name().equals(entry.getKey())).findFirst().orElse(null);
            if (spec == null) {
                return "unknown setting '" + entry.getKey() + "'; this policy takes "
                        + specs.stream().map(SettingSpec::name).toList();
            }
            String wrong = problem(spec, entry.getValue());
            if (wrong != null) {
                return spec.name() + " (" + spec.label() + "): " + wrong;
            }
        }
        return null;
    }

    private static String problem(SettingSpec spec, JsonValue value) {
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            return null; // unset
        }
        return switch (spec.type()) {
            case TEXT_LIST, CHOICE_LIST -> {
                if (!(value instanceof JsonArray list) || !list.stream().allMatch(v -> v instanceof JsonString)) {
                    yield "takes a list of texts";
                }
                if (spec.type() == SettingSpec.Type.CHOICE_LIST) {
                    yield list.getValuesAs(JsonString.class).stream().map(JsonString::getString)
                            .filter(v -> !spec.choices().contains(v)).findFirst()
                            .map(v -> "'" + v + "' is not one of " + spec.choices()).orElse(null);
                }
                yield null;
            }
            case CHOICE -> value instanceof JsonString s && spec.choices().contains(s.getString()) ? null
                    : "takes one of " + spec.choices();
            case INTEGER -> !(value instanceof JsonNumber n) || !n.isIntegral() ? "takes a whole number"
                    : spec.min() != null && n.longValue() < spec.min() ? "is at least " + spec.min() : null;
            case FLAG -> value.getValueType() == JsonValue.ValueType.TRUE
                    || value.getValueType() == JsonValue.ValueType.FALSE ? null : "takes true or false";
        };
    }
}
