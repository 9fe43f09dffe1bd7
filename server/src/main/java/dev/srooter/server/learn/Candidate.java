package dev.srooter.server.learn;

/**
 * A model a learned rule may choose: its name (provider/model), its price per million tokens (blended; NaN when
 * unknown) and its catalogue rank, which break ties before evidence exists.
 */
public record Candidate(String model, double unitPrice, int rank) {

    /** The catalogue's judgement before evidence: rank, then the higher price (unknown lowest). */
    static final java.util.Comparator<Candidate> BY_STANDING = java.util.Comparator.comparingInt(Candidate::rank)
            .thenComparingDouble(c -> Double.isNaN(c.unitPrice()) ? -1 : c.unitPrice());

    /** A served model as a candidate. */
    public static Candidate of(dev.srooter.server.providers.Target t) {
        return new Candidate(t.qualifiedName(), t.price().known() ? t.price().unit() : Double.NaN,
                t.capabilities().rank());
    }

    /** A decision's cost before any was seen: about 20,000 tokens at the model's price. */
    double assumedCost() {
        return Double.isNaN(unitPrice) ? 1.0 : unitPrice * 0.02;
    }
}
