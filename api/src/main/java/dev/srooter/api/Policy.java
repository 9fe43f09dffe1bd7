package dev.srooter.api;

import org.pf4j.ExtensionPoint;

/**
 * A rule every gateway request must pass before any model is called. Policies run in {@link #order()}, each
 * with its own settings (org-wide, the caller's team, the caller), and may allow, rewrite or deny the request.
 * A denial reaches the developer as a 403 in their client's format, naming the policy. Implementations are
 * thread-safe and fast: they run on the request path.
 */
public interface Policy extends ExtensionPoint {

    /** The name admins set it by ({@code PUT /api/policies/<name>}) and developers see when it refuses them. */
    String name();

    /** Lower runs first. The built-ins: allowlist 100, service-tier 200, reasoning-cap 300, max-output-tokens 400. */
    default int order() {
        return 1000;
    }

    /** What the policy does, in a sentence or two an admin reads on the console. */
    default String description() {
        return "";
    }

    /**
     * The settings it takes, so that the console offers a form and the admin API refuses what does not fit; empty
     * for a policy that describes none (its settings are then edited as JSON, unchecked).
     */
    default java.util.List<SettingSpec> settings() {
        return java.util.List.of();
    }

    /** What this policy makes of the request; rewrites go through {@code request}'s setters. */
    PolicyDecision evaluate(PolicyRequest request, PolicySettings settings);

    /**
     * Whether {@code model} may serve this caller at all. Routing, budgets and fallback chains skip the models a
     * policy refuses here, so that they never move a request to a model it would then deny.
     */
    default boolean permits(String model, PolicyRequest request, PolicySettings settings) {
        return true;
    }
}
