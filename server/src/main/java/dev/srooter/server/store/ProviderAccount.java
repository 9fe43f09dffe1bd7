package dev.srooter.server.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A provider account an admin added: which plugin kind speaks to it, where, with which credential. */
@Entity
@Table(name = "providers")
public class ProviderAccount {

    @Id
    public String id;
    public String name;
    public String kind;
    @Column(name = "base_url")
    public String baseUrl;
    @Column(name = "api_key")
    public String apiKey;
    /** The one wire format srooter uses with this account, or null for every format its plugin speaks. */
    @Column(name = "wire_format")
    public String wireFormat;
    /** Seconds this provider may take to start answering; null: the gateway's setting. */
    @Column(name = "timeout_seconds")
    public Integer timeoutSeconds;
    @Column(name = "created_at")
    public Instant createdAt;

    public ProviderAccount() {
    }

    public ProviderAccount(String name, String kind, String baseUrl, String apiKey) {
        this.id = UUID.randomUUID().toString();
        this.name = name;
        this.kind = kind;
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        this.createdAt = Instant.now();
    }
}
