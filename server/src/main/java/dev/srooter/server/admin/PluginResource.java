package dev.srooter.server.admin;

import dev.srooter.server.audit.AuditSinks;
import dev.srooter.server.plugins.PluginHost;
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
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The plugins, and swapping them without a redeploy: upload a jar ({@code POST /api/plugins}, the jar as the
 * body; a plugin of the same id is replaced), enable, disable, reload, remove. Requests under way finish on the
 * plugins they started with; the next request uses the new ones.
 */
@Path("/plugins")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class PluginResource {

    @Inject
    PluginHost plugins;

    @Inject
    ProviderCatalog providers;

    @Inject
    dev.srooter.server.plugins.PluginJars jars;

    @GET
    public List<PluginHost.PluginInfo> list() {
        return plugins.plugins();
    }

    @POST
    @Consumes({"application/java-archive", MediaType.APPLICATION_OCTET_STREAM, "application/zip"})
    public Response upload(InputStream jar) {
        PluginHost.PluginInfo installed = act(() -> jars.install(jar)); // here, and for every node sharing the database
        return Response.status(201).entity(installed).build();
    }

    @POST
    @Path("{id}/enable")
    public PluginHost.PluginInfo enable(@PathParam("id") String id) {
        return act(() -> {
            plugins.enable(id);
            return info(id);
        });
    }

    @POST
    @Path("{id}/disable")
    public PluginHost.PluginInfo disable(@PathParam("id") String id) {
        return act(() -> {
            plugins.disable(id);
            return info(id);
        });
    }

    @POST
    @Path("{id}/reload")
    public PluginHost.PluginInfo reload(@PathParam("id") String id) {
        return act(() -> {
            plugins.reload(id);
            return info(id);
        });
    }

    @DELETE
    @Path("{id}")
    public Response remove(@PathParam("id") String id) {
        act(() -> {
            jars.remove(id);
            return null;
        });
        return Response.noContent().build();
    }

    /** Runs a change (saving the plugins' states with it), then points the model directory at the new generation. */
    private <T> T act(dev.srooter.server.plugins.PluginJars.Change<T> action) {
        T result;
        try {
            result = jars.change(action);
        } catch (PluginHost.PluginProblem problem) {
            throw ApiError.of(problem.status, problem.getMessage());
        } catch (IOException e) {
            throw ApiError.of(500, "plugin files could not be written: " + e.getMessage());
        }
        providers.refreshDirectory();
        return result;
    }

    private PluginHost.PluginInfo info(String id) {
        return plugins.plugins().stream().filter(p -> p.id().equals(id)).findFirst()
                .orElseThrow(() -> ApiError.of(404, "no plugin with id '" + id + "'"));
    }
}
