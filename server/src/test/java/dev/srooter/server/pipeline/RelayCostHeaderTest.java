package dev.srooter.server.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The cost header reads exactly as it did with {@code String.format("%.6f")}, which it replaced for speed. */
class RelayCostHeaderTest {

    @Test
    void sixDecimalsRoundedHalfUpAsFormatGaveThem() {
        double[] edges = {0, 0.0000005, 0.0000004999, 0.0000015, 0.000001, 0.1234565, 1.0000005, 12.5, 1e-9, 3.4e-7,
            0.011310, 123456.7891234};
        for (double cost : edges) {
            assertEquals(String.format(Locale.ROOT, "%.6f", cost), Relay.usd(cost), "cost " + cost);
        }
        Random random = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            double cost = random.nextDouble() * Math.pow(10, random.nextInt(6) - 4);
            assertEquals(String.format(Locale.ROOT, "%.6f", cost), Relay.usd(cost), "cost " + cost);
        }
    }
}
