package dev.srooter.server.store;

import java.util.function.Supplier;

/**
 * Settings read from the database and held in memory for the request path: read again after a change made
 * here ({@link #reload()}), and at most {@code ttlMillis} after a change made on another node sharing the
 * database.
 */
public final class Refreshed<T> {

    private record Held<T>(T value, long readAt) {
    }

    private final long ttlMillis;
    private final Supplier<T> read;
    private volatile Held<T> held;

    public Refreshed(long ttlMillis, Supplier<T> read) {
        this.ttlMillis = ttlMillis;
        this.read = read;
    }

    public T get() {
        Held<T> h = held;
        return h == null || System.currentTimeMillis() - h.readAt() > ttlMillis ? reload() : h.value();
    }

    public T reload() {
        T value = read.get();
        held = new Held<>(value, System.currentTimeMillis());
        return value;
    }
}
