package dev.srooter.server.skills;

import java.util.List;

/**
 * A skill as stored: an admin's own ({@code text} set) or an admin's settings for a plugin's skill ({@code text}
 * null). Empty lists do not restrict: no intents means every intent, no paths means every request.
 */
public record SkillRow(String name, String text, String kind, int priority, List<String> intents, List<String> paths,
                       List<String> repositories, List<String> offForTeams, boolean enabled) {
}
