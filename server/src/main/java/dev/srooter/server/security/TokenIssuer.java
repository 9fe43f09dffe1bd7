package dev.srooter.server.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.srooter.server.GatewaySettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/** Signs the MicroProfile JWTs the admin API accepts; verification is Liberty's (mpJwt). */
@ApplicationScoped
public class TokenIssuer {

    public static final String ISSUER = "srooter";
    static final Duration LIFETIME = Duration.ofHours(8);

    @Inject
    GatewaySettings settings;

    private volatile SigningKeys.Pair keys;

    @Inject
    dev.srooter.server.store.Sql sql;

    /**
     * Makes sure the key pair exists before the first token is verified: the one every node of this database
     * shares, so a console token from one node is good on all of them.
     */
    public void init(SecretBox box) {
        keys = SigningKeys.shared(settings.dataDir(), sql, box);
    }

    /** The claim that carries the generation of the user's credentials the token was issued at. */
    public static final String GENERATION = "srooter_gen";

    public String issue(String username, String role, int generation) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(username)
                .claim("upn", username)
                .claim("groups", List.of(role))
                .claim(GENERATION, generation)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new RSASSASigner(keys.privateKey()));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
        return jwt.serialize();
    }
}
