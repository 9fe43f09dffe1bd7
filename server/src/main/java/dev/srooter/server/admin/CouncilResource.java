package dev.srooter.server.admin;

import dev.srooter.server.council.Review;
import dev.srooter.server.council.ReviewStore;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * The council's reviews: {@code GET /api/council/reviews?task=&verdict=&from=&to=&limit=}, newest first, and
 * {@code GET /api/council/reviews/{id}} (the id {@code x-srooter-council} names), each with every member's verdict,
 * reasons, latency and cost. A review still sitting has no verdict yet.
 */
@Path("/council/reviews")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.LEAD, Roles.AUDITOR})
public class CouncilResource {

    /** A review as the API shows it: {@code verdict} null and {@code status} "sitting" until it concludes. */
    public record ReviewView(String id, String task, String requestId, String username, String team, String trigger,
                             String rule, String status, String verdict, double costUsd, Instant createdAt,
                             Instant concludedAt, List<MemberView> members) {
        static ReviewView of(Review r) {
            return new ReviewView(r.id(), r.task(), r.requestId(), r.username(), r.team(), r.trigger(), r.rule(),
                    r.verdict() == null ? "sitting" : "concluded", r.verdict() == null ? null : r.verdict().wire(),
                    r.costUsd(), r.createdAt(), r.concludedAt(), r.members().stream().map(MemberView::of).toList());
        }
    }

    public record MemberView(String model, String verdict, String reasons, String error, double latencyMs,
                             double costUsd) {
        static MemberView of(Review.Member m) {
            return new MemberView(m.model(), m.verdict() == null ? null : m.verdict().wire(), m.reasons(), m.error(),
                    m.latencyMs(), m.costUsd());
        }
    }

    @Inject
    ReviewStore store;

    @GET
    public List<ReviewView> list(@QueryParam("task") String task, @QueryParam("verdict") String verdict,
                                 @QueryParam("from") String from, @QueryParam("to") String to,
                                 @QueryParam("limit") @DefaultValue("100") int limit) {
        if (verdict != null && !List.of("approve", "concerns", "reject").contains(verdict.toLowerCase(Locale.ROOT))) {
            throw ApiError.of(400, "verdict is approve, concerns or reject");
        }
        return store.list(blank(task), verdict == null ? null : verdict.toLowerCase(Locale.ROOT), instant(from),
                instant(to), limit).stream().map(ReviewView::of).toList();
    }

    @GET
    @Path("{id}")
    public ReviewView get(@PathParam("id") String id) {
        return store.find(id).map(ReviewView::of).orElseThrow(() -> ApiError.of(404, "no council review '" + id
                + "' (a review is opened when the turn under review ends)"));
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static Instant instant(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw ApiError.of(400, "times are ISO-8601 instants, e.g. 2026-12-03T10:00:00Z");
        }
    }
}
