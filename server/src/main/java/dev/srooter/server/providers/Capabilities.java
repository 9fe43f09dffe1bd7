package dev.srooter.server.providers;

/**
 * What a model can do, from srooter's catalogue: context window and output limit in tokens (null when
 * unknown), and whether it takes tools, images, and reasoning (thinking) settings.
 */
public record Capabilities(Integer contextWindow, Integer maxOutput, boolean tools, boolean vision,
                           boolean reasoning, boolean known) {

    public static final Capabilities UNKNOWN = new Capabilities(null, null, false, false, false, false);

    public Capabilities withContextWindow(Integer tokens) {
        return tokens == null ? this : new Capabilities(tokens, maxOutput, tools, vision, reasoning, known);
    }
}
