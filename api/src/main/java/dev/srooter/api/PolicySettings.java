package dev.srooter.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An admin's settings for one policy at each level that has some: org-wide, the caller's team, the caller.
 * Each is the JSON object the admin stored, as maps, lists, strings, numbers and booleans; absent levels are
 * null. A policy decides how levels combine; the built-ins apply every level (the strictest wins).
 */
public record PolicySettings(Map<String, Object> org, Map<String, Object> team, Map<String, Object> user) {

    public static final PolicySettings NONE = new PolicySettings(null, null, null);

    /** The levels that have settings, org first. */
    public List<Map<String, Object>> levels() {
        List<Map<String, Object>> levels = new ArrayList<>(3);
        for (Map<String, Object> level : new Map[] {org, team, user}) {
            if (level != null) {
                levels.add(level);
            }
        }
        return levels;
    }

    public boolean isEmpty() {
        return org == null && team == null && user == null;
    }
}
