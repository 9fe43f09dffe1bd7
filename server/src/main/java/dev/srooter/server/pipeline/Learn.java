package dev.srooter.server.pipeline;

import dev.srooter.api.ClassifierInput;
import dev.srooter.api.Operation;
import dev.srooter.server.learn.AskPrint;
import dev.srooter.server.learn.Decided;
import dev.srooter.server.learn.LearnedRoutes;
import dev.srooter.server.learn.Signal;
import dev.srooter.server.learn.ToolErrors;
import dev.srooter.server.providers.ModelDirectory;
import dev.srooter.server.providers.Target;
import dev.srooter.server.routing.RuleBook;
import dev.srooter.server.tasks.TaskKey;
import dev.srooter.server.translate.ChatRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * After the answer, what the gateway saw is told to the learner (see {@link Signal}): a learned rule's decision is
 * kept, with a fallback or an abort that befell it; a follow-up of a decided task adds its cost, and a failed tool
 * result; and a new ask says how the conversation's previous task went: built on (continued), asked again
 * (retried), or moved to a dearer model by hand (escalated). Nothing when no rule learns. The work that needs the
 * database runs in the background.
 */
@ApplicationScoped
public class Learn implements Stage {

    /** How soon after an ask the same ask again counts as a retry. */
    static final long RETRY_SECONDS = 600;
    /** Failed tool results counted against one task at most. */
    static final int TOOL_ERRORS = 3;

    @Inject
    LearnedRoutes learned;

    @Inject
    RuleBook rules;

    @Inject
    ModelDirectory directory;

    @Override
    public void apply(Exchange exchange) {
        if (exchange.task == null || exchange.operation == Operation.COUNT_TOKENS || !rules.learning()) {
            return;
        }
        Optional<ChatRequest> conversation = exchange.body.canonical();
        if (conversation.isEmpty()) {
            return;
        }
        String caller = exchange.caller == null ? null : exchange.caller.keyId();
        String task = exchange.task.id();
        boolean aborted = exchange.status == 499;
        if (exchange.turn == 0) {
            ClassifierInput input = Classify.input(conversation.get());
            if (input.sideCall()) {
                return; // a title or summary says nothing of how the work went
            }
            String parent = TaskKey.parentOf(caller, Track.session(exchange), conversation.get());
            long print = AskPrint.of(input.lastUser());
            exchange.decisions.learned().filter(l -> l.context() != null).ifPresent(l -> {
                Decided d = new Decided(exchange.id, task, parent, l.context(), l.qualifiedName(),
                        exchange.requestedModel, exchange.caller == null ? null : exchange.caller.username(),
                        l.explored(), print, "", Instant.now());
                List<Signal> already = new ArrayList<>(2);
                if (exchange.target != null && !exchange.target.qualifiedName().equals(l.qualifiedName())) {
                    already.add(Signal.FALLBACK);
                }
                if (aborted) {
                    already.add(Signal.ABORTED);
                }
                learned.decided(d, exchange.costUsd, already);
            });
            String requested = exchange.requestedModel;
            learned.background(() -> followed(parent, task, print, requested));
            return;
        }
        if (!learned.knows(task)) {
            return; // this node did not decide the task (or no learned rule did)
        }
        double cost = exchange.costUsd;
        boolean toolFailed = ToolErrors.inLastRound(conversation.get());
        learned.costOf(task, cost);
        if (toolFailed) {
            learned.signal(task, Signal.TOOL_ERROR, TOOL_ERRORS);
        }
        if (aborted) {
            learned.signal(task, Signal.ABORTED, 1);
        }
    }

    /**
     * A new ask in a conversation: the task before it was built on, asked again, or left for a dearer model; and an
     * ask that follows the same point of the conversation as a recent one with the same words retries that one.
     */
    private void followed(String parent, String task, long print, String requested) {
        learned.find(parent).ifPresent(previous -> {
            if (previous.count(Signal.CONTINUED) + previous.count(Signal.RETRIED) + previous.count(Signal.ESCALATED)
                    > 0) {
                return; // what followed it was told already
            }
            boolean again = AskPrint.sameAsk(previous.askPrint(), print)
                    && previous.at().isAfter(Instant.now().minusSeconds(RETRY_SECONDS));
            Signal signal = again ? Signal.RETRIED : dearer(requested, previous.requestedModel()) ? Signal.ESCALATED
                    : Signal.CONTINUED;
            learned.credit(previous, signal, 1);
        });
        for (Decided sibling : learned.store().siblings(parent, Instant.now().minusSeconds(RETRY_SECONDS))) {
            if (!sibling.task().equals(task) && AskPrint.sameAsk(sibling.askPrint(), print)) {
                learned.credit(sibling, Signal.RETRIED, 1);
            }
        }
    }

    /** Whether the developer now asks for a model with a higher price than before. */
    private boolean dearer(String now, String before) {
        if (now == null || before == null || now.equals(before)) {
            return false;
        }
        Optional<Target> a = directory.resolve(now, null);
        Optional<Target> b = directory.resolve(before, null);
        return a.isPresent() && b.isPresent() && a.get().price().known() && b.get().price().known()
                && a.get().price().unit() > b.get().price().unit() * 1.5;
    }
}
