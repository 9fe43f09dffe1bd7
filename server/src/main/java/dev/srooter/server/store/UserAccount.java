package dev.srooter.server.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A person who logs in to the admin API; gateway keys belong to one. */
@Entity
@Table(name = "users")
public class UserAccount {

    @Id
    public String id;
    public String username;
    @Column(name = "password_hash")
    public String passwordHash;
    public String role;
    /** The team whose routing rules apply to this user's requests; null: the org-wide rules. */
    public String team;
    @Column(name = "created_at")
    public Instant createdAt;
    /**
     * Moves on whenever the user's password or role changes: tokens carry the generation they were issued at, and
     * one of an earlier generation is refused. Null (a user from before) is generation 0.
     */
    @Column(name = "token_generation")
    public Integer tokenGeneration;

    public int tokenGeneration() {
        return tokenGeneration == null ? 0 : tokenGeneration;
    }

    /** Ends every session of this user: tokens issued until now stop working. */
    public void endSessions() {
        tokenGeneration = tokenGeneration() + 1;
    }

    public UserAccount() {
    }

    public UserAccount(String username, String passwordHash, String role) {
        this.id = UUID.randomUUID().toString();
        this.username = username;
        this.passwordHash = passwordHash;
        this.role = role;
        this.createdAt = Instant.now();
    }
}
