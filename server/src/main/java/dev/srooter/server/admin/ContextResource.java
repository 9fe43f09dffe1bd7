package dev.srooter.server.admin;

import dev.srooter.server.context.ContextSettings;
import dev.srooter.server.context.CrossAgentContext;
import dev.srooter.server.context.Trace;
import dev.srooter.server.cortex.CodeFacts;
import dev.srooter.server.cortex.CodeGraph;
import dev.srooter.server.cortex.Cortex;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Cross-agent context: its settings ({@code GET|PUT /api/cortex/context}) and the hot spots, files several tasks or
 * developers changed within a window, with their blast radius ({@code GET /api/cortex/hotspots}).
 */
@Path("/cortex")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@RolesAllowed({Roles.ADMIN, Roles.LEAD})
public class ContextResource {

    /** Settings to change; what is left out stays as it is. */
    public record SettingsBody(Boolean enabled, String scope, List<String> repositories, Integer windowHours,
                               Integer maxFiles) {
    }

    /** A file changed by several tasks or developers: who, how often, when last, and how far a change reaches. */
    public record HotSpot(String repo, String file, String symbols, int tasks, int developers, List<String> teams,
                          Instant lastChangedAt, String lastCouncil, int dependents) {
    }

    @Inject
    CrossAgentContext context;

    @Inject
    Cortex cortex;

    @GET
    @Path("context")
    @RolesAllowed({Roles.ADMIN, Roles.LEAD, Roles.AUDITOR})
    public ContextSettings settings() {
        return context.settings();
    }

    @PUT
    @Path("context")
    public ContextSettings setSettings(SettingsBody body) {
        if (body == null) {
            throw ApiError.of(400, "a body {enabled, scope, repositories, windowHours, maxFiles} is required");
        }
        ContextSettings now = context.settings();
        ContextSettings next = new ContextSettings(body.enabled() == null ? now.enabled() : body.enabled(),
                body.scope() == null ? now.scope() : body.scope().trim(),
                body.repositories() == null ? now.repositories() : body.repositories().stream()
                        .filter(r -> r != null && !r.isBlank()).map(String::trim).distinct().toList(),
                body.windowHours() == null ? now.windowHours() : body.windowHours(),
                body.maxFiles() == null ? now.maxFiles() : body.maxFiles());
        if (!List.of("org", "team").contains(next.scope())) {
            throw ApiError.of(400, "scope is org (any team's changes) or team (the caller's own team's)");
        }
        if (next.windowHours() < 1 || next.windowHours() > 24 * 30) {
            throw ApiError.of(400, "windowHours is between 1 and 720");
        }
        if (next.maxFiles() < 1 || next.maxFiles() > 20) {
            throw ApiError.of(400, "maxFiles is between 1 and 20");
        }
        context.save(next);
        return next;
    }

    @GET
    @Path("hotspots")
    @RolesAllowed({Roles.ADMIN, Roles.LEAD, Roles.AUDITOR})
    public List<HotSpot> hotspots(@QueryParam("hours") Integer hours, @QueryParam("limit") @DefaultValue("50") int limit) {
        int window = hours == null ? context.settings().windowHours() : hours;
        if (window < 1 || window > 24 * 30) {
            throw ApiError.of(400, "hours is between 1 and 720");
        }
        if (limit < 1 || limit > 500) {
            throw ApiError.of(400, "limit is between 1 and 500");
        }
        Map<String, List<Trace>> byFile = new LinkedHashMap<>();
        for (Trace t : context.traces().since(Instant.now().minus(window, ChronoUnit.HOURS))) {
            byFile.computeIfAbsent(t.repo() + "\n" + t.file(), k -> new ArrayList<>()).add(t);
        }
        List<HotSpot> spots = new ArrayList<>();
        for (List<Trace> traces : byFile.values()) {
            int tasks = (int) traces.stream().map(Trace::task).distinct().count();
            int developers = (int) traces.stream().map(Trace::username).filter(u -> u != null).distinct().count();
            if (tasks < 2 && developers < 2) {
                continue;
            }
            Trace last = traces.get(0);
            Set<String> teams = new TreeSet<>();
            traces.stream().map(Trace::team).filter(t -> t != null).forEach(teams::add);
            spots.add(new HotSpot(last.repo(), last.file(), last.symbols(), tasks, developers, List.copyOf(teams),
                    last.changedAt(), last.council(), dependents(last.repo(), last.file())));
        }
        spots.sort(Comparator.comparingInt(HotSpot::tasks).reversed().thenComparing(Comparator.comparingInt(
                HotSpot::dependents).reversed()));
        return spots.subList(0, Math.min(limit, spots.size()));
    }

    /** How many symbols depend, transitively, on what the file defines (up to 500). */
    private int dependents(String repo, String file) {
        CodeGraph graph = cortex.graphs().get(repo);
        CodeFacts facts = graph == null ? null : graph.files().get(file);
        if (facts == null) {
            return 0;
        }
        List<CodeGraph.Symbol> defined = facts.definitions().stream().map(d -> new CodeGraph.Symbol(d.name(), d.kind(),
                file, d.line())).toList();
        return graph.transitiveDependents(defined, 500).size();
    }
}
