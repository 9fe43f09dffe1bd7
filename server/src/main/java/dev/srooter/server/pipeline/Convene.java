package dev.srooter.server.pipeline;

import dev.srooter.api.ClassifierInput;
import dev.srooter.server.council.Council;
import dev.srooter.server.cortex.BlastRadius;
import dev.srooter.server.translate.ChatResponse;
import dev.srooter.server.translate.Part;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * After the answer has gone to the developer: when the request was flagged for the council and its answer ends the
 * task's turn (it calls no tool: the change or the plan is done), the council sits on it, out of band. A turn whose
 * answer calls a tool is still working; its last answer is the one reviewed.
 */
@ApplicationScoped
public class Convene implements Stage {

    @Inject
    Council council;

    @Override
    public void apply(Exchange exchange) {
        ChatResponse answer = exchange.answer;
        if (answer == null || exchange.status != 200 || exchange.decisions.council().isEmpty() || !council.seated()) {
            return;
        }
        if (answer.content().stream().anyMatch(p -> p instanceof Part.ToolCall)) {
            return; // the turn goes on
        }
        StringBuilder text = new StringBuilder();
        answer.content().stream().filter(p -> p instanceof Part.Text).forEach(p -> text.append(((Part.Text) p).text()));
        String ask = exchange.body.canonical().map(Classify::input).map(ClassifierInput::lastUser).orElse("");
        BlastRadius.Risk risk = exchange.decisions.risk();
        String trigger = exchange.decisions.councilTrigger();
        List<String> neighbourhood = risk == null ? List.of() : risk.topSymbols();
        String task = exchange.task == null ? null : exchange.task.id();
        council.convene(new Council.Case(Council.reviewId(task, exchange.id), task, exchange.id, exchange.caller,
                trigger, ask, text.toString(), neighbourhood, CouncilNote.session(exchange)));
    }
}
