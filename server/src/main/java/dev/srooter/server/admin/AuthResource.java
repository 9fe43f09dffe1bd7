package dev.srooter.server.admin;

import dev.srooter.server.keys.Users;
import dev.srooter.server.security.LoginGuard;
import dev.srooter.server.security.TokenIssuer;
import dev.srooter.server.store.UserAccount;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.MediaType;

/** Trades a username and password for a signed token to use on the rest of the admin API. */
@Path("/auth")
@RequestScoped
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    public record Login(String username, String password) {
    }

    public record Token(String token, String username, String role) {
    }

    @Inject
    Users users;

    @Inject
    TokenIssuer tokens;

    @Inject
    LoginGuard guard;

    @Context
    HttpServletRequest request;

    /** The caller's address, as the server sees it (behind a proxy, the proxy's: see docs/governance.md). */
    private String address() {
        return request == null ? "unknown" : request.getRemoteAddr();
    }

    @POST
    @Path("/login")
    @PermitAll
    public Token login(Login login) {
        if (login == null || login.username() == null || login.password() == null) {
            throw ApiError.of(400, "username and password are required");
        }
        UserAccount user;
        try {
            user = guard.attempt(login.username(), address(), () -> users.authenticate(login.username(),
                    login.password()));
        } catch (LoginGuard.Refused refused) {
            throw new WebApplicationException(refused.getMessage(), Response.status(429)
                    .header("retry-after", refused.retryAfterSeconds()).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new ApiError(refused.getMessage())).build());
        }
        if (user == null) {
            throw ApiError.of(401, "wrong username or password");
        }
        return new Token(tokens.issue(user.username, user.role, user.tokenGeneration()), user.username, user.role);
    }
}
