package dev.srooter.server.translate;

import java.util.List;

/** One turn of the conversation in the canonical model. */
public record Message(Role role, List<Part> parts) {

    /** {@code SYSTEM} covers OpenAI's system and developer messages met inside the conversation. */
    public enum Role { SYSTEM, USER, ASSISTANT }
}
