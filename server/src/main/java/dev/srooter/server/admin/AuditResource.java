package dev.srooter.server.admin;

import dev.srooter.server.audit.AuditExport;
import dev.srooter.server.audit.AuditStore;
import dev.srooter.server.store.AuditRecord;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.List;

/** The audit log: the newest records, and exports of all of them. */
@Path("/audit")
@RequestScoped
@RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
public class AuditResource {

    @Inject
    AuditStore store;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<AuditRecord> newest(@QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > 10_000) {
            throw ApiError.of(400, "limit must be between 1 and 10000");
        }
        return store.newest(limit);
    }

    @GET
    @Path("/export")
    public Response export(@QueryParam("format") @DefaultValue("csv") String format) {
        return switch (format) {
            case "csv" -> download((StreamingOutput) out -> AuditExport.csv(store, out), "text/csv; charset=utf-8",
                    "csv");
            case "jsonl" -> download((StreamingOutput) out -> AuditExport.jsonLines(store, out),
                    "application/x-ndjson", "jsonl");
            default -> throw ApiError.of(400, "format must be csv or jsonl");
        };
    }

    private static Response download(StreamingOutput body, String type, String extension) {
        return Response.ok(body, type)
                .header("content-disposition", "attachment; filename=\"srooter-audit." + extension + "\"").build();
    }
}
