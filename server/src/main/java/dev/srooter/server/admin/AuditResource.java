package dev.srooter.server.admin;

import dev.srooter.server.audit.AuditExport;
import dev.srooter.server.audit.AuditQuery;
import dev.srooter.server.audit.AuditSinks;
import dev.srooter.server.audit.AuditStore;
import dev.srooter.server.store.AuditRecord;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The audit log: records filtered by time, user, team, model, route and status, newest first and page by page;
 * exports (CSV, JSON Lines) with the same filters; the admin API's own change log; and the audit sinks.
 */
@Path("/audit")
@RequestScoped
@RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
public class AuditResource {

    /** The filters, as query parameters: {@code from}/{@code to} are ISO-8601 instants. */
    public static class Filters {
        @QueryParam("from") String from;
        @QueryParam("to") String to;
        @QueryParam("user") String user;
        @QueryParam("team") String team;
        @QueryParam("model") String model;
        @QueryParam("route") String route;
        @QueryParam("status") String status;
        @QueryParam("task") String task;

        AuditQuery query() {
            try {
                return new AuditQuery(instant(from, "from"), instant(to, "to"), blank(user), blank(model),
                        blank(route), blank(status), blank(team), blank(task));
            } catch (IllegalArgumentException e) {
                throw ApiError.of(400, e.getMessage());
            }
        }

        private static Instant instant(String value, String name) {
            if (value == null || value.isBlank()) {
                return null;
            }
            try {
                return Instant.parse(value.trim());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(name + " must be an ISO-8601 instant such as 2026-12-01T00:00:00Z");
            }
        }

        private static String blank(String s) {
            return s == null || s.isBlank() ? null : s.trim();
        }
    }

    public record SinkBody(Boolean enabled, JsonObject settings) {
    }

    @Inject
    AuditStore store;

    @Inject
    AdminEvents adminEvents;

    @Inject
    AuditSinks sinks;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<AuditRecord> newest(@BeanParam Filters filters, @QueryParam("limit") @DefaultValue("100") int limit,
                                    @QueryParam("offset") @DefaultValue("0") int offset) {
        if (limit < 1 || limit > 10_000) {
            throw ApiError.of(400, "limit must be between 1 and 10000");
        }
        if (offset < 0) {
            throw ApiError.of(400, "offset must be 0 or more");
        }
        return store.newest(filters.query(), offset, limit);
    }

    @GET
    @Path("/export")
    public Response export(@BeanParam Filters filters, @QueryParam("format") @DefaultValue("csv") String format) {
        AuditQuery query = filters.query();
        return switch (format) {
            case "csv" -> download((StreamingOutput) out -> AuditExport.csv(store, query, out),
                    "text/csv; charset=utf-8", "csv");
            case "jsonl" -> download((StreamingOutput) out -> AuditExport.jsonLines(store, query, out),
                    "application/x-ndjson", "jsonl");
            default -> throw ApiError.of(400, "format must be csv or jsonl");
        };
    }

    /** Changes made through the admin API, newest first: who, what, when. */
    @GET
    @Path("/admin")
    @Produces(MediaType.APPLICATION_JSON)
    public List<AdminEvents.Event> adminChanges(@QueryParam("limit") @DefaultValue("100") int limit,
                                                @QueryParam("user") String user) {
        if (limit < 1 || limit > 10_000) {
            throw ApiError.of(400, "limit must be between 1 and 10000");
        }
        return adminEvents.newest(limit, user == null || user.isBlank() ? null : user);
    }

    @GET
    @Path("/sinks")
    @Produces(MediaType.APPLICATION_JSON)
    public List<AuditSinks.State> sinks() {
        return sinks.list().stream().map(AuditSinks.State::masked).toList(); // auditors read this too
    }

    /** Enables or disables a sink plugin, with its settings: {@code {"enabled": true, "settings": {"dir": ...}}}. */
    @PUT
    @Path("/sinks/{name}")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public List<AuditSinks.State> putSink(@PathParam("name") String name, SinkBody body) {
        if ("database".equals(name)) {
            throw ApiError.of(400, "the database sink is always on: srooter's audit queries read it");
        }
        if (body == null || body.enabled() == null) {
            throw ApiError.of(400, "enabled is required");
        }
        if (body.enabled()) {
            requireInstalled(name);
        }
        try {
            sinks.put(name, body.enabled(), body.settings() == null ? JsonValue.EMPTY_JSON_OBJECT : body.settings());
        } catch (IllegalArgumentException refused) {
            throw ApiError.of(400, refused.getMessage());
        }
        return sinks();
    }

    /**
     * Sends one made-up record ({@code sink-test-...}, in no database) to a sink with its saved settings, now: 200
     * with its id when the sink delivered it, 502 with the sink's reason when not.
     */
    @POST
    @Path("/sinks/{name}/test")
    @RolesAllowed(Roles.ADMIN)
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject testSink(@PathParam("name") String name, @Context SecurityContext caller) {
        requireInstalled(name);
        try {
            String id = sinks.test(name, caller.getUserPrincipal().getName());
            return Json.createObjectBuilder().add("delivered", true).add("id", id).build();
        } catch (IllegalArgumentException unsaved) {
            throw ApiError.of(400, unsaved.getMessage());
        } catch (IllegalStateException failed) {
            throw ApiError.of(502, failed.getMessage());
        }
    }

    private void requireInstalled(String name) {
        if (sinks.list().stream().noneMatch(s -> s.name().equals(name) && s.installed())) {
            throw ApiError.of(404, "no audit sink plugin named '" + name + "' is installed");
        }
    }

    private static Response download(StreamingOutput body, String type, String extension) {
        return Response.ok(body, type)
                .header("content-disposition", "attachment; filename=\"srooter-audit." + extension + "\"").build();
    }
}
