package dev.srooter.server.routing;

import dev.srooter.api.Intent;
import dev.srooter.server.store.FallbackChain;
import dev.srooter.server.store.RoutingRule;
import dev.srooter.server.store.RoutingSetting;
import dev.srooter.server.tasks.TaskGuard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The routing rules and fallback chains, held in memory for the request path and replaced as a whole when
 * an admin changes them, so the next request follows the change without a restart.
 */
@ApplicationScoped
public class RuleBook {

    /**
     * "srooter defaults": trivial work to the cheapest capable model when the classifier is sure of it, the
     * model asked for otherwise, and architecture and security work to the best model, flagged for a council.
     */
    public static final List<RouteRule> DEFAULTS = List.of(
            new RouteRule(null, Intent.TRIVIAL, RouteRule.CHEAPEST, false, 0.7),
            new RouteRule(null, Intent.SUBSTANTIVE, RouteRule.REQUESTED, false, 0),
            new RouteRule(null, Intent.ARCHITECTURE, RouteRule.BEST, true, 0.6),
            new RouteRule(null, Intent.SECURITY, RouteRule.BEST, true, 0.6));

    private static final String CUSTOMISED = "rules.customised";

    private record Snapshot(List<RouteRule> rules, boolean customised, Map<String, List<String>> chains,
                            Map<String, String> settings) {
    }

    @PersistenceContext(unitName = "srooter")
    EntityManager em;

    private volatile Snapshot snapshot = new Snapshot(DEFAULTS, false, Map.of(), Map.of());

    /** The classifier from configuration (SROOTER_CLASSIFIER), until an admin picks one. */
    private volatile String configuredClassifier = "local";

    public void setConfiguredClassifier(String name) {
        this.configuredClassifier = name;
    }

    /** Reads rules and chains from the database. */
    public void reload() {
        boolean customised = em.find(RoutingSetting.class, CUSTOMISED) != null;
        List<RouteRule> rules = customised ? em.createQuery("SELECT r FROM RoutingRule r", RoutingRule.class)
                .getResultList().stream().map(r -> new RouteRule(r.team, Intent.valueOf(r.intent), r.target, r.council,
                        r.minConfidence, r.candidates == null ? List.of() : Arrays.stream(r.candidates.split("\n"))
                        .filter(c -> !c.isBlank()).toList())).toList() : DEFAULTS;
        Map<String, List<String>> chains = new HashMap<>();
        for (FallbackChain c : em.createQuery("SELECT c FROM FallbackChain c", FallbackChain.class).getResultList()) {
            chains.put(c.model, Arrays.stream(c.chain.split("\n")).filter(s -> !s.isBlank()).toList());
        }
        Map<String, String> settings = new HashMap<>();
        em.createQuery("SELECT s FROM RoutingSetting s", RoutingSetting.class).getResultList()
                .forEach(s -> settings.put(s.name, s.value));
        use(customised ? rules : null, chains, settings);
    }

    /** Serves these rules ({@code null}: srooter defaults), fallback chains and settings from now on. */
    public void use(List<RouteRule> rules, Map<String, List<String>> chains, Map<String, String> settings) {
        snapshot = new Snapshot(rules == null ? DEFAULTS : List.copyOf(rules), rules != null, Map.copyOf(chains),
                Map.copyOf(settings));
    }

    public List<RouteRule> rules() {
        return snapshot.rules();
    }

    public boolean customised() {
        return snapshot.customised();
    }

    /** The rule for a request: its team's, else the org-wide one; empty when neither names the intent. */
    public Optional<RouteRule> ruleFor(String team, Intent intent) {
        List<RouteRule> rules = snapshot.rules();
        if (team != null) {
            for (RouteRule r : rules) {
                if (team.equals(r.team()) && r.intent() == intent) {
                    return Optional.of(r);
                }
            }
        }
        return rules.stream().filter(r -> r.team() == null && r.intent() == intent).findFirst();
    }

    /** Replaces every rule (org-wide and per team). */
    @Transactional
    public void replaceRules(List<RouteRule> rules) {
        em.createQuery("DELETE FROM RoutingRule r").executeUpdate();
        for (RouteRule r : rules) {
            em.persist(new RoutingRule(r.team(), r.intent().name(), r.target(), r.council(), r.minConfidence(),
                    r.candidates()));
        }
        if (em.find(RoutingSetting.class, CUSTOMISED) == null) {
            em.persist(new RoutingSetting(CUSTOMISED, "true"));
        }
    }

    /** Back to "srooter defaults". */
    @Transactional
    public void resetRules() {
        em.createQuery("DELETE FROM RoutingRule r").executeUpdate();
        em.createQuery("DELETE FROM RoutingSetting s WHERE s.name = :n").setParameter("n", CUSTOMISED).executeUpdate();
    }

    public String classifierName() {
        return snapshot.settings().getOrDefault("classifier.name", configuredClassifier);
    }

    public String classifierModel() {
        return snapshot.settings().get("classifier.model");
    }

    public long classifierTimeoutMillis() {
        return Long.parseLong(snapshot.settings().getOrDefault("classifier.timeoutMs", "800"));
    }

    /** Chooses the classifier (and, for one that asks a model, the model and its time limit). */
    @Transactional
    public void setClassifier(String name, String model, long timeoutMillis) {
        put("classifier.name", name);
        if (model == null) {
            em.createQuery("DELETE FROM RoutingSetting s WHERE s.name = 'classifier.model'").executeUpdate();
        } else {
            put("classifier.model", model);
        }
        put("classifier.timeoutMs", Long.toString(timeoutMillis));
    }

    /**
     * The models a council is made of: the diverse reviewers that work flagged for a council (architecture and
     * security by default) is to be reviewed by. Shown in {@code x-srooter-council}.
     */
    public List<String> councilMembers() {
        String members = snapshot.settings().get("council.members");
        return members == null ? List.of() : Arrays.stream(members.split("\n")).filter(m -> !m.isBlank()).toList();
    }

    /** Whether high-risk changes (Cortex) go to the best model with the council; on unless an admin turned it off. */
    public boolean escalatesRisk() {
        return !"false".equals(snapshot.settings().get("risk.escalate"));
    }

    /** The learner's settings: the admin's, else {@link dev.srooter.server.learn.LearnSettings#DEFAULTS}. */
    public dev.srooter.server.learn.LearnSettings learnSettings() {
        Map<String, String> s = snapshot.settings();
        var d = dev.srooter.server.learn.LearnSettings.DEFAULTS;
        return new dev.srooter.server.learn.LearnSettings(!"false".equals(s.get("learned.enabled")),
                s.containsKey("learned.exploreShare") ? Double.parseDouble(s.get("learned.exploreShare"))
                        : d.exploreShare(),
                s.containsKey("learned.qualityFloor") ? Double.parseDouble(s.get("learned.qualityFloor"))
                        : d.qualityFloor(),
                "true".equals(s.get("learned.exploreSecurity")), "true".equals(s.get("learned.exploreHighRisk")));
    }

    @Transactional
    public void setLearnSettings(dev.srooter.server.learn.LearnSettings settings) {
        put("learned.enabled", Boolean.toString(settings.enabled()));
        put("learned.exploreShare", Double.toString(settings.exploreShare()));
        put("learned.qualityFloor", Double.toString(settings.qualityFloor()));
        put("learned.exploreSecurity", Boolean.toString(settings.exploreSecurity()));
        put("learned.exploreHighRisk", Boolean.toString(settings.exploreHighRisk()));
    }

    /** Whether models an admin gave no chain fall back along a derived one; on unless an admin turned it off. */
    public boolean derivesChains() {
        return !"false".equals(snapshot.settings().get("chains.derived"));
    }

    @Transactional
    public void setDerivesChains(boolean on) {
        put("chains.derived", Boolean.toString(on));
    }

    /** Whether any rule lets the learner choose: only then does the request path look for outcomes. */
    public boolean learning() {
        return snapshot.rules().stream().anyMatch(r -> RouteRule.LEARNED.equals(r.target()));
    }

    /** Whether work inside a hard skill's paths is flagged for the council; on unless an admin turned it off. */
    public boolean councilOnHardSkills() {
        return !"false".equals(snapshot.settings().get("council.hardSkills"));
    }

    @Transactional
    public void setCouncilOnHardSkills(boolean on) {
        put("council.hardSkills", Boolean.toString(on));
    }

    @Transactional
    public void setRiskEscalation(boolean on) {
        put("risk.escalate", Boolean.toString(on));
    }

    private static final String TASK_GUARD = "task-guard";

    /** The task guard for a team: its own, else the org-wide one; empty when an admin set neither. */
    public Optional<TaskGuard> taskGuard(String team) {
        Map<String, String> settings = snapshot.settings();
        String stored = team == null ? null : settings.get(TASK_GUARD + ".team." + team);
        if (stored == null) {
            stored = settings.get(TASK_GUARD);
        }
        return stored == null ? Optional.empty() : Optional.of(TaskGuard.parse(stored));
    }

    /** The task guards as set: "org" and one per team that has its own. */
    public Map<String, TaskGuard> taskGuards() {
        Map<String, TaskGuard> guards = new TreeMap<>();
        snapshot.settings().forEach((name, value) -> {
            if (name.equals(TASK_GUARD)) {
                guards.put("org", TaskGuard.parse(value));
            } else if (name.startsWith(TASK_GUARD + ".team.")) {
                guards.put("team:" + name.substring((TASK_GUARD + ".team.").length()),
                        TaskGuard.parse(value));
            }
        });
        return guards;
    }

    /** Sets (or, with null, removes) the org-wide task guard ({@code team} null) or a team's. */
    @Transactional
    public void setTaskGuard(String team, TaskGuard guard) {
        String name = team == null ? TASK_GUARD : TASK_GUARD + ".team." + team;
        if (guard == null) {
            em.createQuery("DELETE FROM RoutingSetting s WHERE s.name = :n").setParameter("n", name).executeUpdate();
        } else {
            put(name, guard.stored());
        }
    }

    @Transactional
    public void setCouncilMembers(List<String> members) {
        put("council.members", String.join("\n", members));
    }

    /** How the members' verdicts combine: {@code majority} (the default) or {@code any-reject}. */
    public dev.srooter.server.council.CombineRule councilRule() {
        String rule = snapshot.settings().get("council.rule");
        return rule == null ? dev.srooter.server.council.CombineRule.MAJORITY
                : dev.srooter.server.council.CombineRule.of(rule);
    }

    /** How long a member has to answer before it is recorded as timed out (60 s by default). */
    public java.time.Duration councilTimeout() {
        String seconds = snapshot.settings().get("council.timeoutSeconds");
        return java.time.Duration.ofSeconds(seconds == null ? 60 : Long.parseLong(seconds));
    }

    /**
     * Blocking mode: the council's triggers (intents, or {@code risk}) whose answers are held until it concludes,
     * what a reject does ({@code refuse}; {@code concerns}, the answer with the council's concerns put first; or
     * {@code release} as it is, the verdict said), and how long to wait.
     */
    public record CouncilBlocking(java.util.Set<String> triggers, String onReject, int waitSeconds) {
        /** {@code skill} covers every hard skill's scope ({@code skill <name>}), the name one alone. */
        public boolean covers(String trigger) {
            return trigger != null && (triggers.contains(trigger) || trigger.startsWith("skill ") && triggers.contains(
                    "skill"));
        }
    }

    /** The blocking mode an admin set, or null when answers are never held. */
    public CouncilBlocking councilBlocking() {
        String triggers = snapshot.settings().get("council.blocking.triggers");
        if (triggers == null || triggers.isBlank()) {
            return null;
        }
        return new CouncilBlocking(java.util.Set.of(triggers.split(",")),
                snapshot.settings().getOrDefault("council.blocking.onReject", "refuse"),
                Integer.parseInt(snapshot.settings().getOrDefault("council.blocking.waitSeconds", "30")));
    }

    @Transactional
    public void setCouncilBlocking(CouncilBlocking blocking) {
        put("council.blocking.triggers", blocking == null ? "" : String.join(",", blocking.triggers()));
        if (blocking != null) {
            put("council.blocking.onReject", blocking.onReject());
            put("council.blocking.waitSeconds", Integer.toString(blocking.waitSeconds()));
        }
    }

    @Transactional
    public void setCouncilRule(dev.srooter.server.council.CombineRule rule, int timeoutSeconds) {
        put("council.rule", rule.wire());
        put("council.timeoutSeconds", Integer.toString(timeoutSeconds));
    }

    private void put(String name, String value) {
        RoutingSetting s = em.find(RoutingSetting.class, name);
        if (s == null) {
            em.persist(new RoutingSetting(name, value));
        } else {
            s.value = value;
        }
    }

    public Map<String, List<String>> chains() {
        return snapshot.chains();
    }

    /**
     * The fallback chain that applies to a model: the one set for it as provider/model, else by its id, else for
     * the name the client asked for (an alias).
     */
    public List<String> chainFor(dev.srooter.server.providers.Target target, String requestedModel) {
        List<String> chain = chainOf(target.qualifiedName());
        if (chain.isEmpty()) {
            chain = chainOf(target.modelId());
        }
        if (chain.isEmpty() && requestedModel != null) {
            chain = chainOf(requestedModel);
        }
        return chain;
    }

    public List<String> chainOf(String model) {
        return snapshot.chains().getOrDefault(model, List.of());
    }

    @Transactional
    public void setChain(String model, List<String> chain) {
        FallbackChain existing = em.find(FallbackChain.class, model);
        String joined = String.join("\n", chain);
        if (existing == null) {
            em.persist(new FallbackChain(model, joined));
        } else {
            existing.chain = joined;
            existing.updatedAt = java.time.Instant.now();
        }
    }

    @Transactional
    public boolean removeChain(String model) {
        FallbackChain existing = em.find(FallbackChain.class, model);
        if (existing == null) {
            return false;
        }
        em.remove(existing);
        return true;
    }

    static Intent intent(String name) {
        return Intent.valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
}
