package dev.srooter.server.pipeline;

import dev.srooter.server.context.CrossAgentContext;
import dev.srooter.server.cortex.BlastRadius;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Cross-agent context: when the code this request touches (the files Cortex found in it) was changed by other
 * tasks within the admin's window and scope, a note of it is made for {@link Instruct} to put where the skills go,
 * and named in {@code x-srooter-context} and the audit. Requests that touch nothing Cortex knows pay nothing.
 */
@ApplicationScoped
public class Recall implements Stage {

    @Inject
    CrossAgentContext context;

    @Override
    public void apply(Exchange exchange) {
        BlastRadius.Risk risk = exchange.decisions.risk();
        if (risk == null || risk.files().isEmpty()) {
            return;
        }
        CrossAgentContext.Note note = context.noteFor(risk.repo(), risk.files(),
                exchange.task == null ? null : exchange.task.id(), exchange.caller == null ? null
                        : exchange.caller.team());
        if (note != null) {
            exchange.contextNote = note.text();
            exchange.decisions.add(new Decision.ContextNoted(note.files()));
        }
    }
}
