package dev.srooter.api;

/**
 * The request as a policy sees it: who sends it, which model serves it, and the settings a policy may cap,
 * read and written in the same terms whatever the client's wire format. A setter given null removes the field.
 */
public interface PolicyRequest {

    String username();

    /** The caller's team, or null. */
    String team();

    /** The gateway key's id. */
    String keyId();

    /** trivial, substantive, architecture or security; null when no classifier ran. */
    String intent();

    /** The model that will serve (after aliases), as its provider names it. */
    String model();

    /** The model as the client named it. */
    String requestedModel();

    WireFormat format();

    /** The request body's size in bytes. */
    int bodyBytes();

    /** Anthropic {@code max_tokens}, Chat {@code max_completion_tokens}/{@code max_tokens}, Responses {@code max_output_tokens}. */
    Integer maxOutputTokens();

    void setMaxOutputTokens(Integer tokens);

    /** Anthropic {@code thinking.budget_tokens}, when extended thinking is on. */
    Integer reasoningBudgetTokens();

    void setReasoningBudgetTokens(Integer tokens);

    /** OpenAI {@code reasoning_effort} (Chat) or {@code reasoning.effort} (Responses): minimal, low, medium, high. */
    String reasoningEffort();

    void setReasoningEffort(String effort);

    /** {@code service_tier}, in either API. */
    String serviceTier();

    void setServiceTier(String tier);
}
