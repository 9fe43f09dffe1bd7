package dev.srooter.server.admin;

import dev.srooter.api.Intent;
import dev.srooter.api.WireFormat;
import dev.srooter.server.keys.GatewayKeys;
import dev.srooter.server.providers.ModelDirectory;
import dev.srooter.server.routing.CircuitBreakers;
import dev.srooter.server.routing.ClassifierRunner;
import dev.srooter.server.routing.RouteRule;
import dev.srooter.server.routing.RuleBook;
import dev.srooter.server.store.UserAccount;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Routing rules per intent (org-wide and per team), fallback chains per model, and users' teams. Every
 * change applies from the next request.
 */
@Path("/")
@RequestScoped
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.LEAD})
public class RoutingResource {

    /**
     * A rule as the API spells it; {@code council} and {@code minConfidence} may be left out; {@code candidates}
     * only with the target {@code learned} (two models or more).
     */
    public record RuleView(String team, String intent, String target, Boolean council, Double minConfidence,
                           List<String> candidates) {
        static RuleView of(RouteRule r) {
            return new RuleView(r.team(), r.intent().name().toLowerCase(Locale.ROOT), r.target(), r.council(),
                    r.minConfidence(), r.candidates().isEmpty() ? null : r.candidates());
        }
    }

    public record RulesView(boolean customised, List<RuleView> rules, List<RuleView> defaults) {
    }

    public record RulesBody(List<RuleView> rules) {
    }

    public record ChainBody(List<String> chain) {
    }

    public record TeamBody(String team) {
    }

    /** The classifier in use, and for one that asks a model, the model and its time limit; {@code available}: installed. */
    public record ClassifierView(String name, String model, Long timeoutMs, List<String> available) {
    }

    @Inject
    RuleBook book;

    @Inject
    dev.srooter.server.pipeline.FallbackChains fallbacks;

    @Inject
    ModelDirectory directory;

    @Inject
    GatewayKeys keys;

    @Inject
    CircuitBreakers breakers;

    @Inject
    dev.srooter.server.plugins.PluginHost plugins;

    @PersistenceContext(unitName = "srooter")
    EntityManager em;

    @GET
    @Path("routing/rules")
    public RulesView rules() {
        return new RulesView(book.customised(), book.rules().stream().map(RuleView::of).toList(),
                RuleBook.DEFAULTS.stream().map(RuleView::of).toList());
    }

    /** Replaces every rule; intents without a rule keep the model asked for. */
    @PUT
    @Path("routing/rules")
    public RulesView setRules(RulesBody body) {
        if (body == null || body.rules() == null) {
            throw ApiError.of(400, "a body {\"rules\":[...]} is required");
        }
        List<RouteRule> rules = new ArrayList<>();
        for (RuleView r : body.rules()) {
            Intent intent;
            try {
                intent = Intent.valueOf(String.valueOf(r.intent()).trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiError.of(400, "intent must be one of trivial, substantive, architecture, security");
            }
            if (r.target() == null || r.target().isBlank()) {
                throw ApiError.of(400, "each rule needs a target: requested, cheapest, best, or a model");
            }
            String target = r.target().trim();
            if (!List.of(RouteRule.REQUESTED, RouteRule.CHEAPEST, RouteRule.BEST, RouteRule.LEARNED).contains(target)
                    && directory.resolveWithAliases(target, null).isEmpty()) {
                throw ApiError.of(400, "no provider serves the target model '" + target + "'");
            }
            List<String> candidates = r.candidates() == null ? List.of() : r.candidates().stream()
                    .filter(c -> c != null && !c.isBlank()).map(String::trim).distinct().toList();
            if (RouteRule.LEARNED.equals(target)) {
                if (candidates.size() < 2) {
                    throw ApiError.of(400, "a learned rule needs two candidate models or more");
                }
                for (String c : candidates) {
                    if (directory.resolveWithAliases(c, null).isEmpty()) {
                        throw ApiError.of(400, "no provider serves the candidate model '" + c + "'");
                    }
                }
            } else if (!candidates.isEmpty()) {
                throw ApiError.of(400, "candidates are for the target learned");
            }
            double min = r.minConfidence() == null ? 0 : r.minConfidence();
            if (min < 0 || min > 1) {
                throw ApiError.of(400, "minConfidence is between 0 and 1");
            }
            String team = r.team() == null || r.team().isBlank() ? null : r.team().trim();
            if (rules.stream().anyMatch(x -> x.intent() == intent && java.util.Objects.equals(x.team(), team))) {
                throw ApiError.of(400, "two rules for " + intent + (team == null ? "" : " of team " + team));
            }
            rules.add(new RouteRule(team, intent, target, Boolean.TRUE.equals(r.council()), min, candidates));
        }
        book.replaceRules(rules);
        book.reload();
        return rules();
    }

    /** Back to "srooter defaults". */
    @DELETE
    @Path("routing/rules")
    public RulesView resetRules() {
        book.resetRules();
        book.reload();
        return rules();
    }

    /** Derived chains: whether they are on, and each served model's that has no chain of an admin's. */
    public record DerivedView(boolean enabled, Map<String, List<String>> chains) {
    }

    public record Switch(Boolean enabled) {
    }

    @GET
    @Path("routing/derived-chains")
    public DerivedView derivedChains() {
        Map<String, List<String>> derived = new java.util.TreeMap<>();
        if (book.derivesChains()) {
            for (dev.srooter.server.providers.Target t : directory.all()) {
                if (book.chainFor(t, null).isEmpty()) {
                    List<String> chain = fallbacks.chainOf(t, null);
                    if (!chain.isEmpty()) {
                        derived.put(t.qualifiedName(), chain);
                    }
                }
            }
        }
        return new DerivedView(book.derivesChains(), derived);
    }

    @PUT
    @Path("routing/derived-chains")
    public DerivedView setDerivedChains(Switch body) {
        if (body == null || body.enabled() == null) {
            throw ApiError.of(400, "a body {\"enabled\": true|false} is required");
        }
        book.setDerivesChains(body.enabled());
        book.reload();
        return derivedChains();
    }

    @GET
    @Path("routing/chains")
    public Map<String, List<String>> chains() {
        return book.chains();
    }

    @GET
    @Path("routing/chains/{model: .+}")
    public ChainBody chain(@PathParam("model") String model) {
        return new ChainBody(book.chainOf(model));
    }

    /** Sets a model's fallback chain: the models that serve, in order, when it cannot. */
    @PUT
    @Path("routing/chains/{model: .+}")
    public ChainBody setChain(@PathParam("model") String model, ChainBody body) {
        if (body == null || body.chain() == null) {
            throw ApiError.of(400, "a body {\"chain\":[\"provider/model\", ...]} is required");
        }
        List<String> chain = body.chain().stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        for (String step : chain) {
            if (directory.resolveWithAliases(step, (WireFormat) null).isEmpty()) {
                throw ApiError.of(400, "no provider serves '" + step + "'");
            }
        }
        book.setChain(model, chain);
        book.reload();
        return new ChainBody(book.chainOf(model));
    }

    @DELETE
    @Path("routing/chains/{model: .+}")
    public Response removeChain(@PathParam("model") String model) {
        if (!book.removeChain(model)) {
            throw ApiError.of(404, "no fallback chain for " + model);
        }
        book.reload();
        return Response.noContent().build();
    }

    @GET
    @Path("routing/classifier")
    public ClassifierView classifier() {
        return new ClassifierView(book.classifierName(), book.classifierModel(), book.classifierTimeoutMillis(),
                plugins.classifierNames());
    }

    /** Chooses the classifier from the next request on ({@code none}: no classification). */
    @PUT
    @Path("routing/classifier")
    public ClassifierView setClassifier(ClassifierView body) {
        if (body == null || body.name() == null || body.name().isBlank()) {
            throw ApiError.of(400, "name is required: one of " + plugins.classifierNames() + " or none");
        }
        String name = body.name().trim();
        if (!"none".equals(name) && plugins.classifier(name).isEmpty()) {
            throw ApiError.of(400, "no classifier named " + name + "; installed: " + plugins.classifierNames());
        }
        String model = body.model() == null || body.model().isBlank() ? null : body.model().trim();
        if (model != null && directory.resolveWithAliases(model, (WireFormat) null).isEmpty()) {
            throw ApiError.of(400, "no provider serves '" + model + "'");
        }
        if (!"none".equals(name) && !ClassifierRunner.LOCAL.equals(name) && model == null) {
            throw ApiError.of(400, "classifier " + name + " asks a model: name one in 'model'");
        }
        long timeout = body.timeoutMs() == null ? 800 : body.timeoutMs();
        if (timeout < 50 || timeout > 1900) {
            throw ApiError.of(400, "timeoutMs is between 50 and 1900 (classification must not hold requests up)");
        }
        book.setClassifier(name, model, timeout);
        book.reload();
        return classifier();
    }

    /**
     * The council: its members, how their verdicts combine, how long each may take, whether work inside a hard
     * skill's paths is reviewed ({@code hardSkills}, on by default) and which reviews hold the answer. Read only:
     * {@code suggested}, a council of different vendors from what is served, and {@code warning} when the members
     * are all of one vendor although others serve.
     */
    public record CouncilView(List<String> members, String rule, Integer timeoutSeconds, Boolean hardSkills,
                              BlockingView blocking, List<String> suggested, String warning) {
    }

    /** {@code {"triggers": ["security", "risk"], "onReject": "refuse"|"concerns"|"release", "waitSeconds": 30}}; null: never. */
    public record BlockingView(List<String> triggers, String onReject, Integer waitSeconds) {
    }

    @GET
    @Path("routing/council")
    public CouncilView council() {
        RuleBook.CouncilBlocking b = book.councilBlocking();
        List<dev.srooter.server.providers.Target> served = directory.all();
        List<dev.srooter.server.providers.Target> members = book.councilMembers().stream()
                .map(m -> directory.resolveWithAliases(m, (WireFormat) null)).flatMap(java.util.Optional::stream)
                .map(ModelDirectory.Resolution::target).toList();
        return new CouncilView(book.councilMembers(), book.councilRule().wire(), (int) book.councilTimeout().toSeconds(),
                book.councilOnHardSkills(), b == null ? null : new BlockingView(b.triggers().stream().sorted().toList(),
                b.onReject(), b.waitSeconds()), dev.srooter.server.council.Diversity.suggest(served, 3),
                dev.srooter.server.council.Diversity.warning(members, served));
    }

    /** The council's members: models (a name or provider/model), each served by some provider; two or more. */
    @PUT
    @Path("routing/council")
    public CouncilView setCouncil(CouncilView body) {
        List<String> members = body == null || body.members() == null ? List.of() : body.members().stream()
                .filter(m -> m != null && !m.isBlank()).map(String::trim).distinct().toList();
        if (members.size() == 1) {
            throw ApiError.of(400, "a council needs at least two members (or none)");
        }
        for (String member : members) {
            if (directory.resolveWithAliases(member, (WireFormat) null).isEmpty()) {
                throw ApiError.of(400, "no provider serves '" + member + "'");
            }
        }
        dev.srooter.server.council.CombineRule rule;
        try {
            rule = body == null || body.rule() == null ? book.councilRule()
                    : dev.srooter.server.council.CombineRule.of(body.rule());
        } catch (IllegalArgumentException e) {
            throw ApiError.of(400, e.getMessage());
        }
        int timeout = body == null || body.timeoutSeconds() == null ? (int) book.councilTimeout().toSeconds()
                : body.timeoutSeconds();
        if (timeout < 1 || timeout > 600) {
            throw ApiError.of(400, "timeoutSeconds is between 1 and 600");
        }
        RuleBook.CouncilBlocking blocking = book.councilBlocking();
        if (body != null && body.blocking() != null) {
            BlockingView b = body.blocking();
            List<String> triggers = b.triggers() == null ? List.of() : b.triggers().stream().map(String::trim)
                    .filter(t -> !t.isEmpty()).toList();
            for (String t : triggers) {
                if (!List.of("trivial", "substantive", "architecture", "security", "risk", "skill").contains(t)
                        && !t.startsWith("skill ")) {
                    throw ApiError.of(400, "a blocking trigger is an intent, risk, skill (any hard skill's paths)"
                            + " or skill <name>: " + t);
                }
            }
            String onReject = b.onReject() == null ? "refuse" : b.onReject();
            if (!List.of("refuse", "concerns", "release").contains(onReject)) {
                throw ApiError.of(400, "onReject is refuse, concerns or release");
            }
            int wait = b.waitSeconds() == null ? 30 : b.waitSeconds();
            if (wait < 1 || wait > 300) {
                throw ApiError.of(400, "waitSeconds is between 1 and 300");
            }
            blocking = triggers.isEmpty() ? null : new RuleBook.CouncilBlocking(java.util.Set.copyOf(triggers),
                    onReject, wait);
        }
        book.setCouncilMembers(members);
        book.setCouncilRule(rule, timeout);
        book.setCouncilBlocking(blocking);
        if (body != null && body.hardSkills() != null) {
            book.setCouncilOnHardSkills(body.hardSkills());
        }
        book.reload();
        return council();
    }

    /** Provider accounts whose circuit is open or half-open (skipped, or on trial), by account id. */
    @GET
    @Path("routing/circuits")
    public Map<String, CircuitBreakers.State> circuits() {
        return breakers.notClosed();
    }

    /** Closes every circuit: the providers are tried again from the next request. */
    @DELETE
    @Path("routing/circuits")
    public Response closeCircuits() {
        breakers.closeAll();
        return Response.noContent().build();
    }
}
