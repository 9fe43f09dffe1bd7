package dev.srooter.api;

import org.pf4j.ExtensionPoint;

/**
 * Gives every request an {@link Intent} before any model is called. Implementations are thread-safe and
 * fast: they run on the request path. The admin chooses which classifier runs by its {@link #name()}.
 */
public interface IntentClassifier extends ExtensionPoint {

    /** The name an admin selects it by, e.g. {@code local}. */
    String name();

    Classification classify(ClassifierInput input);
}
