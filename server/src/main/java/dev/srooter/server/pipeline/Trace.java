package dev.srooter.server.pipeline;

import dev.srooter.api.Classification;
import dev.srooter.server.context.CrossAgentContext;
import dev.srooter.server.context.WrittenFiles;
import dev.srooter.server.cortex.BlastRadius;
import dev.srooter.server.skills.RequestScope;
import dev.srooter.server.translate.ChatRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * After a turn, the files the agent's last round of tool calls wrote (their results are in this request) are kept
 * as traces for other agents' context: the names Cortex knows, who, when, intent and route; no prompt, no code.
 * Written in the background.
 */
@ApplicationScoped
public class Trace implements Stage {

    @Inject
    CrossAgentContext context;

    @Inject
    dev.srooter.server.Background background;

    @Override
    public void apply(Exchange exchange) {
        BlastRadius.Risk risk = exchange.decisions.risk();
        if (risk == null || exchange.task == null || exchange.turn == 0 || exchange.status >= 400) {
            return; // a turn's first request carries no tool results; Cortex knows nothing of this code
        }
        Optional<ChatRequest> conversation = exchange.body.canonical();
        if (conversation.isEmpty()) {
            return;
        }
        List<String> written = WrittenFiles.byLastRound(conversation.get());
        if (written.isEmpty()) {
            return;
        }
        Classification c = exchange.task.classification();
        String intent = c == null ? null : c.intent().name().toLowerCase(Locale.ROOT);
        String workingDirectory = RequestScope.workingDirectory(exchange.body.text());
        String task = exchange.task.id();
        String username = exchange.caller == null ? null : exchange.caller.username();
        String team = exchange.caller == null ? null : exchange.caller.team();
        String route = exchange.decisions.route();
        background.run("tracing a turn for cross-agent context", () -> context.traced(risk.repo(), workingDirectory, written, task, username, team,
                intent, route).forEach(context.traces()::record));
    }
}
