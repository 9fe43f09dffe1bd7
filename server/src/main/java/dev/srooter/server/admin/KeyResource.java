package dev.srooter.server.admin;

import dev.srooter.server.keys.GatewayKeys;
import dev.srooter.server.keys.Users;
import dev.srooter.server.store.GatewayKey;
import dev.srooter.server.store.UserAccount;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Gateway keys: minted and shown once, listed by hint, revoked at once. Developers and leads manage their own
 * keys; admins see every key, revoke any and may mint one for another user ({@code "username"}). A key may be minted
 * to expire ({@code "expiresAt"}, an ISO-8601 instant); where the deployment bounds a key's life
 * (SROOTER_KEY_MAX_DAYS), every key expires within it, by that bound when none is asked.
 */
@Path("/keys")
@RequestScoped
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.LEAD, Roles.DEVELOPER})
public class KeyResource {

    public record NewKey(String name, String username, String expiresAt) {
    }

    public record MintedKey(String id, String name, String key) {
    }

    /** How long the key being rotated keeps working beside its successor, in minutes (1,440, a day, if not given). */
    public record Rotation(Integer graceMinutes) {
    }

    public record KeyView(String id, String name, String hint, String userId, Instant createdAt, Instant revokedAt,
                          Instant expiresAt) {
    }

    @Inject
    GatewayKeys keys;

    @Inject
    Users users;

    @Inject
    JsonWebToken jwt;

    @Inject
    dev.srooter.server.GatewaySettings settings;

    @GET
    public List<KeyView> list() {
        if (isAdmin()) {
            return keys.list().stream().map(KeyResource::view).toList();
        }
        String me = me().id;
        return keys.list().stream().filter(k -> k.userId.equals(me)).map(KeyResource::view).toList();
    }

    @POST
    public Response mint(NewKey request) {
        if (request == null || request.name() == null || request.name().isBlank()) {
            throw ApiError.of(400, "name is required");
        }
        UserAccount owner = me();
        if (request.username() != null && !request.username().equals(owner.username)) {
            if (!isAdmin()) {
                throw ApiError.of(403, "only admins mint keys for other users");
            }
            owner = users.find(request.username())
                    .orElseThrow(() -> ApiError.of(404, "no user " + request.username()));
        }
        GatewayKeys.Minted minted = keys.mint(request.name().trim(), owner, expiry(request.expiresAt()));
        return Response.status(201).entity(new MintedKey(minted.key().id, minted.key().name, minted.secret())).build();
    }

    /**
     * A new key in place of an old one: the new one shown once (201), the old one working for the grace given, then
     * refused as expired. The new key expires as a newly minted one does (the deployment's bound, if any).
     */
    @POST
    @Path("{id}/rotate")
    public Response rotate(@PathParam("id") String id, Rotation request) {
        requireOwnOrAdmin(id);
        int minutes = request == null || request.graceMinutes() == null ? 1440 : request.graceMinutes();
        if (minutes < 0 || minutes > 43_200) {
            throw ApiError.of(400, "graceMinutes must be from 0 (the old key stops now) to 43200 (30 days)");
        }
        GatewayKeys.Minted minted;
        try {
            minted = keys.rotate(id, java.time.Duration.ofMinutes(minutes), expiry(null))
                    .orElseThrow(() -> ApiError.of(404, "no key with id " + id));
        } catch (GatewayKeys.NotRotatable revokedOrExpired) {
            throw ApiError.of(409, revokedOrExpired.getMessage());
        }
        return Response.status(201).entity(new MintedKey(minted.key().id, minted.key().name, minted.secret())).build();
    }

    @DELETE
    @Path("{id}")
    public Response revoke(@PathParam("id") String id) {
        requireOwnOrAdmin(id);
        if (!keys.revoke(id)) {
            throw ApiError.of(404, "no key with id " + id);
        }
        return Response.noContent().build();
    }

    /** When a new key expires: as asked, in the future and within the deployment's bound; null: never. */
    private Instant expiry(String asked) {
        Instant now = Instant.now();
        int maxDays = settings.keyMaxDays();
        Instant latest = maxDays == 0 ? null : now.plus(java.time.Duration.ofDays(maxDays));
        if (asked == null || asked.isBlank()) {
            return latest;
        }
        Instant at;
        try {
            at = Instant.parse(asked.trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiError.of(400, "expiresAt must be an ISO-8601 instant such as 2027-03-31T23:59:59Z, not '"
                    + asked + "'");
        }
        if (!at.isAfter(now)) {
            throw ApiError.of(400, "expiresAt must be in the future, not " + at);
        }
        if (latest != null && at.isAfter(latest)) {
            throw ApiError.of(400, "this server's keys expire within " + maxDays + " days (SROOTER_KEY_MAX_DAYS): "
                    + "expiresAt may be " + latest + " at the latest");
        }
        return at;
    }

    /** A developer or lead acts on their own keys only; another's is as unknown to them as a missing one. */
    private void requireOwnOrAdmin(String id) {
        if (!isAdmin() && keys.list().stream().noneMatch(k -> k.id.equals(id) && k.userId.equals(me().id))) {
            throw ApiError.of(404, "you have no key with id " + id);
        }
    }

    private boolean isAdmin() {
        return jwt.getGroups().contains(Roles.ADMIN);
    }

    private UserAccount me() {
        return users.find(jwt.getName()).orElseThrow(() -> ApiError.of(403, "the token's user no longer exists"));
    }

    private static KeyView view(GatewayKey key) {
        return new KeyView(key.id, key.name, key.keyHint, key.userId, key.createdAt, key.revokedAt, key.expiresAt);
    }
}
