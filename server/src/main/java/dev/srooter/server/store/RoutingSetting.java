package dev.srooter.server.store;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A named routing setting, e.g. whether an admin has set the rules ({@code rules.customised}). */
@Entity
@Table(name = "routing_settings")
public class RoutingSetting {

    @Id
    public String name;
    public String value;

    public RoutingSetting() {
    }

    public RoutingSetting(String name, String value) {
        this.name = name;
        this.value = value;
    }
}
