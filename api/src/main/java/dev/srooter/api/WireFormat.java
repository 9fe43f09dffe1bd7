package dev.srooter.api;

/** The wire formats srooter speaks, on both sides: what a client sends and what a provider accepts. */
public enum WireFormat {
    /** Anthropic Messages: {@code POST /v1/messages}. */
    ANTHROPIC_MESSAGES,
    /** OpenAI Chat Completions: {@code POST /v1/chat/completions}. */
    OPENAI_CHAT,
    /** OpenAI Responses: {@code POST /v1/responses} (the only format Codex CLI speaks). */
    OPENAI_RESPONSES
}
