package dev.srooter.api;

import java.io.IOException;

/**
 * What srooter lends a classifier that asks a model: the model the admin configured for classification,
 * and a way to ask it, through srooter's own providers and credentials, within the classification's time
 * limit.
 */
public interface ClassifierContext {

    /** The model to ask ({@code provider/model} or an id), or null when none is configured. */
    String model();

    /** The model's text answer to a system prompt and one user message; throws when it does not answer in time. */
    String complete(String system, String user) throws IOException;
}
