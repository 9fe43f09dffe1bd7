package dev.srooter.server.admin;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The admin API's error body, {@code {"error": "..."}}, and a shortcut to throw one. */
public record ApiError(String error) {

    public static WebApplicationException of(int status, String message) {
        return new WebApplicationException(message, Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE).entity(new ApiError(message)).build());
    }
}
