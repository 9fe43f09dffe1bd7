package dev.srooter.server.admin;

import dev.srooter.server.routing.RuleBook;
import dev.srooter.server.tasks.TaskGuard;
import dev.srooter.server.tasks.TaskLog;
import dev.srooter.server.tasks.TaskSummary;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Agent tasks: what each cost, how many turns it ran, which models served it ({@code GET /api/tasks}); and the
 * task guard that stops runaway loops ({@code /api/routing/task-guard}, org-wide and per team).
 */
@Path("/")
@RequestScoped
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class TaskResource {

    public record GuardView(Integer maxTurns, Double maxUsd, String action) {
        static GuardView of(TaskGuard guard) {
            return new GuardView(guard.maxTurns(), guard.maxUsd(), guard.action().name().toLowerCase(Locale.ROOT));
        }
    }

    @Inject
    TaskLog log;

    @Inject
    RuleBook book;

    @Inject
    JsonWebToken jwt;

    /**
     * Tasks with a turn since {@code since} (ISO-8601; the last 7 days by default), costliest first
     * ({@code sort=recent}: newest first). Developers see their own.
     */
    @GET
    @Path("tasks")
    @RolesAllowed({Roles.ADMIN, Roles.LEAD, Roles.AUDITOR, Roles.DEVELOPER})
    public List<TaskSummary> tasks(@QueryParam("since") String since, @QueryParam("user") String user,
                                   @QueryParam("team") String team, @QueryParam("sort") @DefaultValue("cost") String sort,
                                   @QueryParam("limit") @DefaultValue("20") int limit) {
        if (!sort.equals("cost") && !sort.equals("recent")) {
            throw ApiError.of(400, "sort is cost or recent");
        }
        if (limit < 1 || limit > 200) {
            throw ApiError.of(400, "limit is between 1 and 200");
        }
        Instant from;
        try {
            from = since == null || since.isBlank() ? Instant.now().minus(Duration.ofDays(7)) : Instant.parse(since);
        } catch (DateTimeParseException e) {
            throw ApiError.of(400, "since is an ISO-8601 instant, e.g. 2026-12-01T00:00:00Z");
        }
        String who = user == null || user.isBlank() ? null : user;
        if (jwt.getGroups().contains(Roles.DEVELOPER)) {
            if (who != null && !who.equals(jwt.getName())) {
                throw ApiError.of(403, "developers see their own tasks only");
            }
            who = jwt.getName();
        }
        return log.list(from, who, team == null || team.isBlank() ? null : team, sort.equals("cost"), limit);
    }

    /** The task guards set: {@code org} and {@code team:<name>}. */
    @GET
    @Path("routing/task-guard")
    @RolesAllowed({Roles.ADMIN, Roles.LEAD, Roles.AUDITOR})
    public Map<String, GuardView> guards() {
        Map<String, GuardView> views = new java.util.TreeMap<>();
        book.taskGuards().forEach((scope, guard) -> views.put(scope, GuardView.of(guard)));
        return views;
    }

    /** Sets the org-wide guard: {@code {"maxTurns": 40, "maxUsd": 5, "action": "warn|downgrade|stop"}}. */
    @PUT
    @Path("routing/task-guard")
    @RolesAllowed({Roles.ADMIN, Roles.LEAD})
    public GuardView setGuard(GuardView body) {
        return set(null, body);
    }

    @PUT
    @Path("routing/task-guard/teams/{team}")
    @RolesAllowed({Roles.ADMIN, Roles.LEAD})
    public GuardView setTeamGuard(@PathParam("team") String team, GuardView body) {
        return set(team, body);
    }

    @DELETE
    @Path("routing/task-guard")
    @RolesAllowed({Roles.ADMIN, Roles.LEAD})
    public Map<String, GuardView> removeGuard() {
        book.setTaskGuard(null, null);
        book.reload();
        return guards();
    }

    @DELETE
    @Path("routing/task-guard/teams/{team}")
    @RolesAllowed({Roles.ADMIN, Roles.LEAD})
    public Map<String, GuardView> removeTeamGuard(@PathParam("team") String team) {
        book.setTaskGuard(team, null);
        book.reload();
        return guards();
    }

    private GuardView set(String team, GuardView body) {
        if (body == null) {
            throw ApiError.of(400, "a body is required: {\"maxTurns\": 40, \"maxUsd\": 5, \"action\": \"warn\"}");
        }
        TaskGuard guard;
        try {
            TaskGuard.Action action = TaskGuard.action(body.action());
            guard = new TaskGuard(body.maxTurns(), body.maxUsd(), action);
        } catch (IllegalArgumentException e) {
            throw ApiError.of(400, e.getMessage());
        }
        book.setTaskGuard(team, guard);
        book.reload();
        return GuardView.of(guard);
    }
}
