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
}
