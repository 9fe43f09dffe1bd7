package dev.srooter.api;

import org.pf4j.ExtensionPoint;

/**
 * Gives every request an {@link Intent} before any model is called. Implementations are thread-safe and
 * fast: they run on the request path. The admin chooses which classifier runs by its {@link #name()}.
 */
public interface IntentClassifier extends ExtensionPoint {

    /** The name an admin selects it by, e.g. {@code local}. */
    String name();

    /**
     * The request's intent. {@code context} lets a classifier ask a model; classifiers that need none ignore
     * it. Throwing (or taking too long) makes srooter use the local classifier instead.
     */
    Classification classify(ClassifierInput input, ClassifierContext context);
}
