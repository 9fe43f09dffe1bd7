package dev.srooter.api;

/** A call srooter makes to a provider on a client's behalf. */
public enum Operation {
    MESSAGES(WireFormat.ANTHROPIC_MESSAGES),
    COUNT_TOKENS(WireFormat.ANTHROPIC_MESSAGES),
    CHAT_COMPLETIONS(WireFormat.OPENAI_CHAT),
    RESPONSES(WireFormat.OPENAI_RESPONSES),
    /** The model listing used for discovery; its format is the provider's own. */
    LIST_MODELS(null),
    /** One model's details (abilities, context length), for providers whose listing does not say them. */
    MODEL_DETAILS(null);

    private final WireFormat format;

    Operation(WireFormat format) {
        this.format = format;
    }

    /** The wire format of this call's body, or null for calls without one. */
    public WireFormat format() {
        return format;
    }
}
