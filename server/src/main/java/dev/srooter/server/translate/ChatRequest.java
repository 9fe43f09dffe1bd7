package dev.srooter.server.translate;

import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A model call in the canonical model, between the client's codec and the provider's. Every field a
 * coding agent relies on has a place here; fields a format has no equivalent for are dropped by that
 * format's writer, as documented in {@code docs/translation.md}.
 *
 * @param system       system prompt parts before the conversation (text, with cache breakpoints)
 * @param maxTokens    output limit, null when the client set none
 * @param stop         stop sequences
 * @param reasoning    thinking or reasoning effort, null for none
 * @param user         the end user the client names ({@code metadata.user_id} / {@code user})
 * @param outputSchema a JSON schema the answer must follow, with its name, or null
 * @param dropped      what the reader left out because no provider format can carry it (e.g. hosted tools)
 */
public record ChatRequest(String model, List<Part> system, List<Message> messages, List<Tool> tools,
                          ToolChoice toolChoice, Integer maxTokens, Double temperature, Double topP,
                          List<String> stop, boolean stream, Reasoning reasoning, String user,
                          JsonObject outputSchema, List<String> dropped) {

    /**
     * This request without the reasoning another provider made (or the client's own format carried):
     * a provider rejects a foreign signature or encrypted blob, so it is dropped, and the drop noted.
     */
    public ChatRequest keepReasoningOf(String provider, List<String> droppedNow) {
        int removed = 0;
        List<Message> kept = new ArrayList<>(messages.size());
        for (Message m : messages) {
            List<Part> parts = new ArrayList<>(m.parts().size());
            for (Part p : m.parts()) {
                if (p instanceof Part.Thinking t && !provider.equals(t.origin())) {
                    removed++;
                } else {
                    parts.add(p);
                }
            }
            if (!parts.isEmpty()) {
                kept.add(new Message(m.role(), parts));
            }
        }
        if (removed == 0) {
            return this;
        }
        droppedNow.add(removed + " reasoning block(s) made by another model");
        return new ChatRequest(model, system, kept, tools, toolChoice, maxTokens, temperature, topP, stop, stream,
                reasoning, user, outputSchema, dropped);
    }
}
