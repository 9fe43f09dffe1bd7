package dev.srooter.server.learn;

import dev.srooter.server.routing.RuleBook;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;

/**
 * Learned routes as the gateway runs them: the {@link Learner}'s choice for a context, the decision kept, and every
 * outcome signal credited to the decision it is about, in the fine context and the intent-wide one. What touches the
 * database after the answer runs in the background; the request path reads only cached state.
 */
@ApplicationScoped
public class LearnedRoutes {

    private static final Logger LOG = Logger.getLogger(LearnedRoutes.class.getName());
    /** How many decisions this node remembers by task before asking the database. */
    private static final int REMEMBERED = 10_000;

    @Inject
    LearnedStore store;

    @Inject
    RuleBook rules;

    @Inject
    dev.srooter.server.Background afterAnswer;

    private final Map<String, Decided> recent = new ConcurrentHashMap<>();
    private volatile Map<String, String> pins;
    private volatile long pinsAt;

    public LearnSettings settings() {
        return rules.learnSettings();
    }

    /** The learner's choice among the candidates for a context. */
    public Learner.Choice choose(LearnContext context, List<Candidate> candidates, boolean mayExplore) {
        return Learner.choose(candidates, store.arms(context.key()), store.arms(context.coarse()), settings(),
                pins().get(context.key()), mayExplore, ThreadLocalRandom.current());
    }

    /** Admins' pins, read at most every two seconds. */
    Map<String, String> pins() {
        long now = System.currentTimeMillis();
        Map<String, String> p = pins;
        if (p == null || now - pinsAt > LearnedStore.FRESH_MS) {
            p = Map.copyOf(store.pins());
            pins = p;
            pinsAt = now;
        }
        return p;
    }

    public void forgetPins() {
        pins = null;
    }

    /**
     * A decision made: kept (for the signals to come) and counted; {@code already}: what befell it on its own request
     * (a fallback, an abort), credited once it is recorded.
     */
    public void decided(Decided d, double costUsd, List<Signal> already) {
        remember(d);
        background(() -> {
            store.record(d);
            store.decided(d.context(), d.model());
            store.decided(LearnContext.coarseOfKey(d.context()), d.model());
            cost(d, costUsd);
            for (Signal signal : already) {
                credit(d, signal, 1);
            }
        });
    }

    /** What one more request of a decided task cost. */
    public void costOf(String task, double usd) {
        if (usd > 0) {
            background(() -> find(task).ifPresent(d -> cost(d, usd)));
        }
    }

    private void cost(Decided d, double usd) {
        if (usd > 0) {
            store.cost(d.context(), d.model(), usd);
            store.cost(LearnContext.coarseOfKey(d.context()), d.model(), usd);
        }
    }

    /** Credits a signal to the decision of a task, in the background; nothing when no learned rule decided it. */
    public void signal(String task, Signal signal, int max) {
        if (task != null) {
            background(() -> find(task).ifPresent(d -> credit(d, signal, max)));
        }
    }

    /** Credits a signal to a decision, at most {@code max} times; true when it counted. */
    public boolean credit(Decided d, Signal signal, int max) {
        Optional<List<Signal>> before = store.mark(d, signal, max);
        if (before.isEmpty()) {
            return false;
        }
        store.heard(d.context(), d.model(), before.get(), signal);
        store.heard(LearnContext.coarseOfKey(d.context()), d.model(), before.get(), signal);
        LOG.fine(() -> "srooter: learned route " + d.id() + " (" + d.model() + ", " + d.context() + "): "
                + signal.wire());
        return true;
    }

    /** The decision that opened a task: this node's memory, else the database. */
    public Optional<Decided> find(String task) {
        Decided d = recent.get(task);
        return d != null ? Optional.of(d) : store.byTask(task);
    }

    /** Whether this node knows a decision for the task without asking the database. */
    public boolean knows(String task) {
        return recent.containsKey(task);
    }

    public LearnedStore store() {
        return store;
    }

    private void remember(Decided d) {
        if (recent.size() >= REMEMBERED) {
            Instant cutoff = Instant.now().minusSeconds(3600);
            recent.values().removeIf(x -> x.at().isBefore(cutoff));
            if (recent.size() >= REMEMBERED) {
                recent.clear(); // the database still has them all
            }
        }
        recent.put(d.task(), d);
    }

    /** Runs outcome work after the answer, off the request's thread. */
    public void background(Runnable work) {
        afterAnswer.run("recording an outcome for learned routes", work);
    }
}
