package dev.srooter.server.admin;

import dev.srooter.server.keys.Caller;
import dev.srooter.server.keys.GatewayKeys;
import dev.srooter.server.learn.Arm;
import dev.srooter.server.learn.Candidate;
import dev.srooter.server.learn.Decided;
import dev.srooter.server.learn.LearnContext;
import dev.srooter.server.learn.LearnSettings;
import dev.srooter.server.learn.LearnedRoutes;
import dev.srooter.server.learn.Learner;
import dev.srooter.server.learn.Signal;
import dev.srooter.server.providers.ModelDirectory;
import dev.srooter.server.providers.Target;
import dev.srooter.server.routing.RouteRule;
import dev.srooter.server.routing.RuleBook;
import dev.srooter.server.store.Sql;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Learned routes, explained and steered: {@code GET /api/routing/learned} shows, per context, each candidate's
 * estimated success, cost and evidence and what the learner would choose and why; admins set the settings, pin a
 * context to a model, or reset what it learned. {@code POST /api/feedback} is how people and CI hooks say how a task
 * went (with a console token, or a gateway key in {@code x-api-key}).
 */
@Path("/")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class LearnedResource {

    public record CandidateView(String model, double success, double costUsd, double outcomes, long decisions) {
    }

    public record ContextView(String context, String intent, String risk, String area, String team, String pinned,
                              String choice, String why, List<CandidateView> candidates) {
    }

    public record LearnedView(LearnSettings settings, List<ContextView> contexts) {
    }

    /** Settings to change; what is left out stays as it is. */
    public record SettingsBody(Boolean enabled, Double exploreShare, Double qualityFloor, Boolean exploreSecurity,
                               Boolean exploreHighRisk) {
    }

    public record PinBody(String context, String model) {
    }

    public record ContextBody(String context) {
    }

    public record Feedback(String task, String requestId, String outcome, String note) {
    }

    public record FeedbackView(String decision, String task, String model, String context, String outcome,
                               boolean counted) {
    }

    @Inject
    LearnedRoutes learned;

    @Inject
    RuleBook book;

    @Inject
    ModelDirectory directory;

    @Inject
    GatewayKeys keys;

    @Inject
    Sql sql;

    @Inject
    JsonWebToken jwt;

    @Context
    HttpServletRequest request;

    @GET
    @Path("routing/learned")
    @RolesAllowed({Roles.ADMIN, Roles.LEAD, Roles.AUDITOR})
    public LearnedView learned() {
        Map<String, String> pins = learned.store().pins();
        List<ContextView> contexts = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>();
        for (RouteRule r : book.rules()) {
            if (RouteRule.LEARNED.equals(r.target())) {
                keys.add(LearnContext.coarseOf(r.intent().name().toLowerCase(Locale.ROOT)));
            }
        }
        keys.addAll(learned.store().contexts());
        for (String key : keys) {
            contexts.add(explain(key, pins.get(key)));
        }
        return new LearnedView(book.learnSettings(), contexts);
    }

    private ContextView explain(String key, String pinned) {
        LearnContext context = LearnContext.parse(key);
        Map<String, Arm> arms = learned.store().arms(key);
        Map<String, Arm> coarse = learned.store().arms(context.coarse());
        List<Candidate> candidates = candidates(context, arms);
        List<CandidateView> views = new ArrayList<>();
        String choice = null;
        String why = "no candidate is served";
        if (!candidates.isEmpty()) {
            Learner.Choice c = Learner.choose(candidates, arms, coarse, book.learnSettings(), pinned, false,
                    new java.util.Random(0));
            choice = c.model();
            why = c.why();
            for (Learner.Estimate e : c.estimates()) {
                views.add(new CandidateView(e.model(), round(e.success()), round(e.costUsd()), round(e.outcomes()),
                        e.decisions()));
            }
        }
        return new ContextView(key, context.intent(), context.risk(), context.area(), context.team(), pinned, choice,
                why, views);
    }

    /** The learned rule's candidates for the context (its team's rule, else the org's), else what it has seen. */
    private List<Candidate> candidates(LearnContext context, Map<String, Arm> arms) {
        List<String> names = new ArrayList<>();
        try {
            book.ruleFor("-".equals(context.team()) || "*".equals(context.team()) ? null : context.team(),
                    dev.srooter.api.Intent.valueOf(context.intent().toUpperCase(Locale.ROOT)))
                    .filter(r -> RouteRule.LEARNED.equals(r.target())).ifPresent(r -> names.addAll(r.candidates()));
        } catch (IllegalArgumentException notAnIntent) {
            // a context of an intent no longer known: what it has seen only
        }
        List<Candidate> candidates = new ArrayList<>();
        for (String name : names) {
            directory.resolveWithAliases(name, null).map(ModelDirectory.Resolution::target).map(Candidate::of)
                    .filter(c -> candidates.stream().noneMatch(x -> x.model().equals(c.model())))
                    .ifPresent(candidates::add);
        }
        for (String model : arms.keySet()) {
            if (candidates.stream().noneMatch(c -> c.model().equals(model))) {
                directory.resolve(model, null).map(Candidate::of).ifPresent(candidates::add);
            }
        }
        return candidates;
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }

    /** The newest decisions ({@code task}: of one task), each with the signals credited to it so far. */
    @GET
    @Path("routing/learned/decisions")
    @RolesAllowed({Roles.ADMIN, Roles.LEAD, Roles.AUDITOR})
    public List<Decided> decisions(@jakarta.ws.rs.QueryParam("task") String task,
                                   @jakarta.ws.rs.QueryParam("limit") @jakarta.ws.rs.DefaultValue("50") int limit) {
        if (limit < 1 || limit > 500) {
            throw ApiError.of(400, "limit is between 1 and 500");
        }
        return learned.store().recent(task == null || task.isBlank() ? null : task.trim(), limit);
    }

    @PUT
    @Path("routing/learned/settings")
    @RolesAllowed({Roles.ADMIN, Roles.LEAD})
    public LearnedView settings(SettingsBody body) {
        if (body == null) {
            throw ApiError.of(400, "a body {enabled, exploreShare, qualityFloor, exploreSecurity, exploreHighRisk}"
                    + " is required");
        }
        LearnSettings now = book.learnSettings();
        LearnSettings next = new LearnSettings(body.enabled() == null ? now.enabled() : body.enabled(),
                body.exploreShare() == null ? now.exploreShare() : body.exploreShare(),
                body.qualityFloor() == null ? now.qualityFloor() : body.qualityFloor(),
                body.exploreSecurity() == null ? now.exploreSecurity() : body.exploreSecurity(),
                body.exploreHighRisk() == null ? now.exploreHighRisk() : body.exploreHighRisk());
        if (next.exploreShare() < 0 || next.exploreShare() > 0.5) {
            throw ApiError.of(400, "exploreShare is between 0 and 0.5");
        }
        if (next.qualityFloor() < 0.5 || next.qualityFloor() > 1) {
            throw ApiError.of(400, "qualityFloor is between 0.5 and 1");
        }
        book.setLearnSettings(next);
        book.reload();
        return learned();
    }

    /** Pins a context to a model (a learned rule's candidate), or with no model, lets the learner choose again. */
    @PUT
    @Path("routing/learned/pin")
    @RolesAllowed({Roles.ADMIN, Roles.LEAD})
    public ContextView pin(PinBody body) {
        LearnContext context = context(body == null ? null : body.context());
        String model = body.model() == null || body.model().isBlank() ? null : body.model().trim();
        if (model != null) {
            Optional<Target> target = directory.resolveWithAliases(model, null).map(ModelDirectory.Resolution::target);
            if (target.isEmpty()) {
                throw ApiError.of(400, "no provider serves '" + model + "'");
            }
            model = target.get().qualifiedName();
            String qualified = model;
            if (candidates(context, Map.of()).stream().noneMatch(c -> c.model().equals(qualified))) {
                throw ApiError.of(400, model + " is not a candidate of the learned rule for " + context.intent());
            }
        }
        learned.store().pin(context.key(), model);
        learned.forgetPins();
        return explain(context.key(), model);
    }

    /** Forgets what the learner learned in a context (and its pin): it starts again from the intent's. */
    @POST
    @Path("routing/learned/reset")
    @RolesAllowed({Roles.ADMIN, Roles.LEAD})
    public ContextView reset(ContextBody body) {
        LearnContext context = context(body == null ? null : body.context());
        learned.store().reset(context.key());
        learned.forgetPins();
        return explain(context.key(), null);
    }

    private static LearnContext context(String key) {
        if (key == null || key.isBlank()) {
            throw ApiError.of(400, "context is required (intent|risk|area|team, as GET /api/routing/learned lists)");
        }
        try {
            return LearnContext.parse(key.trim());
        } catch (IllegalArgumentException e) {
            throw ApiError.of(400, e.getMessage());
        }
    }

    /**
     * How a task went: {@code {"task": "...", "outcome": "success"|"failure", "note": "..."}} (or a request id of
     * the task instead of the task). Developers and gateway keys speak for their own tasks; admins and leads for any.
     */
    @POST
    @Path("feedback")
    @PermitAll
    public Response feedback(Feedback body) {
        String who = null;
        boolean anyTask = false;
        if (jwt != null && jwt.getName() != null) {
            who = jwt.getName();
            anyTask = jwt.getGroups().contains(Roles.ADMIN) || jwt.getGroups().contains(Roles.LEAD);
        } else {
            String key = request == null ? null : request.getHeader("x-api-key");
            Caller caller = key == null || key.isBlank() ? null : keys.verify(key.trim()).orElse(null);
            if (caller == null) {
                throw ApiError.of(401, "send a console token (Authorization: Bearer) or a gateway key (x-api-key)");
            }
            who = caller.username();
        }
        if (body == null || body.outcome() == null) {
            throw ApiError.of(400, "a body {\"task\" or \"requestId\", \"outcome\": \"success\"|\"failure\"} is required");
        }
        Signal signal = switch (body.outcome().trim().toLowerCase(Locale.ROOT)) {
            case "success" -> Signal.SUCCESS;
            case "failure" -> Signal.FAILURE;
            default -> throw ApiError.of(400, "outcome is success or failure");
        };
        if (body.note() != null && body.note().length() > 500) {
            throw ApiError.of(400, "a note is at most 500 characters");
        }
        Optional<Decided> decided = decision(body);
        if (decided.isEmpty()) {
            throw ApiError.of(404, "no learned rule routed that task: feedback counts for tasks a learned rule"
                    + " routed (GET /api/routing/learned)");
        }
        Decided d = decided.get();
        if (!anyTask && (d.username() == null || !d.username().equals(who))) {
            throw ApiError.of(403, "you can give feedback on your own tasks only");
        }
        boolean counted = learned.credit(d, signal, 1);
        if (body.note() != null && !body.note().isBlank()) {
            learned.store().note(d, body.note().strip());
        }
        return Response.status(202).entity(new FeedbackView(d.id(), d.task(), d.model(), d.context(), signal.wire(),
                counted)).build();
    }

    private Optional<Decided> decision(Feedback body) {
        if (body.task() != null && !body.task().isBlank()) {
            return learned.find(body.task().trim());
        }
        if (body.requestId() != null && !body.requestId().isBlank()) {
            String id = body.requestId().trim();
            Optional<Decided> made = learned.store().byId(id);
            if (made.isPresent()) {
                return made;
            }
            // a later request of the task: its audit record names the task
            return sql.query("SELECT task FROM audit_records WHERE id = ?", r -> r.getString(1), id).stream()
                    .filter(t -> t != null).findFirst().flatMap(learned::find);
        }
        throw ApiError.of(400, "name the task (\"task\") or one of its requests (\"requestId\")");
    }
}
