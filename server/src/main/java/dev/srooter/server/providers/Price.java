package dev.srooter.server.providers;

/**
 * A model's price in USD per million tokens, and where it comes from ({@code catalog}, {@code override},
 * {@code free}, {@code unknown}). An unknown price costs nothing and says so, so that
 * audit can flag the record instead of inventing a figure.
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

    /** This price, or {@link #ASSUMED_FOR_BUDGETS} when it is unknown. */
    public Price forBudgets() {
        return known ? this : ASSUMED_FOR_BUDGETS;
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
