package dev.srooter.server.admin;

import dev.srooter.server.keys.Users;
import dev.srooter.server.security.TokenIssuer;
import dev.srooter.server.store.UserAccount;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A token speaks for its user only while that user is as the token says: still there, in the same role, with the
 * same credentials. A deleted or demoted admin once kept admin (plugin upload included) for the token's eight
 * hours, and a password change left other sessions open. Runs before the role checks of every resource.
 */
@Provider
@Priority(Priorities.AUTHENTICATION + 10)
public class CurrentCredentials implements ContainerRequestFilter {

    @Inject
    Users users;

    @Override
    public void filter(ContainerRequestContext request) {
        Principal principal = request.getSecurityContext().getUserPrincipal();
        if (!(principal instanceof JsonWebToken)) {
            return; // no token: the resource's own rules decide (login, the health check)
        }
        JsonWebToken token = (JsonWebToken) principal;
        String stale = staleBecause(token, users.find(token.getName()));
        if (stale != null) {
            request.abortWith(Response.status(401).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new ApiError("this token is no longer valid (" + stale + "); log in again")).build());
        }
    }

    /** Why the token no longer speaks for its user, or null when it does. */
    static String staleBecause(JsonWebToken token, Optional<UserAccount> user) {
        if (user.isEmpty()) {
            return "the user no longer exists";
        }
        if (token.getGroups() == null || !token.getGroups().contains(user.get().role)) {
            return "the user's role changed";
        }
        if (generation(token) != user.get().tokenGeneration()) {
            return "the user's password or role changed";
        }
        return null;
    }

    private static int generation(JsonWebToken token) {
        Object claim = token.getClaim(TokenIssuer.GENERATION);
        if (claim instanceof JsonNumber) {
            return ((JsonNumber) claim).intValue();
        }
        return claim instanceof Number ? ((Number) claim).intValue() : 0;
    }
}
