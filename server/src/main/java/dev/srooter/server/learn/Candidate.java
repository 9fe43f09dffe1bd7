package dev.srooter.server.learn;

/**
 * A model a learned rule may choose: its name (provider/model), its price per million tokens (blended; NaN when
 * unknown) and its catalogue rank, which break ties before evidence exists.
 */
public record Candidate(String model, double unitPrice, int rank) {

    /** A decision's cost before any was seen: about 20,000 tokens at the model's price. */
    double assumedCost() {
        return Double.isNaN(unitPrice) ? 1.0 : unitPrice * 0.02;
    }
}
