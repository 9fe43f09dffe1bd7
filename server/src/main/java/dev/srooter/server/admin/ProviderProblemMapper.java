package dev.srooter.server.admin;

import dev.srooter.server.providers.ProviderCatalog.ProviderProblem;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A provider that cannot be added answers with the reason, not a stack trace. */
@Provider
public class ProviderProblemMapper implements ExceptionMapper<ProviderProblem> {

    @Override
    public Response toResponse(ProviderProblem problem) {
        return Response.status(problem.status()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(problem.getMessage())).build();
    }
}
