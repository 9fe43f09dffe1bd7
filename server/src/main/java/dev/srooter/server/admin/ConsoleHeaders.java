package dev.srooter.server.admin;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The console's and the admin API's answers say what a browser may do with them: scripts and styles only from
 * srooter itself (the console has no inline script), never inside another site's frame, no guessing of types.
 * An admin's browser holds a token that can upload plugins; a page that framed the console or injected a script
 * could use it. Not mapped to {@code /v1/*}: model traffic is read by programs, not browsers.
 */
@WebFilter(urlPatterns = {"/", "/index.html", "*.html", "*.js", "*.css", "/api/*", "/webjars/*"})
public class ConsoleHeaders extends HttpFilter {

    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
            + " img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
            + " frame-ancestors 'none'";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("content-security-policy", POLICY);
        response.setHeader("x-frame-options", "DENY");
        response.setHeader("x-content-type-options", "nosniff");
        response.setHeader("referrer-policy", "no-referrer");
        chain.doFilter(request, response);
    }
}
