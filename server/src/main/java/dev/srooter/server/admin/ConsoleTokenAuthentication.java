package dev.srooter.server.admin;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Verifies a console token (MicroProfile JWT) on the admin API only, by asking Liberty to authenticate the request.
 *
 * <p>Why not leave it to Liberty, as before: Liberty's token verifier ran for every request that carried
 * {@code Authorization: Bearer}, the gateway's own too (the OpenAI SDK, Codex CLI and aider send their gateway key
 * that way), and read its whole configuration through MicroProfile Config before its auth filter sent the request
 * on: a tenth of a small Chat request's processor time (bench/README.md). server.xml now tells Liberty not to look
 * at credentials on paths no security constraint protects ({@code useAuthenticationDataForUnprotectedResource}),
 * which all of srooter's paths are (the admin API's roles are checked per resource), and this filter asks for the
 * verification where a token means something. The verifier, its settings and its checks stay Liberty's.
 */
@WebFilter(urlPatterns = "/api/*")
public class ConsoleTokenAuthentication extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getUserPrincipal() == null && bearer(request.getHeader("authorization"))
                && !request.authenticate(response)) {
            refuse(response);
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean bearer(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    /** Liberty has said no (and may have set a challenge header): the admin API's own error body says why. */
    private static void refuse(HttpServletResponse response) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(401);
        response.setContentType("application/json");
        response.getOutputStream().write(("{\"error\":\"the bearer token is not a valid console token: log in"
                + " again (POST /api/auth/login)\"}").getBytes(StandardCharsets.UTF_8));
    }
}
