package dev.srooter.server.admin;

import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.sql.SQLTransactionRollbackException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A database error in an admin call: when the database chose this call as a deadlock's victim or timed out its lock
 * (two admins changing the same rows, a read meeting a provider's removal), 503 with {@code retry-after}, since the
 * same call succeeds a moment later; any other, 500. Either way the answer says so in the API's own shape and never
 * carries the SQL or the driver's text, which go to the server log.
 */
@Provider
public class DatabaseBusyMapper implements ExceptionMapper<PersistenceException> {

    private static final Logger LOG = Logger.getLogger(DatabaseBusyMapper.class.getName());

    @Override
    public Response toResponse(PersistenceException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransactionRollbackException lost) {
                LOG.fine(() -> "srooter: an admin call lost a database lock and may be retried: " + lost.getMessage());
                return Response.status(503).header("retry-after", "1").type(MediaType.APPLICATION_JSON_TYPE)
                        .entity(new ApiError("the database was busy with another change; try again")).build();
            }
        }
        LOG.log(Level.WARNING, "srooter: an admin call failed in the database", failure);
        return Response.status(500).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError("the database refused the change; the server log says why")).build();
    }
}
