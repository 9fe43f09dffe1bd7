package dev.srooter.server.admin;

import dev.srooter.server.store.Backups;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * Online backups of the embedded database ({@link Backups}): {@code POST /api/backups} takes one now and answers
 * when it is complete (201, with where it is); {@code GET /api/backups} lists them. On PostgreSQL a backup is a
 * 409 that says to use its own tools.
 */
@Path("/backups")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class BackupResource {

    @Inject
    Backups backups;

    @GET
    public List<Backups.Backup> list() {
        return backups.list();
    }

    @POST
    public Response take() {
        try {
            Backups.Backup taken = backups.take();
            if (taken == null) {
                throw ApiError.of(409, "a backup is being taken now; it is listed once it is complete");
            }
            return Response.status(201).entity(taken).build();
        } catch (Backups.NotEmbedded notDerby) {
            throw ApiError.of(409, notDerby.getMessage());
        }
    }
}
