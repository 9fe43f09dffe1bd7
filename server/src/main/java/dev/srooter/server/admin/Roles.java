package dev.srooter.server.admin;

/** The roles a user can hold; a token carries its user's role in the {@code groups} claim. */
public final class Roles {

    public static final String ADMIN = "admin";
    public static final String LEAD = "lead";
    public static final String DEVELOPER = "developer";
    public static final String AUDITOR = "auditor";

    private Roles() {
    }
}
