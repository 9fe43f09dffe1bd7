package dev.srooter.server.council;

import dev.srooter.server.keys.Caller;
import dev.srooter.server.learn.LearnedRoutes;
import dev.srooter.server.learn.Signal;
import dev.srooter.server.routing.RuleBook;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Convenes the council out of band: once the answer of a task turn under review has gone to the developer, every
 * member is asked at once, through the one provider client (credentials, health, circuits apply), with the
 * developer's ask, the answer and the code's neighbourhood. Each member's verdict is recorded, a member that fails
 * or runs out of time too, and the verdicts are combined by the configured rule. One council per task turn.
 */
@ApplicationScoped
public class Council {

    private static final Logger LOG = Logger.getLogger(Council.class.getName());

    /** What the council reviews. {@code trigger}: the intent that flagged it, or {@code risk}. */
    public record Case(String id, String task, String requestId, Caller caller, String trigger,
                       String ask, String answer, List<String> neighbourhood, String session) {
        String username() {
            return caller == null ? null : caller.username();
        }

        String team() {
            return caller == null ? null : caller.team();
        }
    }

    /** What the developer's agent is told of a council that did not approve: once, on the session's next turn. */
    public record Note(String reviewId, String text) {
    }

    /** How a sitting ended: the combined verdict, and what the members who did not approve said (or ""). */
    public record Conclusion(Verdict verdict, String concerns) {
    }

    /**
     * Notes not yet delivered, by session (the caller's key and the client's session id). Kept on the node that
     * served the turn; a note is dropped if nothing comes from that session within a day.
     */
    private final Map<String, Note> pending = new ConcurrentHashMap<>();
    private final Map<String, Long> pendingSince = new ConcurrentHashMap<>();

    @Inject
    RuleBook rules;

    @Inject
    ReviewStore store;

    @Inject
    MemberCalls calls;

    @Inject
    LearnedRoutes learned;

    @Inject
    dev.srooter.server.context.Traces traces;

    @Resource
    ManagedExecutorService executor;

    /** The id a task turn's review has, named in {@code x-srooter-council} before the turn's answer is known. */
    public static String reviewId(String task, String requestId) {
        return "rev_" + (task != null ? task : requestId);
    }

    /** Whether a council can sit at all: two members or more. */
    public boolean seated() {
        return rules.councilMembers().size() >= 2;
    }

    /** Opens the review and asks the members in the background; nothing when this turn's council already sat. */
    public void convene(Case c) {
        List<String> members = rules.councilMembers();
        if (members.size() < 2) {
            return;
        }
        CombineRule rule = rules.councilRule();
        if (!open(c, rule)) {
            return;
        }
        executor.submit(() -> sit(c, members, rule, rules.councilTimeout()));
    }

    /**
     * Blocking mode: sits now and waits at most {@code wait} for the verdict; empty when the council sat on this turn
     * before, could not sit, or did not conclude in time (it still concludes and is recorded).
     */
    public java.util.Optional<Conclusion> sitAndWait(Case c, Duration wait) {
        List<String> members = rules.councilMembers();
        if (members.size() < 2) {
            return java.util.Optional.empty();
        }
        CombineRule rule = rules.councilRule();
        if (!open(c, rule)) {
            return java.util.Optional.empty();
        }
        Future<Conclusion> sitting = executor.submit(() -> sit(c, members, rule, rules.councilTimeout()));
        try {
            return java.util.Optional.ofNullable(sitting.get(wait.toMillis(), TimeUnit.MILLISECONDS));
        } catch (Exception notInTime) {
            return java.util.Optional.empty();
        }
    }

    /** Records that the council sits on this turn; false when it already sat (one council per task turn). */
    private boolean open(Case c, CombineRule rule) {
        return store.open(new Review(c.id(), c.task(), c.requestId(), c.username(), c.team(), c.trigger(), rule.wire(),
                null, List.of(), Instant.now(), null));
    }

    Conclusion sit(Case c, List<String> members, CombineRule rule, Duration timeout) {
        try {
            List<Future<Review.Member>> asked = new ArrayList<>();
            for (String member : members) {
                asked.add(executor.submit(() -> ask(member, c, timeout)));
            }
            List<Review.Member> answers = new ArrayList<>();
            for (int k = 0; k < members.size(); k++) {
                answers.add(collect(members.get(k), asked.get(k), timeout));
            }
            Verdict verdict = rule.combine(answers.stream().map(Review.Member::verdict).toList());
            store.conclude(c.id(), verdict, answers, Instant.now());
            calls.concluded(c, verdict);
            if (c.task() != null) {
                traces.council(c.task(), verdict.wire());
            }
            learned.signal(c.task(), verdict == Verdict.APPROVE ? Signal.COUNCIL_APPROVE : verdict == Verdict.REJECT
                    ? Signal.COUNCIL_REJECT : Signal.COUNCIL_CONCERNS, 1);
            String concerns = concerns(answers);
            if (verdict != Verdict.APPROVE && c.session() != null) {
                pending.put(c.session(), note(c, verdict, concerns));
                pendingSince.put(c.session(), System.currentTimeMillis());
            }
            LOG.info("srooter: council " + c.id() + " concluded " + verdict.wire() + " (" + rule.wire() + ")");
            return new Conclusion(verdict, concerns);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "srooter: council " + c.id() + " could not conclude", e);
            return null;
        }
    }

    /** Whether any session has a note waiting: the request path asks this first, and it is nearly always no. */
    public boolean notesWaiting() {
        return !pending.isEmpty();
    }

    /**
     * The session's undelivered note, handed out once; null when there is none. Older than a day, it is dropped:
     * the work it was about has moved on.
     */
    public Note takeNote(String session) {
        if (session == null) {
            return null;
        }
        Note note = pending.remove(session);
        Long since = pendingSince.remove(session);
        return note != null && since != null && System.currentTimeMillis() - since < 86_400_000L ? note : null;
    }

    static Note note(Case c, Verdict verdict, String concerns) {
        String text = "srooter's review council (review " + c.id() + ", " + c.trigger() + " work) concluded "
                + verdict.wire() + " on your previous answer." + (concerns.isEmpty() ? "" : " " + concerns)
                + " Address these concerns or explain why they do not apply.";
        return new Note(c.id(), bounded(text));
    }

    /** What each member that did not approve said, "model (verdict): reasons", one after another; at most ~1,200 characters. */
    static String concerns(List<Review.Member> answers) {
        StringBuilder text = new StringBuilder();
        for (Review.Member m : answers) {
            if (m.verdict() != null && m.verdict() != Verdict.APPROVE && m.reasons() != null && !m.reasons().isBlank()) {
                text.append(text.length() == 0 ? "" : " ").append(m.model()).append(" (").append(m.verdict().wire())
                        .append("): ").append(m.reasons().strip());
            }
        }
        return text.length() > 1200 ? text.substring(0, 1200) + " [cut]" : text.toString();
    }

    private static String bounded(String text) {
        return text.length() > 1500 ? text.substring(0, 1500) + " [cut]" : text;
    }

    private Review.Member ask(String member, Case c, Duration timeout) {
        String prompt = ReviewPrompt.user(c.trigger(), c.ask(), c.answer(), c.neighbourhood());
        return calls.ask(member, c, ReviewPrompt.SYSTEM, prompt, timeout);
    }

    private static Review.Member collect(String member, Future<Review.Member> asked, Duration timeout) {
        try {
            return asked.get(timeout.toMillis() + 2000, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException late) {
            asked.cancel(true);
            return new Review.Member(member, null, null, "timed out after " + timeout.toSeconds() + " s",
                    timeout.toMillis(), 0);
        } catch (Exception failed) {
            return new Review.Member(member, null, null, String.valueOf(failed.getMessage()), 0, 0);
        }
    }
}
