package dev.srooter.server;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.Optional;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The gateway's settings: server.xml variables ({@code SROOTER_*}), which an environment variable or
 * bootstrap property of the same name overrides, bound into JNDI by server.xml.
 */
@ApplicationScoped
public class GatewaySettings {

    @Resource(lookup = "srooter/dataDir")
    String dataDir;

    @Resource(lookup = "srooter/pluginsDir")
    String pluginsDir;

    // jndiEntry turns values that look like numbers into numbers: take whatever type it gives.
    @Resource(lookup = "srooter/maxBodyBytes")
    Object maxBodyBytes;

    /** Parsed once: the limit is checked on every request. */
    private long maxBodyLimit;

    @PostConstruct
    void parse() {
        maxBodyLimit = Long.parseLong(maxBodyBytes.toString().trim());
    }

    /** Looked up by hand: Liberty binds no entry for an empty value, which here means "generate one". */
    private Optional<String> adminPassword() {
        try {
            return Optional.ofNullable(new InitialContext().lookup("srooter/adminPassword")).map(Object::toString);
        } catch (NamingException unset) {
            return Optional.empty();
        }
    }

    /** Where the database, the signing key pair and other state live. */
    public Path dataDir() {
        return Path.of(dataDir);
    }

    /** Where plugin jars are loaded from. */
    public Path pluginsDir() {
        return Path.of(pluginsDir);
    }

    /** Request bodies above this size are refused with 413. */
    public long maxBodyBytes() {
        return maxBodyLimit;
    }

    /** The first admin's password; when absent one is generated and printed once. */
    public Optional<String> firstAdminPassword() {
        return adminPassword().filter(p -> !p.isBlank());
    }
}
