package dev.srooter.plugins.policy;

import dev.srooter.api.PolicySettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reading the built-in policies' settings: every level that sets a value applies, the strictest wins. */
final class Levels {

    private Levels() {
    }

    /** The smallest whole number any level sets under {@code name}, or null. */
    static Integer smallest(PolicySettings settings, String name) {
        Integer smallest = null;
        for (Map<String, Object> level : settings.levels()) {
            if (level.get(name) instanceof Number n && (smallest == null || n.intValue() < smallest)) {
                smallest = n.intValue();
            }
        }
        return smallest;
    }

    /** The non-empty lists of strings the levels set under {@code name}. */
    static List<List<String>> lists(PolicySettings settings, String name) {
        List<List<String>> lists = new ArrayList<>();
        for (Map<String, Object> level : settings.levels()) {
            if (level.get(name) instanceof List<?> list && !list.isEmpty()) {
                lists.add(list.stream().map(String::valueOf).toList());
            }
        }
        return lists;
    }

    static boolean anyTrue(PolicySettings settings, String name) {
        return settings.levels().stream().anyMatch(level -> Boolean.TRUE.equals(level.get(name)));
    }

    /** Whether {@code name} matches a pattern where {@code *} stands for any text. */
    static boolean matches(String pattern, String name) {
        if (name == null) {
            return false;
        }
        if (!pattern.contains("*")) {
            return pattern.equals(name);
        }
        String regex = java.util.Arrays.stream(pattern.split("\\*", -1)).map(java.util.regex.Pattern::quote)
                .reduce((a, b) -> a + ".*" + b).orElse("");
        return name.matches(regex);
    }
}
