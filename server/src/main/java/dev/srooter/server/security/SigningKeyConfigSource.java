package dev.srooter.server.security;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Tells Liberty's mpJwt how to verify admin tokens: the issuer, and the public half of the key pair
 * generated on first start in the data folder (which a static properties file cannot name).
 */
public class SigningKeyConfigSource implements ConfigSource {

    private static final String PUBLIC_KEY = "mp.jwt.verify.publickey";
    private static final String ISSUER = "mp.jwt.verify.issuer";

    /** Looked up once: the verifier asks for the key on every request. */
    private volatile Path dataDir;

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(PUBLIC_KEY, ISSUER);
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of(ISSUER, TokenIssuer.ISSUER);
    }

    @Override
    public String getValue(String name) {
        if (ISSUER.equals(name)) {
            return TokenIssuer.ISSUER;
        }
        if (!PUBLIC_KEY.equals(name)) {
            return null;
        }
        try {
            Path dataDir = this.dataDir;
            if (dataDir == null) {
                dataDir = Path.of((String) new InitialContext().lookup("srooter/dataDir"));
                this.dataDir = dataDir;
            }
            return SigningKeys.publicPem(dataDir);
        } catch (NamingException | RuntimeException outsideTheServer) {
            return null;
        }
    }

    @Override
    public String getName() {
        return "srooter-signing-key";
    }

    @Override
    public int getOrdinal() {
        return 250;
    }
}
