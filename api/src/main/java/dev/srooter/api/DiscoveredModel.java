package dev.srooter.api;

/**
 * A model a provider reported when asked for its models, with whatever its listing (or its details call) says of
 * the model's abilities and price. Every detail is optional: null means the provider did not say, and srooter then
 * takes its catalogue's value, or marks the model "unknown".
 *
 * @param id            the id the provider expects in requests
 * @param displayName   a human name, or the id when the provider gives none
 * @param contextWindow input tokens the model takes, if the provider says
 * @param maxOutput     output tokens the model writes at most, if the provider says
 * @param tools         whether it takes tools (function calling), if the provider says
 * @param vision        whether it takes images, if the provider says
 * @param reasoning     whether it thinks before answering (reasoning settings), if the provider says
 * @param inputPerMTok  its price in USD per million input tokens, if the provider says
 * @param outputPerMTok its price in USD per million output tokens, if the provider says
 */
public record DiscoveredModel(String id, String displayName, Integer contextWindow, Integer maxOutput, Boolean tools,
                              Boolean vision, Boolean reasoning, Double inputPerMTok, Double outputPerMTok) {

    /** A model the listing names and says nothing more of. */
    public DiscoveredModel(String id, String displayName) {
        this(id, displayName, null, null, null, null, null, null, null);
    }

    /** This model with what a provider says of its abilities; null keeps what was known. */
    public DiscoveredModel withAbilities(Integer contextWindow, Integer maxOutput, Boolean tools, Boolean vision,
                                         Boolean reasoning) {
        return new DiscoveredModel(id, displayName, or(contextWindow, this.contextWindow),
                or(maxOutput, this.maxOutput), or(tools, this.tools), or(vision, this.vision),
                or(reasoning, this.reasoning), inputPerMTok, outputPerMTok);
    }

    /** This model with the price a provider's listing gives, in USD per million tokens. */
    public DiscoveredModel withPrice(Double inputPerMTok, Double outputPerMTok) {
        return new DiscoveredModel(id, displayName, contextWindow, maxOutput, tools, vision, reasoning,
                inputPerMTok, outputPerMTok);
    }

    /** Whether the provider said anything of the model's abilities. */
    public boolean describesAbilities() {
        return contextWindow != null || maxOutput != null || tools != null || vision != null || reasoning != null;
    }

    private static <T> T or(T value, T otherwise) {
        return value != null ? value : otherwise;
    }
}
