package dev.srooter.server.pipeline;

import dev.srooter.api.Classification;
import dev.srooter.api.ClassifierInput;
import dev.srooter.api.Operation;
import dev.srooter.server.routing.ClassifierRunner;
import dev.srooter.server.routing.ClientReminders;
import dev.srooter.server.routing.RuleBook;
import dev.srooter.server.tasks.Task;
import dev.srooter.server.tasks.TaskKey;
import dev.srooter.server.translate.ChatRequest;
import dev.srooter.server.translate.Message;
import dev.srooter.server.translate.Part;
import dev.srooter.server.translate.Tool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Gives the request an intent before any model is called, with the classifier plugin the admin chose
 * (SROOTER_CLASSIFIER, {@code local} by default, or {@code PUT /api/routing/classifier}). The classifier sees the request as plain text whatever its
 * wire format. A request srooter cannot read into the canonical model still goes on, without an intent.
 */
@ApplicationScoped
public class Classify implements Stage {

    private static final Logger LOG = Logger.getLogger(Classify.class.getName());

    @Inject
    ClassifierRunner runner;

    @Inject
    RuleBook rules;

    @Override
    public void apply(Exchange exchange) {
        if (exchange.operation == Operation.COUNT_TOKENS) {
            return; // bookkeeping, not work: nothing to route on
        }
        Task task = exchange.task;
        if (task != null && task.classification() != null) {
            // once per task: its follow-ups are what the developer asked at its human turn, already classified
            exchange.decisions.add(new Decision.Classified(task.classification(), task.classifier()));
            return;
        }
        if ("none".equals(rules.classifierName())) {
            return;
        }
        Optional<ChatRequest> canonical = exchange.body.canonical();
        if (canonical.isEmpty()) {
            return; // Untranslatable, or a shape no codec knows: the request still goes on, without an intent
        }
        try {
            ClassifierInput input = input(canonical.get());
            // the local classifier runs in microseconds in-process: only one that asks a model needs the
            // time limit and fallback (and Fault Tolerance's interceptor costs more than the local classifier)
            String classifier = rules.classifierName();
            Classification classification = ClassifierRunner.LOCAL.equals(classifier) ? runner.local(input)
                    : runner.classify(input);
            if (classification != null) {
                exchange.decisions.add(new Decision.Classified(classification, classifier));
                if (task != null) {
                    task.classified(classification, classifier);
                }
            }
        } catch (RuntimeException failed) {
            LOG.log(Level.WARNING, "srooter: no classifier could classify " + exchange.id, failed);
        }
    }

    /**
     * What the developer asked at the task's human turn (the newest user text, which a tool round trip's follow-up
     * leaves a few messages back), the instructions and the tools offered. Tool output is not what was asked: a
     * follow-up carrying a command's output once read as security work and moved a Codex loop to another provider.
     */
    static ClassifierInput input(ChatRequest request) {
        StringBuilder system = new StringBuilder();
        request.system().forEach(p -> appendText(system, p));
        List<Message> messages = request.messages();
        for (Message m : messages) {
            if (m.role() == Message.Role.SYSTEM) {
                m.parts().forEach(p -> appendText(system, p));
            }
        }
        int human = TaskKey.lastHumanTurn(messages);
        StringBuilder asked = new StringBuilder();
        if (human >= 0) {
            messages.get(human).parts().forEach(p -> appendText(asked, p));
        }
        // "yes, go ahead" or "continue" asks for what was asked before: read that ask with it, or a plan for an
        // auth change approved with one word is classified as a one-word question and goes to a cheap model
        for (int earlier = human; earlier > 0 && Continuation.bare(ClientReminders.strip(asked.toString())); ) {
            earlier = TaskKey.lastHumanTurn(messages.subList(0, earlier));
            if (earlier < 0) {
                break;
            }
            StringBuilder before = new StringBuilder();
            messages.get(earlier).parts().forEach(p -> appendText(before, p));
            asked.insert(0, before.append('\n'));
        }
        // the same input at the human turn and at every follow-up, on any node: the conversation up to that turn
        return new ClassifierInput(system.toString(), ClientReminders.strip(asked.toString()), "",
                request.tools().stream().map(Tool::name).toList(), human + 1, request.model());
    }

    private static void appendText(StringBuilder out, Part part) {
        if (part instanceof Part.Text t && t.text() != null && !t.text().isBlank()) {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(t.text());
        }
    }
}
