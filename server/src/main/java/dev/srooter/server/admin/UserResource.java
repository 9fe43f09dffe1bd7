package dev.srooter.server.admin;

import dev.srooter.server.keys.GatewayKeys;
import dev.srooter.server.keys.Users;
import dev.srooter.server.security.PasswordHasher;
import dev.srooter.server.security.TokenIssuer;
import dev.srooter.server.store.UserAccount;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * People and their roles: admin (everything), lead (routing, skills, policies, budgets), developer (own keys and
 * usage), auditor (audit log and exports). Only admins manage users; anyone may change their own password.
 */
@Path("/users")
@RequestScoped
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class UserResource {

    static final Set<String> ROLES = Set.of(Roles.ADMIN, Roles.LEAD, Roles.DEVELOPER, Roles.AUDITOR);
    private static final int MIN_PASSWORD = 12;

    public record NewUser(String username, String password, String role, String team) {
    }

    /** {@code id} is what a key's {@code userId} names. */
    public record UserView(String username, String role, String team, Instant createdAt, String id) {
        static UserView of(UserAccount u) {
            return new UserView(u.username, u.role, u.team, u.createdAt, u.id);
        }
    }

    public record RoleBody(String role) {
    }

    public record TeamBody(String team) {
    }

    /** {@code currentPassword} is required when the password is one's own. */
    public record PasswordBody(String password, String currentPassword) {
    }

    @Inject
    Users users;

    @Inject
    GatewayKeys keys;

    @Inject
    JsonWebToken jwt;

    @Inject
    TokenIssuer tokens;

    @GET
    public List<UserView> list() {
        return users.list().stream().map(UserView::of).toList();
    }

    @POST
    public Response create(NewUser body) {
        if (body == null || body.username() == null || !body.username().matches("[A-Za-z0-9._@-]{1,100}")) {
            throw ApiError.of(400, "username is required: 1 to 100 letters, digits, '.', '_', '@' or '-'");
        }
        String role = role(body.role() == null ? Roles.DEVELOPER : body.role());
        password(body.password());
        if (users.find(body.username()).isPresent()) {
            throw ApiError.of(409, "a user named '" + body.username() + "' already exists");
        }
        UserAccount user = users.create(body.username(), body.password(), role, blankToNull(body.team()));
        return Response.status(201).entity(UserView.of(user)).build();
    }

    @GET
    @Path("{username}")
    public UserView get(@PathParam("username") String username) {
        return users.find(username).map(UserView::of).orElseThrow(() -> notFound(username));
    }

    @PUT
    @Path("{username}/role")
    public UserView setRole(@PathParam("username") String username, RoleBody body) {
        String role = role(body == null ? null : body.role());
        UserAccount current = users.find(username).orElseThrow(() -> notFound(username));
        if (Roles.ADMIN.equals(current.role) && !Roles.ADMIN.equals(role) && users.countByRole(Roles.ADMIN) == 1) {
            throw ApiError.of(409, "'" + username + "' is the last admin; make another admin first");
        }
        UserView view = users.update(username, u -> {
            u.role = role;
            u.endSessions(); // tokens carry the role they were issued with
        }).map(UserView::of).orElseThrow();
        keys.forgetCallers();
        return view;
    }

    /** Puts a user in a team (null or blank: none); the team's rules, policies and budget apply from the next request. */
    @PUT
    @Path("{username}/team")
    @RolesAllowed({Roles.ADMIN, Roles.LEAD})
    public TeamBody setTeam(@PathParam("username") String username, TeamBody body) {
        String team = body == null ? null : blankToNull(body.team());
        users.update(username, u -> u.team = team).orElseThrow(() -> notFound(username));
        keys.forgetCallers();
        return new TeamBody(team);
    }

    /**
     * An admin sets anyone's password; everyone else only their own, and one's own only with the current one. Every
     * session of the user ends; when the password was one's own, the answer carries a fresh token for this one.
     */
    @PUT
    @Path("{username}/password")
    @RolesAllowed({Roles.ADMIN, Roles.LEAD, Roles.DEVELOPER, Roles.AUDITOR})
    public Response setPassword(@PathParam("username") String username, PasswordBody body) {
        boolean own = username.equals(jwt.getName());
        if (!jwt.getGroups().contains(Roles.ADMIN) && !own) {
            throw ApiError.of(403, "only admins set other people's passwords");
        }
        password(body == null ? null : body.password());
        if (own && (body.currentPassword() == null || users.authenticate(username, body.currentPassword()).isEmpty())) {
            throw ApiError.of(403, "the current password is required to change one's own, and it did not match");
        }
        String hash = PasswordHasher.hash(body.password());
        UserAccount user = users.update(username, u -> {
            u.passwordHash = hash;
            u.endSessions();
        }).orElseThrow(() -> notFound(username));
        return own ? Response.ok(new AuthResource.Token(tokens.issue(user.username, user.role,
                user.tokenGeneration()), user.username, user.role)).build() : Response.noContent().build();
    }

    @DELETE
    @Path("{username}")
    public Response delete(@PathParam("username") String username) {
        UserAccount user = users.find(username).orElseThrow(() -> notFound(username));
        if (username.equals(jwt.getName())) {
            throw ApiError.of(409, "you cannot delete yourself");
        }
        if (Roles.ADMIN.equals(user.role) && users.countByRole(Roles.ADMIN) == 1) {
            throw ApiError.of(409, "'" + username + "' is the last admin");
        }
        users.delete(username);
        keys.forgetCallers();
        return Response.noContent().build();
    }

    private static String role(String role) {
        if (role == null || !ROLES.contains(role)) {
            throw ApiError.of(400, "role must be one of admin, lead, developer, auditor");
        }
        return role;
    }

    private static void password(String password) {
        if (password == null || password.length() < MIN_PASSWORD) {
            throw ApiError.of(400, "password must be at least " + MIN_PASSWORD + " characters");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static jakarta.ws.rs.WebApplicationException notFound(String username) {
        return ApiError.of(404, "no user " + username);
    }
}
