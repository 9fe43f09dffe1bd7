package dev.srooter.server.providers;

/**
 * A model's price in USD per million tokens. An unknown price costs nothing and says so, so that
 * audit can flag the record instead of inventing a figure.
 */
public record Price(double input, double output, double cacheRead, double cacheWrite, boolean known) {

    public static final Price UNKNOWN = new Price(0, 0, 0, 0, false);

    public double cost(Usage usage) {
        return (usage.input() * input + usage.output() * output
                + usage.cacheRead() * cacheRead + usage.cacheWrite() * cacheWrite) / 1_000_000.0;
    }
}
