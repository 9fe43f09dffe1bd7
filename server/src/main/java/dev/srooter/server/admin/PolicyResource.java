package dev.srooter.server.admin;

import dev.srooter.api.Policy;
import dev.srooter.api.SettingSpec;
import dev.srooter.server.policy.SettingsCheck;
import dev.srooter.server.plugins.PluginHost;
import dev.srooter.server.policy.PolicyBook;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
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
 * The installed policies in the order they run, and their settings: org-wide ({@code PUT /api/policies/allowlist
 * {"models": [...]}}), per team ({@code .../teams/{team}}) and per user ({@code .../users/{username}}). The body
 * is the policy's own JSON settings; a change applies from the next request.
 */
@Path("/policies")
@RequestScoped
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.LEAD})
public class PolicyResource {

    public record Setting(String scope, String subject, JsonObject settings) {
    }

    /** {@code schema}: the settings the policy takes, for a form (empty: edited as JSON, unchecked). */
    public record PolicyView(String name, int order, String plugin, String description, List<SettingSpec> schema,
                             List<Setting> settings) {
    }

    @Inject
    PolicyBook book;

    @Inject
    PluginHost plugins;

    @GET
    public List<PolicyView> list() {
        return plugins.policies().stream().map(this::view).toList();
    }

    @GET
    @Path("{name}")
    public PolicyView get(@PathParam("name") String name) {
        return view(installed(name));
    }

    @PUT
    @Path("{name}")
    public PolicyView putOrg(@PathParam("name") String name, JsonObject settings) {
        return put(name, PolicyBook.ORG, "", settings);
    }

    @PUT
    @Path("{name}/teams/{team}")
    public PolicyView putTeam(@PathParam("name") String name, @PathParam("team") String team, JsonObject settings) {
        return put(name, PolicyBook.TEAM, team, settings);
    }

    @PUT
    @Path("{name}/users/{username}")
    public PolicyView putUser(@PathParam("name") String name, @PathParam("username") String username,
                              JsonObject settings) {
        return put(name, PolicyBook.USER, username, settings);
    }

    @DELETE
    @Path("{name}")
    public Response removeOrg(@PathParam("name") String name) {
        return remove(name, PolicyBook.ORG, "");
    }

    @DELETE
    @Path("{name}/teams/{team}")
    public Response removeTeam(@PathParam("name") String name, @PathParam("team") String team) {
        return remove(name, PolicyBook.TEAM, team);
    }

    @DELETE
    @Path("{name}/users/{username}")
    public Response removeUser(@PathParam("name") String name, @PathParam("username") String username) {
        return remove(name, PolicyBook.USER, username);
    }

    private PolicyView put(String name, String scope, String subject, JsonObject settings) {
        Policy policy = installed(name);
        if (settings == null) {
            throw ApiError.of(400, "the body must be the policy's settings, a JSON object");
        }
        String problem = SettingsCheck.problem(policy.settings(), settings);
        if (problem != null) {
            throw ApiError.of(400, "policy '" + name + "': " + problem);
        }
        book.put(name, scope, subject, settings);
        return view(installed(name));
    }

    private Response remove(String name, String scope, String subject) {
        if (!book.remove(name, scope, subject)) {
            throw ApiError.of(404, "policy '" + name + "' has no " + scope + " settings" + (subject.isEmpty() ? ""
                    : " for " + subject));
        }
        return Response.noContent().build();
    }

    private Policy installed(String name) {
        return plugins.policies().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> ApiError.of(404, "no policy named '" + name + "'; installed: "
                        + plugins.policies().stream().map(Policy::name).toList()));
    }

    private PolicyView view(Policy policy) {
        List<Setting> settings = book.entries().stream().filter(e -> e.policy().equals(policy.name()))
                .map(e -> new Setting(e.scope(), e.subject().isEmpty() ? null : e.subject(), e.config())).toList();
        String plugin = plugins.plugins().stream().filter(p -> p.extensions().contains(
                policy.getClass().getSimpleName())).map(PluginHost.PluginInfo::id).findFirst().orElse(null);
        return new PolicyView(policy.name(), policy.order(), plugin, policy.description(), policy.settings(), settings);
    }
}
