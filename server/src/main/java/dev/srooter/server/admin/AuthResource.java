package dev.srooter.server.admin;

import dev.srooter.server.keys.Users;
import dev.srooter.server.security.TokenIssuer;
import dev.srooter.server.store.UserAccount;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
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

    @POST
    @Path("/login")
    @PermitAll
    public Token login(Login login) {
        if (login == null || login.username() == null || login.password() == null) {
            throw ApiError.of(400, "username and password are required");
        }
        UserAccount user = users.authenticate(login.username(), login.password())
                .orElseThrow(() -> ApiError.of(401, "wrong username or password"));
        return new Token(tokens.issue(user.username, user.role), user.username, user.role);
    }
}
