package dev.srooter.server.pipeline;

import dev.srooter.api.PolicySettings;
import dev.srooter.server.budget.Budgets;
import dev.srooter.server.budget.SpendLedger;
import dev.srooter.server.keys.Caller;
import dev.srooter.server.policy.PolicyBook;
import dev.srooter.server.providers.ModelDirectory;
import dev.srooter.server.providers.ProviderClient;
import dev.srooter.server.providers.Target;
import dev.srooter.server.providers.UpstreamBody;
import dev.srooter.server.routing.RouteRule;
import dev.srooter.server.routing.RuleBook;
import dev.srooter.server.routing.Pickers;
import dev.srooter.api.Skill;
import dev.srooter.api.SkillRequest;
import dev.srooter.server.skills.ActiveSkill;
import dev.srooter.server.skills.Skills;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLSession;

/**
 * The stages of the request path wired by hand over plain objects, with no server: a model directory, rules and
 * chains, policy settings, a budget with a fixed amount left, and a provider client that answers from a script.
 */
final class Stages {

    final ModelDirectory directory = new ModelDirectory();
    final RuleBook rules = new RuleBook();
    final Map<String, Map<String, Object>> policySettings = new HashMap<>();
    final FixedBudget budgets = new FixedBudget();
    final List<BigDecimal> released = new ArrayList<>();
    final ScriptedClient client = new ScriptedClient();

    final FallbackChains chains = new FallbackChains();
    final Route route = new Route();
    final LoopGuard loopGuard = new LoopGuard();
    final Enforce enforce = new Enforce();
    final Budget budget = new Budget();
    final Dispatch dispatch = new Dispatch();

    Stages(List<Target> models) {
        directory.replace(models, List.of());
        chains.rules = rules;
        chains.directory = directory;
        route.rules = rules;
        route.skills = new dev.srooter.server.skills.Skills() {
            @Override
            public dev.srooter.server.skills.ActiveSkill hardScope(List<dev.srooter.api.Skill> plugins,
                    java.util.function.Supplier<dev.srooter.api.SkillRequest> request) {
                return null; // no hard skill is scoped to paths here
            }
        };
        route.picker = Pickers.over(directory);
        route.directory = directory;
        loopGuard.rules = rules;
        loopGuard.chains = chains;
        enforce.book = new PolicyBook() {
            @Override
            public PolicySettings settingsFor(String policy, String team, String username) {
                Map<String, Object> org = policySettings.get(policy);
                return org == null ? PolicySettings.NONE : new PolicySettings(org, null, null);
            }
        };
        budget.budgets = budgets;
        budget.ledger = new SpendLedger() {
            @Override
            public void add(List<String> ids, Budgets.Hold hold, double costUsd) {
                if (hold != null && costUsd == 0) {
                    released.add(hold.amounts().values().iterator().next());
                }
            }
        };
        budget.chains = chains;
        dispatch.circuitClosed = new CircuitClosed();
        dispatch.circuitClosed.client = client;
        dispatch.policyPermits = new PolicyPermits();
        dispatch.capabilityFits = new CapabilityFits();
        dispatch.budgetHolds = budget;
        dispatch.translate = new Translate();
        dispatch.instruct = new Instruct();
        dispatch.instruct.skills = new Skills() {
            @Override
            public List<ActiveSkill> applicable(List<Skill> plugins, SkillRequest request, Set<String> off) {
                return List.of(); // skills have tests of their own; here no skill applies
            }
        };
        dispatch.account = new Account();
        dispatch.client = client;
        dispatch.chains = chains;
        dispatch.order();
        rules.use(null, Map.of(), Map.of());
    }

    /** Org-wide rules for intents, and fallback chains by model. */
    void routing(List<RouteRule> orgRules, Map<String, List<String>> chains) {
        rules.use(orgRules, chains, Map.of());
    }

    Target model(String id) {
        return directory.all().stream().filter(t -> t.modelId().equals(id)).findFirst().orElseThrow();
    }

    /** One cap of a budget with a fixed amount left; a hold fits whole, or takes the rest when asked to. */
    static final class FixedBudget extends Budgets {
        BigDecimal left = null;
        boolean hardStop;
        final List<BigDecimal> holds = new ArrayList<>();

        @Override
        public List<String> applicable(Caller caller) {
            return left == null ? List.of() : List.of("org");
        }

        @Override
        public Result hold(List<String> ids, BigDecimal estimate, boolean whole) {
            if (estimate.compareTo(left) <= 0 || (!whole && left.signum() > 0)) {
                BigDecimal amount = estimate.min(left);
                left = left.subtract(amount);
                holds.add(amount);
                return new Result(new Hold(Map.of("org", amount)), null);
            }
            return new Result(null, new Over("org", hardStop, left.signum() == 0));
        }
    }

    /** Answers each model's calls from a script (status codes, then 200s), and records who was called. */
    static final class ScriptedClient extends ProviderClient {
        final Map<String, Deque<Integer>> script = new HashMap<>();
        final Set<String> circuitsOpen = new HashSet<>();
        final List<String> called = new ArrayList<>();

        void answer(String model, Integer... statuses) {
            script.computeIfAbsent(model, k -> new ArrayDeque<>()).addAll(List.of(statuses));
        }

        @Override
        public boolean circuitAllows(Target target) {
            return !circuitsOpen.contains(target.modelId());
        }

        @Override
        public HttpResponse<UpstreamBody> send(Target target, Call call) {
            called.add(target.modelId());
            Integer status = Optional.ofNullable(script.get(target.modelId())).map(Deque::poll).orElse(200);
            String body = status == 200 ? "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\""
                    + target.modelId() + "\",\"content\":[{\"type\":\"text\",\"text\":\"ok\"}],\"stop_reason\":"
                    + "\"end_turn\",\"usage\":{\"input_tokens\":10,\"output_tokens\":2}}"
                    : "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"busy\"}}";
            return new Answer(status, new UpstreamBody.Whole(body.getBytes(StandardCharsets.UTF_8)));
        }
    }

    record Answer(int statusCode, UpstreamBody body) implements HttpResponse<UpstreamBody> {
        public HttpRequest request() {
            return null;
        }

        public Optional<HttpResponse<UpstreamBody>> previousResponse() {
            return Optional.empty();
        }

        public HttpHeaders headers() {
            return HttpHeaders.of(Map.of("content-type", List.of("application/json")), (a, b) -> true);
        }

        public Optional<SSLSession> sslSession() {
            return Optional.empty();
        }

        public java.net.URI uri() {
            return java.net.URI.create("http://fake");
        }

        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }
}
