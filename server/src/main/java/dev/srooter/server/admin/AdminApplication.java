package dev.srooter.server.admin;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/** The admin API under {@code /api}, authenticated with MicroProfile JWTs from {@code /api/auth/login}. */
@ApplicationPath("/api")
@LoginConfig(authMethod = "MP-JWT", realmName = "srooter")
@DeclareRoles({Roles.ADMIN, Roles.LEAD, Roles.DEVELOPER, Roles.AUDITOR})
public class AdminApplication extends Application {
}
