package dev.srooter.api;

import java.util.Set;
import org.pf4j.ExtensionPoint;

/**
 * An engineering standard with code, as a plugin. A skill may add text to the system prompt of the requests it
 * applies to ({@link #text}), and a hard skill may refuse a request outright ({@link #refusal}), before any model
 * (the classifier's included) sees it. Skills defined by admins through the admin API need no code; this is for
 * the ones that do. Implementations are thread-safe and fast: they run on the request path.
 */
public interface Skill extends ExtensionPoint {

    /** Soft skills steer the model and may be turned off by a client or a team; hard ones are enforced, always. */
    enum Kind {
        SOFT, HARD
    }

    /** The name admins and developers see it by, e.g. {@code secrets-guard}. */
    String name();

    Kind kind();

    /** Higher comes first in the system prompt. */
    default int priority() {
        return 100;
    }

    /** The intents it applies to (trivial, substantive, architecture, security); empty: all. */
    default Set<String> intents() {
        return Set.of();
    }

    /** Whether it is on until an admin says otherwise. */
    default boolean enabledByDefault() {
        return kind() == Kind.HARD;
    }

    /** Text for the system prompt, or null for none. */
    default String text(SkillRequest request) {
        return null;
    }

    /**
     * Why this request must not go to any model, in words for the developer, or null to let it pass. The
     * request is refused with 400 in the caller's format. Never repeat the offending content in the reason:
     * it is recorded in the audit log.
     */
    default String refusal(SkillRequest request) {
        return null;
    }
}
