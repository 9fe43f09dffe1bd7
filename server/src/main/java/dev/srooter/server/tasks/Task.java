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
    private final Instant startedAt;
    private volatile Instant lastAt;
    private volatile Classification classification;
    private volatile String classifier;
    private volatile String model;
    private int turns;
    private double costUsd;
    /** Spent here and not yet written to the shared task state. */
    private double unwrittenUsd;
    private boolean unwritten;

    Task(String id) {
        this(id, Instant.now());
    }

    Task(String id, Instant startedAt) {
        this.id = id;
        this.startedAt = startedAt;
        this.lastAt = startedAt;
    }

    /** What another node (or this one, earlier) wrote of the task: it counts, and its later model wins. */
    synchronized void merge(Classification storedClassification, String storedClassifier, String storedModel,
                            int storedTurns, double storedCostUsd, Instant storedLastAt) {
        if (classification == null && storedClassification != null) {
            classification = storedClassification;
            classifier = storedClassifier;
        }
        if (storedModel != null && (model == null || storedLastAt.isAfter(lastAt))) {
            model = storedModel;
        }
        turns = Math.max(turns, storedTurns);
        costUsd = storedCostUsd + unwrittenUsd;
        if (storedLastAt.isAfter(lastAt)) {
            lastAt = storedLastAt;
        }
    }

    /** The turn's state to write, with the spend since the last write; null when nothing changed. */
    synchronized Written takeUnwritten() {
        if (!unwritten) {
            return null;
        }
        Written w = new Written(classification, classifier, model, turns, unwrittenUsd, startedAt, lastAt);
        unwritten = false;
        unwrittenUsd = 0;
        return w;
    }

    /** A write failed: its spend is written with the next. */
    synchronized void unwritten(Written w) {
        unwritten = true;
        unwrittenUsd += w.costUsd();
    }

    /** A task's state as written to the database; {@code costUsd}: spend since the last write. */
    record Written(Classification classification, String classifier, String model, int turns, double costUsd,
                   Instant startedAt, Instant lastAt) {
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

    public synchronized void classified(Classification classification, String classifier) {
        this.classification = classification;
        this.classifier = classifier;
        unwritten = true;
    }

    /** A turn has ended: its cost counts, and the model that answered serves the next one. */
    public synchronized void ended(int turn, double cost, String servedBy) {
        turns = Math.max(turns, turn + 1);
        costUsd += cost;
        unwrittenUsd += cost;
        unwritten = true;
        if (servedBy != null) {
            model = servedBy;
        }
        lastAt = Instant.now();
    }
}
