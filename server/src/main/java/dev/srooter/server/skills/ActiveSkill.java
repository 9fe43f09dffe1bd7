package dev.srooter.server.skills;

import dev.srooter.api.Skill;
import java.util.List;

/**
 * A skill as it applies: an admin's (text) or a plugin's (code), with the admin's settings on top. Ordered by
 * priority, highest first, then by name, so the same set of skills always gives the same prompt text.
 */
public record ActiveSkill(String name, Skill.Kind kind, int priority, List<String> intents, List<String> paths,
                          List<String> repositories, List<String> offForTeams, boolean enabled, String text,
                          Skill plugin) implements Comparable<ActiveSkill> {

    public String source() {
        return plugin == null ? "admin" : "plugin";
    }

    @Override
    public int compareTo(ActiveSkill other) {
        int byPriority = Integer.compare(other.priority, priority);
        return byPriority != 0 ? byPriority : name.compareTo(other.name);
    }
}
