package dev.srooter.api;

import java.util.List;

/**
 * One setting a plugin takes, described so that the console can offer a form with the plugin's own words and the
 * admin API can refuse a value that does not fit before it is saved.
 *
 * @param name        the key in the settings object
 * @param type        what kind of value it takes
 * @param label       a short name for the form's field
 * @param description what the setting does, in a sentence an admin reads beside the field
 * @param choices     the values a {@link Type#CHOICE} or {@link Type#CHOICE_LIST} takes; empty otherwise
 * @param min         the smallest {@link Type#INTEGER} allowed, or null
 */
public record SettingSpec(String name, Type type, String label, String description, List<String> choices, Integer min) {

    /** The kinds of value a setting takes. */
    public enum Type {
        /** A list of free-text entries (patterns, names). */
        TEXT_LIST,
        /** A list of entries from {@link #choices()}. */
        CHOICE_LIST,
        /** One entry from {@link #choices()}. */
        CHOICE,
        /** A whole number, at least {@link #min()} when set. */
        INTEGER,
        /** On or off. */
        FLAG
    }

    public SettingSpec {
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    public static SettingSpec textList(String name, String label, String description) {
        return new SettingSpec(name, Type.TEXT_LIST, label, description, List.of(), null);
    }

    public static SettingSpec choiceList(String name, String label, String description, List<String> choices) {
        return new SettingSpec(name, Type.CHOICE_LIST, label, description, choices, null);
    }

    public static SettingSpec choice(String name, String label, String description, List<String> choices) {
        return new SettingSpec(name, Type.CHOICE, label, description, choices, null);
    }

    public static SettingSpec integer(String name, String label, String description, int min) {
        return new SettingSpec(name, Type.INTEGER, label, description, List.of(), min);
    }

    public static SettingSpec flag(String name, String label, String description) {
        return new SettingSpec(name, Type.FLAG, label, description, List.of(), null);
    }
}
