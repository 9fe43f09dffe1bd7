package dev.srooter.server.admin;

import dev.srooter.server.cortex.CodeGraph;
import dev.srooter.server.cortex.Cortex;
import dev.srooter.server.cortex.CortexStore;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Cortex's admin API: register a repository by its path on the server ({@code POST /api/cortex/repos
 * {"name","path"}}, indexed at once and watched from then on), list them with their figures, search symbols, and
 * walk a symbol's neighbourhood and dependents.
 */
@Path("/cortex")
@RequestScoped
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.LEAD})
public class CortexResource {

    public record NewRepo(String name, String path) {
    }

    public record RepoView(String name, String path, long files, long symbols, long edges, long lines,
                           java.time.Instant indexedAt, Cortex.IndexRun lastRun) {
    }

    public record Reindex(List<String> paths) {
    }

    public record SymbolView(String repo, String name, String kind, String file, int line) {
        static SymbolView of(String repo, CodeGraph.Symbol s) {
            return new SymbolView(repo, s.name(), s.kind(), s.file(), s.line());
        }
    }

    public record Neighbourhood(SymbolView symbol, List<SymbolView> dependsOn, List<SymbolView> dependents) {
    }

    public record SensitiveAreas(Map<String, List<String>> tags) {
    }

    public record Escalation(Boolean enabled) {
    }

    @Inject
    Cortex cortex;

    @Inject
    dev.srooter.server.cortex.BlastRadius blastRadius;

    @Inject
    dev.srooter.server.routing.RuleBook rules;

    @Inject
    CortexStore store;

    @Inject
    dev.srooter.server.GatewaySettings settings;

    @Inject
    org.eclipse.microprofile.jwt.JsonWebToken jwt;

    @GET
    @Path("repos")
    public List<RepoView> repos() {
        List<RepoView> views = new ArrayList<>();
        for (CortexStore.Repo repo : store.repos()) {
            CodeGraph graph = cortex.graph(repo.name()).orElse(null);
            long[] stored = graph == null ? store.counts(repo.name()) : null;
            views.add(graph == null
                    ? new RepoView(repo.name(), repo.path(), stored[0], stored[1], stored[2], 0, repo.indexedAt(), null)
                    : new RepoView(repo.name(), repo.path(), graph.files().size(), graph.symbolCount(), graph.edgeCount(),
                    graph.lineCount(), repo.indexedAt(), cortex.lastRun(repo.name()).orElse(null)));
        }
        return views;
    }

    @POST
    @Path("repos")
    public Response register(NewRepo body) {
        if (body == null || body.name() == null || !body.name().matches("[A-Za-z0-9._-]{1,100}")) {
            throw ApiError.of(400, "name is required: letters, digits, '.', '_' or '-'");
        }
        if (body.path() == null || body.path().isBlank()) {
            throw ApiError.of(400, "path is required: a folder on the server");
        }
        if (jwt.getGroups() == null || !jwt.getGroups().contains(Roles.ADMIN)) {
            throw ApiError.of(403, "only admins register a folder of the server; leads upload an archive"
                    + " (POST /api/cortex/repos/{name}/archive)");
        }
        try {
            cortex.register(body.name(), dev.srooter.server.cortex.ServerFolders.permitted(
                    java.nio.file.Path.of(body.path()), settings.cortexRoots()));
        } catch (IllegalArgumentException e) {
            throw ApiError.of(400, e.getMessage());
        } catch (IllegalStateException e) {
            throw ApiError.of(409, e.getMessage());
        } catch (IOException e) {
            throw ApiError.of(400, "cannot read " + body.path() + ": " + e.getMessage());
        }
        return Response.status(201).entity(repos().stream().filter(r -> r.name().equals(body.name())).findFirst()
                .orElseThrow()).build();
    }

    /**
     * Registers a repository from an uploaded zip archive ({@code POST /api/cortex/repos/{name}/archive}, the zip as
     * the body): unpacked into the data folder ({@code <data>/cortex/<name>}), indexed and watched like any other.
     */
    @POST
    @Path("repos/{name}/archive")
    @Consumes({"application/zip", MediaType.APPLICATION_OCTET_STREAM})
    public Response upload(@PathParam("name") String name, java.io.InputStream zip) {
        if (!name.matches("[A-Za-z0-9._-]{1,100}")) {
            throw ApiError.of(400, "name: letters, digits, '.', '_' or '-'");
        }
        java.nio.file.Path folder = settings.dataDir().resolve("cortex").resolve(name);
        if (java.nio.file.Files.exists(folder)) {
            throw ApiError.of(409, "an archive named '" + name + "' was uploaded before; DELETE the repository first");
        }
        try {
            dev.srooter.server.cortex.Archives.unzip(zip, folder); // removes what it wrote when it fails
            cortex.register(name, folder);
        } catch (IllegalArgumentException e) {
            removeQuietly(folder);
            throw ApiError.of(400, e.getMessage());
        } catch (IllegalStateException e) {
            removeQuietly(folder);
            throw ApiError.of(409, e.getMessage());
        } catch (IOException e) {
            removeQuietly(folder);
            throw ApiError.of(400, "not a readable zip archive: " + e.getMessage());
        }
        return Response.status(201).entity(repos().stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow()).build();
    }

    private static void removeQuietly(java.nio.file.Path folder) {
        try {
            dev.srooter.server.cortex.Archives.delete(folder);
        } catch (IOException e) {
            java.util.logging.Logger.getLogger(CortexResource.class.getName()).warning("srooter: could not remove "
                    + folder + " after a failed upload: " + e);
        }
    }

    @DELETE
    @Path("repos/{name}")
    public Response unregister(@PathParam("name") String name) {
        if (cortex.graph(name).isEmpty()) {
            throw ApiError.of(404, "no repository named '" + name + "'");
        }
        cortex.unregister(name);
        return Response.noContent().build();
    }

    /** Reads changed files again: the named ones (a git hook's list), or every file when none are named. */
    @POST
    @Path("repos/{name}/reindex")
    public Cortex.IndexRun reindex(@PathParam("name") String name, Reindex body) {
        try {
            return cortex.reindex(name, body == null ? List.of() : body.paths());
        } catch (IllegalArgumentException e) {
            throw ApiError.of(404, e.getMessage());
        } catch (IOException e) {
            throw ApiError.of(500, "cannot read the repository: " + e.getMessage());
        }
    }

    /** The sensitive areas, tag by tag: path and symbol patterns ({@code *} any text). */
    @GET
    @Path("sensitive")
    public SensitiveAreas sensitive() {
        return new SensitiveAreas(blastRadius.sensitiveTags());
    }

    @jakarta.ws.rs.PUT
    @Path("sensitive")
    public SensitiveAreas setSensitive(SensitiveAreas body) {
        if (body == null || body.tags() == null) {
            throw ApiError.of(400, "tags is required: {\"tags\": {\"payments\": [\"*/payments/*\", \"*charge*\"]}}");
        }
        blastRadius.setSensitiveTags(body.tags());
        blastRadius.save();
        return sensitive();
    }

    /** Whether high-risk changes go to the best model with the council (on by default). */
    @GET
    @Path("escalation")
    public Escalation escalation() {
        return new Escalation(rules.escalatesRisk());
    }

    @jakarta.ws.rs.PUT
    @Path("escalation")
    public Escalation setEscalation(Escalation body) {
        if (body == null || body.enabled() == null) {
            throw ApiError.of(400, "enabled is required");
        }
        rules.setRiskEscalation(body.enabled());
        rules.reload();
        return escalation();
    }

    @GET
    @Path("symbols")
    public List<SymbolView> search(@QueryParam("q") String q, @QueryParam("repo") String repo,
                                   @QueryParam("limit") @DefaultValue("50") int limit) {
        if (q == null || q.isBlank()) {
            throw ApiError.of(400, "q is required: part of a symbol's name");
        }
        List<SymbolView> found = new ArrayList<>();
        for (Map.Entry<String, CodeGraph> e : cortex.graphs().entrySet()) {
            if (repo == null || repo.equals(e.getKey())) {
                e.getValue().search(q.trim(), limit).forEach(s -> found.add(SymbolView.of(e.getKey(), s)));
            }
        }
        return found.size() > limit ? found.subList(0, limit) : found;
    }

    /** A symbol (by repository, file and name), what it depends on and what depends on it directly. */
    @GET
    @Path("repos/{repo}/neighbourhood")
    public Neighbourhood neighbourhood(@PathParam("repo") String repo, @QueryParam("file") String file,
                                       @QueryParam("name") String name) {
        CodeGraph.Symbol symbol = find(repo, file, name);
        CodeGraph graph = cortex.graph(repo).orElseThrow();
        return new Neighbourhood(SymbolView.of(repo, symbol),
                graph.dependencies(symbol).stream().map(s -> SymbolView.of(repo, s)).toList(),
                graph.dependents(symbol).stream().map(s -> SymbolView.of(repo, s)).toList());
    }

    /** Everything that depends on a symbol, transitively (closest first). */
    @GET
    @Path("repos/{repo}/dependents")
    public List<SymbolView> dependents(@PathParam("repo") String repo, @QueryParam("file") String file,
                                       @QueryParam("name") String name, @QueryParam("limit") @DefaultValue("500") int limit) {
        CodeGraph.Symbol symbol = find(repo, file, name);
        return cortex.graph(repo).orElseThrow().transitiveDependents(List.of(symbol), Math.min(limit, 10_000)).stream()
                .map(s -> SymbolView.of(repo, s)).toList();
    }

    private CodeGraph.Symbol find(String repo, String file, String name) {
        CodeGraph graph = cortex.graph(repo).orElseThrow(() -> ApiError.of(404, "no repository named '" + repo + "'"));
        if (name == null) {
            throw ApiError.of(400, "name is required");
        }
        // a class and its file's module share a name: the class is meant
        return graph.named(name).stream().filter(s -> file == null || s.file().equals(file))
                .min(java.util.Comparator.comparing((CodeGraph.Symbol s) -> s.kind().equals("module")))
                .orElseThrow(() -> ApiError.of(404, "no symbol '" + name + "'" + (file == null ? "" : " in " + file)));
    }
}
