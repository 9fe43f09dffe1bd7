package dev.srooter.server.admin;

import dev.srooter.server.limits.RateLimits;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * Rate limits: {@code PUT /api/limits/users/{username} {"requestsPerMinute": 60, "tokensPerMinute": 200000}},
 * {@code users/*} for every user without their own, and {@code keys/{keyId}}. Over a limit, requests get 429
 * with {@code retry-after} in the caller's format.
 */
@Path("/limits")
@RequestScoped
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.LEAD})
public class LimitResource {

    public record LimitBody(Integer requestsPerMinute, Integer tokensPerMinute) {
    }

    @Inject
    RateLimits limits;

    @GET
    public List<RateLimits.Limit> list() {
        return limits.list();
    }

    @PUT
    @Path("users/{username}")
    public RateLimits.Limit putUser(@PathParam("username") String username, LimitBody body) {
        return put("user:" + username, body);
    }

    @PUT
    @Path("keys/{keyId}")
    public RateLimits.Limit putKey(@PathParam("keyId") String keyId, LimitBody body) {
        return put("key:" + keyId, body);
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

    /** Forgets what every window counted so far (a raised limit felt at once). */
    @DELETE
    @Path("counts")
    public Response resetCounts() {
        limits.resetCounts();
        return Response.noContent().build();
    }

    private RateLimits.Limit put(String id, LimitBody body) {
        if (body == null || (body.requestsPerMinute() == null && body.tokensPerMinute() == null)) {
            throw ApiError.of(400, "requestsPerMinute or tokensPerMinute is required");
        }
        if ((body.requestsPerMinute() != null && body.requestsPerMinute() < 1)
                || (body.tokensPerMinute() != null && body.tokensPerMinute() < 1)) {
            throw ApiError.of(400, "limits are whole numbers of at least 1");
        }
        return limits.put(id, body.requestsPerMinute(), body.tokensPerMinute());
    }

    private Response remove(String id) {
        if (!limits.remove(id)) {
            throw ApiError.of(404, "no rate limit " + id);
        }
        return Response.noContent().build();
    }
}
