package dev.srooter.server.admin;

import dev.srooter.server.budget.Period;
import dev.srooter.server.store.Sql;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who am I, and what have I used this month: everyone sees their own; admins, leads and auditors may ask for
 * anyone's ({@code ?username=}).
 */
@Path("/")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.LEAD, Roles.DEVELOPER, Roles.AUDITOR})
public class UsageResource {

    public record Me(String username, String role) {
    }

    public record ModelUsage(String model, long requests, long inputTokens, long outputTokens, double costUsd) {
    }

    public record Usage(String username, Instant since, long requests, double costUsd, List<ModelUsage> byModel) {
    }

    @Inject
    JsonWebToken jwt;

    @Inject
    Sql sql;

    @GET
    @Path("me")
    public Me me() {
        return new Me(jwt.getName(), jwt.getGroups().stream().findFirst().orElse(null));
    }

    @GET
    @Path("usage")
    public Usage usage(@QueryParam("username") String username) {
        String who = username == null || username.isBlank() ? jwt.getName() : username;
        if (!who.equals(jwt.getName()) && jwt.getGroups().contains(Roles.DEVELOPER)) {
            throw ApiError.of(403, "developers see their own usage only");
        }
        Instant since = Period.MONTHLY.start(Instant.now());
        List<ModelUsage> byModel = sql.query("SELECT served_model, COUNT(*), SUM(input_tokens), SUM(output_tokens),"
                + " SUM(cost_usd) FROM audit_records WHERE username = ? AND created_at >= ? GROUP BY served_model"
                + " ORDER BY 5 DESC", row -> new ModelUsage(row.getString(1), row.getLong(2), row.getLong(3),
                row.getLong(4), row.getDouble(5)), who, since);
        return new Usage(who, since, byModel.stream().mapToLong(ModelUsage::requests).sum(),
                byModel.stream().mapToDouble(ModelUsage::costUsd).sum(), byModel);
    }
}
