package dev.srooter.server.admin;

import dev.srooter.server.budget.Budgets;
import dev.srooter.server.budget.Period;
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
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Spending caps: {@code PUT /api/budgets/org {"limitUsd": 5000, "period": "monthly"}}, and the same for
 * {@code teams/{team}}, {@code users/{username}} and {@code keys/{keyId}}. {@code "hardStop": true} refuses
 * requests once the cap is spent instead of moving them to cheaper models.
 */
@Path("/budgets")
@RequestScoped
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.LEAD})
public class BudgetResource {

    public record Cap(BigDecimal limitUsd, String period, Boolean hardStop) {
    }

    public record BudgetView(String id, String scope, String subject, BigDecimal limitUsd, String period,
                             boolean hardStop, Instant periodStart, BigDecimal spentUsd, BigDecimal reservedUsd,
                             BigDecimal remainingUsd) {
        static BudgetView of(Budgets.Budget b) {
            int colon = b.id().indexOf(':');
            return new BudgetView(b.id(), colon < 0 ? b.id() : b.id().substring(0, colon),
                    colon < 0 ? null : b.id().substring(colon + 1), b.limitUsd().stripTrailingZeros(),
                    b.period().label(), b.hardStop(), b.periodStart(), b.spentUsd().stripTrailingZeros(),
                    b.reservedUsd().stripTrailingZeros(), b.remainingUsd().stripTrailingZeros());
        }
    }

    @Inject
    Budgets budgets;

    @GET
    public List<BudgetView> list() {
        return budgets.list().stream().map(BudgetView::of).toList();
    }

    /** Spend per day (UTC) under a cap's subject, from the audit log: {@code ?days=30}. */
    @GET
    @Path("{id}/daily")
    public Map<String, BigDecimal> daily(@PathParam("id") String id, @QueryParam("days") @DefaultValue("30") int days) {
        if (days < 1 || days > 366) {
            throw ApiError.of(400, "days must be between 1 and 366");
        }
        if (!id.equals(Budgets.ORG) && !id.matches("(team|user|key):.+")) {
            throw ApiError.of(400, "id must be org, team:<team>, user:<username> or key:<key id>");
        }
        return budgets.daily(id, days);
    }

    @PUT
    @Path("org")
    public BudgetView putOrg(Cap cap) {
        return put(Budgets.ORG, cap);
    }

    @PUT
    @Path("teams/{team}")
    public BudgetView putTeam(@PathParam("team") String team, Cap cap) {
        return put("team:" + team, cap);
    }

    @PUT
    @Path("users/{username}")
    public BudgetView putUser(@PathParam("username") String username, Cap cap) {
        return put("user:" + username, cap);
    }

    @PUT
    @Path("keys/{keyId}")
    public BudgetView putKey(@PathParam("keyId") String keyId, Cap cap) {
        return put("key:" + keyId, cap);
    }

    @DELETE
    @Path("org")
    public Response removeOrg() {
        return remove(Budgets.ORG);
    }

    @DELETE
    @Path("teams/{team}")
    public Response removeTeam(@PathParam("team") String team) {
        return remove("team:" + team);
    }

    @DELETE
    @Path("users/{username}")
    public Response removeUser(@PathParam("username") String username) {
        return remove("user:" + username);
    }

    @DELETE
    @Path("keys/{keyId}")
    public Response removeKey(@PathParam("keyId") String keyId) {
        return remove("key:" + keyId);
    }

    private BudgetView put(String id, Cap cap) {
        if (cap == null || cap.limitUsd() == null || cap.limitUsd().signum() < 0) {
            throw ApiError.of(400, "limitUsd is required: a number of US dollars, 0 or more");
        }
        Period period;
        try {
            period = Period.parse(cap.period());
        } catch (IllegalArgumentException e) {
            throw ApiError.of(400, e.getMessage());
        }
        return BudgetView.of(budgets.put(id, cap.limitUsd(), period, Boolean.TRUE.equals(cap.hardStop())));
    }

    private Response remove(String id) {
        if (!budgets.remove(id)) {
            throw ApiError.of(404, "no budget " + id);
        }
        return Response.noContent().build();
    }
}
