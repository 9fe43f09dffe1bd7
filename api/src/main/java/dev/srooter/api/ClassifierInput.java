package dev.srooter.api;

import java.util.List;

/**
 * What a classifier sees of a request, in any wire format: plain text, never the raw body.
 *
 * @param system      the system prompt (instructions), joined
 * @param lastUser    the newest user text: what the developer asked this turn
 * @param toolResults text of the tool results in the newest turn (file contents, command output)
 * @param toolNames   the names of the tools the client offers (none for side calls such as titles)
 * @param turns       how many messages the conversation holds
 * @param model       the model the client asked for
 */
public record ClassifierInput(String system, String lastUser, String toolResults, List<String> toolNames, int turns,
                              String model) {

    /**
     * A client's own bookkeeping call: no tools offered, and instructions that ask for a session title or a summary
     * of the conversation. Trivial whatever the conversation is about. @since 0.2.0
     */
    public boolean sideCall() {
        if (toolNames != null && !toolNames.isEmpty() || system == null) {
            return false;
        }
        String instructions = system.toLowerCase(java.util.Locale.ROOT);
        return instructions.contains("title") || instructions.contains("summarize this conversation")
                || instructions.contains("summary of the conversation");
    }
}
