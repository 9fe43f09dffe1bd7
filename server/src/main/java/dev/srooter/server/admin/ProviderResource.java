package dev.srooter.server.admin;

import dev.srooter.api.WireFormat;
import dev.srooter.server.providers.ModelDirectory;
import dev.srooter.server.providers.ProviderCatalog;
import dev.srooter.server.providers.Target;
import dev.srooter.server.store.ProviderAccount;
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
import java.net.URI;
import java.util.List;

/** Provider accounts and the models discovered behind them. Credentials go in and never come out. */
@Path("/")
@RequestScoped
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class ProviderResource {

    /** {@code format} optionally pins the one wire format srooter sends this account (see {@link WireFormat}). */
    public record NewProvider(String name, String kind, String baseUrl, String apiKey, String format) {
    }

    public record ProviderView(String id, String name, String kind, String baseUrl, String format,
                               String apiKeyHint, List<String> models) {
    }

    public record ModelView(String id, String provider, String kind, String displayName, String qualifiedName,
                            List<String> formats, Double inputPerMTok, Double outputPerMTok,
                            Double cacheReadPerMTok, Double cacheWritePerMTok, boolean priceKnown) {
    }

    @Inject
    ProviderCatalog catalog;

    @Inject
    ModelDirectory directory;

    @GET
    @Path("providers")
    public List<ProviderView> list() {
        return catalog.accounts().stream().map(this::view).toList();
    }

    @POST
    @Path("providers")
    public Response add(NewProvider request) {
        if (request == null || blank(request.name()) || blank(request.kind()) || blank(request.baseUrl())
                || blank(request.apiKey())) {
            throw ApiError.of(400, "name, kind, baseUrl and apiKey are required");
        }
        if (request.name().contains("/")) {
            throw ApiError.of(400, "a provider name cannot contain '/': clients write provider/model");
        }
        try {
            URI base = URI.create(request.baseUrl());
            if (base.getScheme() == null || !base.getScheme().startsWith("http") || base.getHost() == null) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw ApiError.of(400, "baseUrl must be an http or https URL");
        }
        WireFormat format = null;
        if (!blank(request.format())) {
            try {
                format = WireFormat.valueOf(request.format().trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiError.of(400, "format must be one of " + java.util.Arrays.toString(WireFormat.values()));
            }
        }
        ProviderAccount account = catalog.add(request.name().trim(), request.kind().trim(), request.baseUrl().trim(),
                request.apiKey().trim(), format);
        catalog.refreshDirectory();
        return Response.status(201).entity(view(account)).build();
    }

    @DELETE
    @Path("providers/{id}")
    public Response remove(@PathParam("id") String id) {
        if (!catalog.remove(id)) {
            throw ApiError.of(404, "no provider with id " + id);
        }
        catalog.refreshDirectory();
        return Response.noContent().build();
    }

    @GET
    @Path("models")
    public List<ModelView> models() {
        return directory.all().stream().map(ProviderResource::view).toList();
    }

    private ProviderView view(ProviderAccount account) {
        return new ProviderView(account.id, account.name, account.kind, account.baseUrl, account.wireFormat,
                hint(account.apiKey),
                catalog.models(account.id).stream().map(m -> m.modelId).toList());
    }

    private static ModelView view(Target t) {
        boolean known = t.price().known();
        return new ModelView(t.modelId(), t.account().name(), t.provider().kind(), t.displayName(), t.qualifiedName(),
                t.formats().stream().map(Enum::name).sorted().toList(),
                known ? t.price().input() : null, known ? t.price().output() : null,
                known ? t.price().cacheRead() : null, known ? t.price().cacheWrite() : null, known);
    }

    /** Enough of a credential to recognise it, never enough to use it. */
    static String hint(String secret) {
        return secret.length() <= 8 ? "****" : "****" + secret.substring(secret.length() - 4);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
