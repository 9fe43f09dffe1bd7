package dev.srooter.server.translate;

/**
 * How hard the model should think. Anthropic states a token budget, OpenAI an effort; each is kept
 * and the other derived, so a request keeps its own numbers when it stays in its format.
 */
public record Reasoning(String effort, Integer budgetTokens) {

    /** Anthropic budget for an OpenAI effort. */
    public int budget() {
        if (budgetTokens != null) {
            return budgetTokens;
        }
        return switch (effort == null ? "medium" : effort) {
            case "minimal", "low" -> 2048;
            case "high", "xhigh", "max" -> 24576;
            default -> 8192;
        };
    }

    /** OpenAI effort for an Anthropic budget. */
    public String openAiEffort() {
        if (effort != null) {
            return switch (effort) {
                case "minimal", "low", "medium", "high" -> effort;
                case "none" -> "minimal";
                default -> "high"; // Anthropic's "max" and "xhigh"
            };
        }
        int budget = budgetTokens;
        return budget < 4096 ? "low" : budget < 16384 ? "medium" : "high";
    }
}
