package dev.srooter.server.context;

import java.util.List;

/**
 * An admin's settings for cross-agent context: whether notes are added, whose changes a request may hear of
 * ({@code org}: any team's; {@code team}: its own team's only), in which repositories (none named: all), how far back
 * ({@code windowHours}) and how many files a note names at most ({@code maxFiles}).
 */
public record ContextSettings(boolean enabled, String scope, List<String> repositories, int windowHours,
                              int maxFiles) {

    public static final ContextSettings DEFAULTS = new ContextSettings(true, "org", List.of(), 24, 5);

    public ContextSettings {
        repositories = repositories == null ? List.of() : List.copyOf(repositories);
    }

    public boolean covers(String repo) {
        return repositories.isEmpty() || repositories.contains(repo);
    }
}
