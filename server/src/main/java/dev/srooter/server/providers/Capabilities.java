package dev.srooter.server.providers;

/**
 * What a model can do, from srooter's catalogue: context window and output limit in tokens (null when
 * unknown), whether it takes tools, images, and reasoning (thinking) settings, and its rank: srooter's
 * judgement of how capable it is for coding agents (higher is better, 0 unranked).
 */
public record Capabilities(Integer contextWindow, Integer maxOutput, boolean tools, boolean vision,
                           boolean reasoning, int rank, boolean known) {

    public static final Capabilities UNKNOWN = new Capabilities(null, null, false, false, false, 0, false);

    public Capabilities withContextWindow(Integer tokens) {
        return tokens == null ? this : new Capabilities(tokens, maxOutput, tools, vision, reasoning, rank, known);
    }
}
