package dev.srooter.server.admin;

import dev.srooter.server.providers.ModelDirectory;
import dev.srooter.server.providers.ProviderCatalog;
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
import java.util.List;

/**
 * Model aliases: a name clients ask for, served by another model. {@code claude-*} to
 * {@code ollama/qwen3-coder} lets Claude Code ask for its models and a local Qwen answer.
 */
@Path("aliases")
@RequestScoped
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class AliasResource {

    /** {@code pattern}: a model name, {@code *} matching any run of characters; {@code target}: model or provider/model. */
    public record AliasView(String pattern, String target) {
    }

    @Inject
    ProviderCatalog catalog;

    @Inject
    ModelDirectory directory;

    @GET
    public List<AliasView> list() {
        return directory.aliases().stream().map(a -> new AliasView(a.pattern(), a.target())).toList();
    }

    /** Adds an alias, or replaces the target of an existing pattern; it applies from the next request. */
    @POST
    public Response put(AliasView alias) {
        if (alias == null || blank(alias.pattern()) || blank(alias.target())) {
            throw ApiError.of(400, "pattern and target are required");
        }
        if (alias.pattern().length() > 200 || alias.target().length() > 300) {
            throw ApiError.of(400, "pattern is limited to 200 characters and target to 300");
        }
        if (directory.resolve(alias.target().trim(), null).isEmpty()) {
            throw ApiError.of(400, "no provider offers the target model '" + alias.target().trim() + "'");
        }
        catalog.putAlias(alias.pattern().trim(), alias.target().trim());
        catalog.refreshDirectory();
        return Response.status(201).entity(new AliasView(alias.pattern().trim(), alias.target().trim())).build();
    }

    @DELETE
    @Path("{pattern}")
    public Response remove(@PathParam("pattern") String pattern) {
        if (!catalog.removeAlias(pattern)) {
            throw ApiError.of(404, "no alias for pattern " + pattern);
        }
        catalog.refreshDirectory();
        return Response.noContent().build();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
