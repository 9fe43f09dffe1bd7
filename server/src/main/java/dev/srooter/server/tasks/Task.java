package dev.srooter.server.tasks;

import dev.srooter.api.Classification;
import java.time.Instant;

/**
 * What this node knows of one agent task: how its human turn was classified and which model serves it (so its
 * follow-ups skip the classifier and stay on that model, keeping the provider's prompt cache and reasoning
 * state), and how far it has run (turns, spend) for the loop guard.
 */
public final class Task {

    private final String id;
    private final Instant startedAt = Instant.now();
    private volatile Instant lastAt = startedAt;
    private volatile Classification classification;
    private volatile String classifier;
    private volatile String model;
    private int turns;
    private double costUsd;

    Task(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public Instant startedAt() {
        return startedAt;
    }

    Instant lastAt() {
        return lastAt;
    }

    /** The classification of the task's human turn; null until one was made. */
    public Classification classification() {
        return classification;
    }

    public String classifier() {
        return classifier;
    }

    /** The model (provider/model) that served the task's latest turn; null before one was served. */
    public String model() {
        return model;
    }

    public synchronized int turns() {
        return turns;
    }

    public synchronized double costUsd() {
        return costUsd;
    }

    public void classified(Classification classification, String classifier) {
        this.classification = classification;
        this.classifier = classifier;
    }

    /** A turn has ended: its cost counts, and the model that answered serves the next one. */
    public synchronized void ended(int turn, double cost, String servedBy) {
        turns = Math.max(turns, turn + 1);
        costUsd += cost;
        if (servedBy != null) {
            model = servedBy;
        }
        lastAt = Instant.now();
    }
}
