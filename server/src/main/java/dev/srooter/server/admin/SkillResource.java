package dev.srooter.server.admin;

import dev.srooter.api.Intent;
import dev.srooter.api.Skill;
import dev.srooter.server.plugins.PluginHost;
import dev.srooter.server.skills.ActiveSkill;
import dev.srooter.server.skills.SkillBook;
import dev.srooter.server.skills.SkillRow;
import dev.srooter.server.skills.Skills;
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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Skills: {@code POST /api/skills {"name", "text", "kind": "soft"|"hard", "priority", "intents": [...],
 * "paths": [...], "repositories": [...], "offForTeams": [...], "enabled"}} defines one; {@code PUT} replaces it,
 * or sets a plugin skill's settings (everything but its text and kind). A change applies from the next request.
 */
@Path("/skills")
@RequestScoped
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.LEAD})
public class SkillResource {

    public record SkillBody(String name, String text, String kind, Integer priority, List<String> intents,
                            List<String> paths, List<String> repositories, List<String> offForTeams, Boolean enabled) {
    }

    public record SkillView(String name, String kind, int priority, List<String> intents, List<String> paths,
                            List<String> repositories, List<String> offForTeams, boolean enabled, String text,
                            String source) {
        static SkillView of(ActiveSkill s) {
            return new SkillView(s.name(), s.kind().name().toLowerCase(Locale.ROOT), s.priority(), s.intents(),
                    s.paths(), s.repositories(), s.offForTeams(), s.enabled(),
                    s.plugin() == null ? s.text() : pluginText(s.plugin()), s.source());
        }

        /** A plugin skill's text for no request in particular (it may depend on the request; then none). */
        private static String pluginText(Skill plugin) {
            try {
                return plugin.text(null);
            } catch (RuntimeException dependsOnTheRequest) {
                return null;
            }
        }
    }

    private static final int MAX_TEXT = 16_000;

    @Inject
    SkillBook book;

    @Inject
    Skills skills;

    @Inject
    PluginHost plugins;

    @Inject
    org.eclipse.microprofile.jwt.JsonWebToken jwt;

    /**
     * A hard skill is a rule the org set (the secrets guard keeps credentials from reaching any model): leads manage
     * soft skills, and only admins define, change, turn off or delete a hard one. A lead once could switch the
     * secrets guard off.
     */
    private void mayChange(Optional<ActiveSkill> existing, SkillBody body) {
        boolean hard = existing.map(s -> s.kind() == Skill.Kind.HARD).orElse(false)
                || body != null && body.kind() != null && body.kind().equalsIgnoreCase("hard");
        if (hard && (jwt.getGroups() == null || !jwt.getGroups().contains(Roles.ADMIN))) {
            throw ApiError.of(403, "only admins change hard skills");
        }
    }

    @GET
    public List<SkillView> list() {
        return skills.all(plugins.skills()).stream().map(SkillView::of).toList();
    }

    @GET
    @Path("{name}")
    public SkillView get(@PathParam("name") String name) {
        return find(name).map(SkillView::of).orElseThrow(() -> ApiError.of(404, "no skill named '" + name + "'"));
    }

    @POST
    public Response create(SkillBody body) {
        if (body == null || body.name() == null || !body.name().matches("[a-z0-9][a-z0-9._-]{0,99}")) {
            throw ApiError.of(400, "name is required: lower-case letters, digits, '.', '_' or '-', up to 100");
        }
        mayChange(Optional.empty(), body);
        if (find(body.name()).isPresent()) {
            throw ApiError.of(409, "a skill named '" + body.name() + "' exists; PUT /api/skills/" + body.name()
                    + " changes it");
        }
        book.put(row(body.name(), body, null));
        return Response.status(201).entity(get(body.name())).build();
    }

    @PUT
    @Path("{name}")
    public SkillView replace(@PathParam("name") String name, SkillBody body) {
        if (body == null) {
            throw ApiError.of(400, "the body must be the skill");
        }
        Optional<ActiveSkill> existing = find(name);
        mayChange(existing, body);
        Skill plugin = existing.map(ActiveSkill::plugin).orElse(null);
        if (existing.isEmpty() && (body.text() == null)) {
            throw ApiError.of(404, "no skill named '" + name + "'; POST /api/skills defines one");
        }
        book.put(row(name, body, plugin));
        return get(name);
    }

    @DELETE
    @Path("{name}")
    public Response remove(@PathParam("name") String name) {
        Optional<ActiveSkill> existing = find(name);
        if (existing.isEmpty()) {
            throw ApiError.of(404, "no skill named '" + name + "'");
        }
        mayChange(existing, null);
        if (existing.get().plugin() != null) {
            throw ApiError.of(409, "'" + name + "' comes from a plugin: PUT it with \"enabled\": false to turn it off");
        }
        book.remove(name);
        return Response.noContent().build();
    }

    private Optional<ActiveSkill> find(String name) {
        return skills.all(plugins.skills()).stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Checks a body and makes the stored row; {@code plugin} set: settings for a plugin's skill. */
    private static SkillRow row(String name, SkillBody body, Skill plugin) {
        String kind;
        if (plugin != null) {
            if (body.text() != null || (body.kind() != null
                    && !body.kind().equalsIgnoreCase(plugin.kind().name()))) {
                throw ApiError.of(400, "'" + name + "' comes from a plugin: its text and kind are its own");
            }
            kind = plugin.kind().name().toLowerCase(Locale.ROOT);
        } else {
            if (body.text() == null || body.text().isBlank()) {
                throw ApiError.of(400, "text is required");
            }
            if (body.text().length() > MAX_TEXT) {
                throw ApiError.of(400, "text is longer than " + MAX_TEXT + " characters");
            }
            kind = body.kind() == null ? "soft" : body.kind().toLowerCase(Locale.ROOT);
            if (!kind.equals("soft") && !kind.equals("hard")) {
                throw ApiError.of(400, "kind must be soft or hard");
            }
        }
        List<String> intents = clean(body.intents());
        for (String intent : intents) {
            if (Arrays.stream(Intent.values()).noneMatch(i -> i.name().equalsIgnoreCase(intent))) {
                throw ApiError.of(400, "unknown intent '" + intent + "': trivial, substantive, architecture, security");
            }
        }
        List<String> offForTeams = clean(body.offForTeams());
        if (kind.equals("hard") && !offForTeams.isEmpty()) {
            throw ApiError.of(400, "a hard skill cannot be turned off for a team");
        }
        int priority = body.priority() != null ? body.priority() : plugin != null ? plugin.priority() : 100;
        boolean enabled = body.enabled() != null ? body.enabled() : plugin == null || plugin.enabledByDefault();
        return new SkillRow(name, plugin == null ? body.text().strip() : null, kind, priority,
                intents.stream().map(i -> i.toLowerCase(Locale.ROOT)).toList(), clean(body.paths()),
                clean(body.repositories()), offForTeams, enabled);
    }

    private static List<String> clean(List<String> list) {
        return list == null ? List.of() : list.stream().filter(s -> s != null && !s.isBlank()).map(String::trim)
                .toList();
    }
}
