package dev.srooter.server.pipeline;

import dev.srooter.api.Classification;
import dev.srooter.api.ClassifierInput;
import dev.srooter.api.Operation;
import dev.srooter.server.routing.ClassifierRunner;
import dev.srooter.server.routing.RuleBook;
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
            }
        } catch (RuntimeException failed) {
            LOG.log(Level.WARNING, "srooter: no classifier could classify " + exchange.id, failed);
        }
    }

    /**
     * What the developer asked this turn (the newest user text, which a tool round trip's follow-up leaves a
     * few messages back), the tool output of the newest turn, the instructions and the tools offered.
     */
    static ClassifierInput input(ChatRequest request) {
        StringBuilder system = new StringBuilder();
        request.system().forEach(p -> appendText(system, p));
        String lastUser = "";
        String toolResults = "";
        List<Message> messages = request.messages();
        for (int k = messages.size() - 1; k >= 0; k--) {
            Message m = messages.get(k);
            if (m.role() == Message.Role.SYSTEM) {
                m.parts().forEach(p -> appendText(system, p));
            } else if (m.role() == Message.Role.USER && lastUser.isEmpty()) {
                StringBuilder text = new StringBuilder();
                StringBuilder results = new StringBuilder();
                for (Part p : m.parts()) {
                    if (p instanceof Part.ToolResult r && k == messages.size() - 1) {
                        r.content().forEach(c -> appendText(results, c));
                    } else {
                        appendText(text, p);
                    }
                }
                if (toolResults.isEmpty()) {
                    toolResults = results.toString();
                }
                lastUser = text.toString();
            }
        }
        return new ClassifierInput(system.toString(), lastUser, toolResults,
                request.tools().stream().map(Tool::name).toList(), messages.size(), request.model());
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
