package dev.srooter.server.pipeline;

import dev.srooter.api.ClassifierInput;
import dev.srooter.server.council.Council;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Takes the council's note for this session, if a council did not approve the session's last reviewed turn: the
 * agent hears it once, on the session's next turn, and can act on it ({@link Instruct} puts it after the last
 * message, where the provider's prompt cache of everything before survives). Side calls (titles, summaries) do
 * not take it. A client that sends no session id gets no note: without one, another task of the same developer
 * could be told.
 */
@ApplicationScoped
public class CouncilNote implements Stage {

    @Inject
    Council council;

    @Override
    public void apply(Exchange exchange) {
        if (!council.notesWaiting()) {
            return; // nearly always: nothing to hand out, and nothing read to find out
        }
        String session = session(exchange);
        if (session == null || exchange.body.canonical().map(Classify::input).map(ClassifierInput::sideCall)
                .orElse(true)) {
            return;
        }
        exchange.councilNote = council.takeNote(session);
        if (exchange.councilNote != null) {
            exchange.decisions.add(new Decision.CouncilNoted(exchange.councilNote.reviewId()));
        }
    }

    /** The caller's key and the client's session id, or null without either. */
    static String session(Exchange exchange) {
        String id = Track.session(exchange);
        return id == null || exchange.caller == null ? null : exchange.caller.keyId() + "|" + id;
    }
}
