package dev.srooter.server.routing;

import dev.srooter.api.Intent;

/**
 * Where requests of one intent go. {@code target}: {@code requested} keeps the model asked for;
 * {@code cheapest} and {@code best} pick among the served models (see {@link TargetPicker}); anything else
 * names a model ({@code provider/model}, an id, or an alias). A request whose intent came with less than
 * {@code minConfidence} keeps the model asked for. {@code council} flags it for review by several models.
 * {@code team} null: the org-wide rule; a team's rule overrides it for that team's users. {@code learned} lets
 * srooter's learner choose among {@code candidates} (models an admin allows), from the outcomes it sees.
 */
public record RouteRule(String team, Intent intent, String target, boolean council, double minConfidence,
                        java.util.List<String> candidates) {

    public static final String REQUESTED = "requested";
    public static final String CHEAPEST = "cheapest";
    public static final String BEST = "best";
    public static final String LEARNED = "learned";

    public RouteRule {
        candidates = candidates == null ? java.util.List.of() : java.util.List.copyOf(candidates);
    }

    public RouteRule(String team, Intent intent, String target, boolean council, double minConfidence) {
        this(team, intent, target, council, minConfidence, java.util.List.of());
    }
}
