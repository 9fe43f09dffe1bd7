package dev.srooter.server.keys;

import dev.srooter.server.security.Sha256;
import dev.srooter.server.store.GatewayKey;
import dev.srooter.server.store.UserAccount;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gateway keys: minted once in clear, stored as SHA-256 (a key has 256 random bits, so a fast hash
 * is as safe as a slow one), verified from a short-lived cache on the request path, and evicted
 * from it the moment they are revoked. A key may expire: from that instant it is refused, cached or not.
 */
@ApplicationScoped
public class GatewayKeys {

    public static final String PREFIX = "srt_live_";
    /** How long a verified key is trusted without asking the database again (other nodes' revocations). */
    private static final long CACHE_MILLIS = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A revoked or expired key, which is not rotated: a new one is minted instead. */
    public static final class NotRotatable extends RuntimeException {
        NotRotatable(String message) {
            super(message);
        }
    }

    /** A freshly minted key: the only time its clear text exists. */
    public record Minted(GatewayKey key, String secret) {
    }

    private record Cached(Caller caller, long until) {
    }

    @PersistenceContext(unitName = "srooter")
    EntityManager em;

    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    /** A new key for {@code owner}, which stops working at {@code expiresAt} (null: never). */
    @Transactional
    public Minted mint(String name, UserAccount owner, Instant expiresAt) {
        return mintFor(name, owner.id, expiresAt);
    }

    /**
     * Rotates a key: a new one of the same name and owner, expiring at {@code expiresAt} (null: never), and the old
     * one ending {@code grace} from now (or earlier, if it expires before), so that tools can move over meanwhile.
     * Empty when there is no such key; a revoked or expired key is not rotated ({@link NotRotatable}).
     */
    @Transactional
    public Optional<Minted> rotate(String id, java.time.Duration grace, Instant expiresAt) {
        GatewayKey old = em.find(GatewayKey.class, id);
        if (old == null) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        if (old.revokedAt != null || (old.expiresAt != null && !old.expiresAt.isAfter(now))) {
            throw new NotRotatable("key " + old.name + " is " + (old.revokedAt != null ? "revoked" : "expired")
                    + ": mint a new key instead");
        }
        old.expireBy(now.plus(grace));
        cache.remove(old.keyHash); // the next request reads the new expiry
        return Optional.of(mintFor(old.name, old.userId, expiresAt));
    }

    private Minted mintFor(String name, String userId, Instant expiresAt) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String hint = secret.substring(0, PREFIX.length() + 4) + "..." + secret.substring(secret.length() - 4);
        GatewayKey key = new GatewayKey(name, Sha256.hex(secret), hint, userId, expiresAt);
        em.persist(key);
        return new Minted(key, secret);
    }

    @Transactional
    public boolean revoke(String id) {
        GatewayKey key = em.find(GatewayKey.class, id);
        if (key == null) {
            return false;
        }
        key.revoke(Instant.now());
        cache.remove(key.keyHash);
        return true;
    }

    public List<GatewayKey> list() {
        return em.createQuery("SELECT k FROM GatewayKey k ORDER BY k.createdAt", GatewayKey.class).getResultList();
    }

    /** The caller a presented key belongs to, if the key exists, is not revoked and has not expired. */
    public Optional<Caller> verify(String presented) {
        if (presented == null || !presented.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String hash = Sha256.hex(presented);
        long now = System.currentTimeMillis();
        Cached cached = cache.get(hash);
        if (cached != null && cached.until() > now) {
            return Optional.of(cached.caller());
        }
        List<Object[]> rows = em.createQuery("SELECT k.id, k.name, u.id, u.username, u.team, k.expiresAt"
                + " FROM GatewayKey k, UserAccount u WHERE k.keyHash = :hash AND k.revokedAt IS NULL AND u.id = k.userId",
                Object[].class).setParameter("hash", hash).getResultList();
        Instant expiresAt = rows.isEmpty() ? null : (Instant) rows.get(0)[5];
        if (rows.isEmpty() || (expiresAt != null && expiresAt.toEpochMilli() <= now)) {
            cache.remove(hash);
            return Optional.empty();
        }
        Object[] row = rows.get(0);
        Caller caller = new Caller((String) row[0], (String) row[1], (String) row[2], (String) row[3],
                (String) row[4]);
        // trusted from the cache until the next look at the database, and never past the key's expiry
        long until = now + CACHE_MILLIS;
        cache.put(hash, new Cached(caller, expiresAt == null ? until : Math.min(until, expiresAt.toEpochMilli())));
        return Optional.of(caller);
    }

    /**
     * When a presented key that {@link #verify} refused expired, if that is why: the refusal can then say so and what
     * to do, instead of "unknown or revoked". Asked only for refused keys.
     */
    public Optional<Instant> expiredAt(String presented) {
        if (presented == null || !presented.startsWith(PREFIX)) {
            return Optional.empty();
        }
        return em.createQuery("SELECT k.expiresAt FROM GatewayKey k WHERE k.keyHash = :hash AND k.revokedAt IS NULL"
                + " AND k.expiresAt IS NOT NULL", Instant.class).setParameter("hash", Sha256.hex(presented))
                .getResultStream().filter(at -> !at.isAfter(Instant.now())).findFirst();
    }

    /** Forgets every cached caller, so a change to users (a team) shows on the next request. */
    public void forgetCallers() {
        cache.clear();
    }
}
