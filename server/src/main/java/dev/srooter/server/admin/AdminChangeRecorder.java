package dev.srooter.server.admin;

import dev.srooter.server.security.SecretNames;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Records every change made through the admin API (any method but GET, HEAD and OPTIONS; logins excepted):
 * who, with which role, what (method, path and body with passwords, keys and tokens masked), when, and the
 * status it ended with, refusals included. Read back with {@code GET /api/audit/admin}. A change that succeeded is
 * also signalled to the other nodes ({@link dev.srooter.server.ClusterChanges}).
 */
@Provider
public class AdminChangeRecorder implements ContainerRequestFilter, ContainerResponseFilter {

    private static final Logger LOG = Logger.getLogger(AdminChangeRecorder.class.getName());
    private static final String DETAIL = "srooter.adminChange";
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    private static final int MAX_BODY = 64 * 1024;
    /** The largest JSON body the admin API takes (skills and policies are a few KiB). */
    static final int MAX_JSON_BODY = 1024 * 1024;

    @Inject
    AdminEvents events;

    @Inject
    JsonWebToken jwt;

    @Inject
    dev.srooter.server.ClusterChanges cluster;

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        if (!recorded(request)) {
            return;
        }
        String detail = null;
        if (request.hasEntity()) {
            MediaType type = request.getMediaType();
            if (type != null && type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                // a JSON body is read here for the record, so here is where its size is bounded: one request
                // once could send gigabytes and have them all read into the heap
                if (request.getLength() > MAX_JSON_BODY) {
                    request.abortWith(tooLarge());
                    return;
                }
                byte[] all = request.getEntityStream().readNBytes(MAX_JSON_BODY + 1);
                if (all.length > MAX_JSON_BODY) {
                    request.abortWith(tooLarge());
                    return;
                }
                request.setEntityStream(new ByteArrayInputStream(all));
                detail = masked(new String(all, StandardCharsets.UTF_8));
            } else {
                detail = "(" + (type == null ? "unknown type" : type.toString()) + " body, "
                        + (request.getLength() < 0 ? "size unknown" : request.getLength() + " bytes") + ")";
            }
        }
        request.setProperty(DETAIL, detail == null ? "" : detail);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!recorded(request)) {
            return;
        }
        Principal who = request.getSecurityContext().getUserPrincipal();
        String role = null;
        try {
            if (who != null && jwt.getGroups() != null && !jwt.getGroups().isEmpty()) {
                role = jwt.getGroups().iterator().next();
            }
        } catch (RuntimeException noToken) {
            // refused before authentication: recorded without a role
        }
        Object detail = request.getProperty(DETAIL);
        try {
            events.record(who == null ? null : who.getName(), role, request.getMethod(),
                    "/api/" + request.getUriInfo().getPath().replaceFirst("^/", ""), response.getStatus(),
                    detail == null || detail.toString().isEmpty() ? null : detail.toString());
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "srooter: could not record an admin change", e);
        }
        if (response.getStatus() < 300) {
            try {
                cluster.changed(); // other nodes reload what they hold in memory within a second
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "srooter: could not tell other nodes of an admin change", e);
            }
        }
    }

    private static boolean recorded(ContainerRequestContext request) {
        return !READS.contains(request.getMethod().toUpperCase(Locale.ROOT))
                && !request.getUriInfo().getPath().replaceFirst("^/", "").startsWith("auth/");
    }

    /** The body with every secret-looking member's value replaced; text that is not JSON is kept out entirely. */
    static String masked(String body) {
        if (body.length() > MAX_BODY) {
            return "(JSON body, " + body.length() + " characters)";
        }
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return mask(reader.readValue()).toString();
        } catch (RuntimeException notJson) {
            return "(unreadable body, " + body.length() + " characters)";
        }
    }

    private static JsonValue mask(JsonValue value) {
        if (value instanceof JsonObject object) {
            JsonObjectBuilder out = Json.createObjectBuilder();
            object.forEach((name, v) -> out.add(name, SecretNames.secret(name) ? Json.createValue(SecretNames.MASK)
                    : mask(v)));
            return out.build();
        }
        if (value instanceof JsonArray array) {
            JsonArrayBuilder out = Json.createArrayBuilder();
            array.forEach(v -> out.add(mask(v)));
            return out.build();
        }
        return value;
    }

    private static jakarta.ws.rs.core.Response tooLarge() {
        return jakarta.ws.rs.core.Response.status(413).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError("a JSON body of the admin API is at most " + MAX_JSON_BODY / 1024 + " KiB")).build();
    }
}
