package dev.srooter.server.providers;

/**
 * A model's price in USD per million tokens, and where it comes from ({@code catalog}, {@code override},
 * {@code listing}, {@code free}, {@code unknown}). An unknown price is recorded as an unknown cost, so that audit
 * flags the record instead of inventing a figure; budgets hold it at a price that is never free (see
 * {@link #forBudgets()}).
 */
public record Price(double input, double output, double cacheRead, double cacheWrite, boolean known, String source) {

    public static final Price UNKNOWN = new Price(0, 0, 0, 0, false, "unknown");
    /** A model on the team's own hardware: costs nothing, and that is known. */
    public static final Price FREE = new Price(0, 0, 0, 0, true, "free");

    /**
     * What budgets assume an unknown price is: a frontier model's (USD 15 in, 75 out per million tokens), so that
     * a model nobody priced is held and counted against caps instead of passing them for free. The audit still
     * records its cost as unknown.
     */
    public static final Price ASSUMED_FOR_BUDGETS = new Price(15, 75, 1.5, 18.75, false, "assumed");

    /**
     * An unknown price held, for budgets, at a known one: the dearest its provider charges for any model, until an
     * admin sets its price. Its cost is still recorded as unknown.
     */
    public static Price unknownHeldAt(Price dearest) {
        return new Price(dearest.input, dearest.output, dearest.cacheRead, dearest.cacheWrite, false, "unknown");
    }

    /** Whether this is an unknown price held at its provider's dearest. */
    public boolean held() {
        return !known && unit() > 0;
    }

    /**
     * What budgets count this price as: itself when known, the provider's dearest when held at it, else
     * {@link #ASSUMED_FOR_BUDGETS}.
     */
    public Price forBudgets() {
        return known || held() ? this : ASSUMED_FOR_BUDGETS;
    }

    /** Input plus output per million tokens: how srooter compares models by price (routing, budgets). */
    public double unit() {
        return input + output;
    }

    public double cost(Usage usage) {
        return (usage.input() * input + usage.output() * output
                + usage.cacheRead() * cacheRead + usage.cacheWrite() * cacheWrite) / 1_000_000.0;
    }
}
