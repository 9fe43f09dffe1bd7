package dev.srooter.server.keys;

import dev.srooter.server.security.PasswordHasher;
import dev.srooter.server.store.UserAccount;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/** People who use the admin API. The first start creates {@code admin}. */
@ApplicationScoped
public class Users {

    private static final Logger LOG = Logger.getLogger(Users.class.getName());

    @PersistenceContext(unitName = "srooter")
    EntityManager em;

    /**
     * Creates the {@code admin} user on first start, with the configured or a generated password. A generated one
     * is written to {@code <data>/secrets/initial-admin-password}, readable by the server's user only, and never
     * to the log: logs are shipped and kept where passwords must not be.
     */
    @Transactional
    public void ensureAdmin(Optional<String> configuredPassword, java.nio.file.Path dataDir) {
        if (find("admin").isPresent()) {
            return;
        }
        String password = configuredPassword.orElseGet(() -> {
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            java.nio.file.Path file = dataDir.resolve("secrets").resolve("initial-admin-password");
            try {
                java.nio.file.Files.createDirectories(file.getParent());
                java.nio.file.Files.writeString(file, generated + "\n");
                try {
                    java.nio.file.Files.setPosixFilePermissions(file,
                            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // the folder's own permissions protect it
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot write the first admin's password to " + file, e);
            }
            LOG.warning("srooter: created user 'admin' with a generated password, written to " + file
                    + "; sign in, change it, and delete the file (or set SROOTER_ADMIN_PASSWORD)");
            return generated;
        });
        em.persist(new UserAccount("admin", PasswordHasher.hash(password), "admin"));
        if (configuredPassword.isPresent()) {
            LOG.info("srooter: created user 'admin' with the password from SROOTER_ADMIN_PASSWORD");
        }
    }

    @Transactional
    public UserAccount create(String username, String password, String role, String team) {
        UserAccount user = new UserAccount(username, PasswordHasher.hash(password), role);
        user.team = team;
        em.persist(user);
        return user;
    }

    public List<UserAccount> list() {
        return em.createQuery("SELECT u FROM UserAccount u ORDER BY u.username", UserAccount.class).getResultList();
    }

    /** Applies a change to a user in one transaction; empty when there is no such user. */
    @Transactional
    public Optional<UserAccount> update(String username, java.util.function.Consumer<UserAccount> change) {
        Optional<UserAccount> user = find(username);
        user.ifPresent(change);
        return user;
    }

    /** Deletes a user and revokes their keys. */
    @Transactional
    public boolean delete(String username) {
        Optional<UserAccount> user = find(username);
        if (user.isEmpty()) {
            return false;
        }
        // their keys go with them (a key row names its owner, so the account could not be deleted while one was
        // left, revoked or not); the audit keeps each record's key id and username
        em.createQuery("DELETE FROM GatewayKey k WHERE k.userId = :id").setParameter("id", user.get().id)
                .executeUpdate();
        em.remove(user.get());
        return true;
    }

    public long countByRole(String role) {
        return em.createQuery("SELECT COUNT(u) FROM UserAccount u WHERE u.role = :role", Long.class)
                .setParameter("role", role).getSingleResult();
    }

    /** The user whose password this is; an unknown username costs as much time as a wrong password. */
    public Optional<UserAccount> authenticate(String username, String password) {
        Optional<UserAccount> user = find(username);
        if (user.isEmpty()) {
            PasswordHasher.matchesNobody(password);
            return user;
        }
        return user.filter(u -> PasswordHasher.matches(password, u.passwordHash));
    }

    public Optional<UserAccount> find(String username) {
        List<UserAccount> found = em.createQuery("SELECT u FROM UserAccount u WHERE u.username = :name",
                UserAccount.class).setParameter("name", username).getResultList();
        return found.stream().findFirst();
    }
}
