package dev.srooter.server.admin;

import dev.srooter.server.plugins.PluginHost;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The plugins the server loaded, with their state. */
@Path("/plugins")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class PluginResource {

    @Inject
    PluginHost plugins;

    @GET
    public List<PluginHost.PluginInfo> list() {
        return plugins.plugins();
    }
}
