package dev.srooter.server.pipeline;

import dev.srooter.server.tasks.TaskBook;
import dev.srooter.server.tasks.TaskKey;
import dev.srooter.server.translate.ChatRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Finds the agent task a request is a turn of (see {@link TaskKey}): its human turn, or a follow-up of one. The
 * client's own session id takes part where it sends one (Claude Code's {@code x-claude-code-session-id}, Codex's
 * {@code session-id}). Routing then holds a task to one model, and the classifier runs once per task.
 */
@ApplicationScoped
public class Track implements Stage {

    /** Headers in which clients name their session. */
    private static final String[] SESSION_HEADERS = {"x-claude-code-session-id", "session-id"};

    @Inject
    TaskBook book;

    @Override
    public void apply(Exchange exchange) {
        Optional<ChatRequest> conversation = exchange.body.canonical();
        if (conversation.isEmpty()) {
            return; // not a conversation srooter can read: a request of its own, with no task
        }
        TaskKey key = TaskKey.of(exchange.caller == null ? null : exchange.caller.keyId(), session(exchange),
                conversation.get());
        exchange.task = book.open(key.id());
        exchange.turn = key.turn();
        exchange.decisions.add(new Decision.Tasked(key.id(), key.turn()));
    }

    /** The client's own session id, or null when it sends none. */
    static String session(Exchange exchange) {
        for (String header : SESSION_HEADERS) {
            String value = exchange.request.getHeader(header);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
