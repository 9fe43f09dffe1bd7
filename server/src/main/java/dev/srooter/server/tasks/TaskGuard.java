package dev.srooter.server.tasks;

import java.util.Locale;

/**
 * An admin's limit on how far one agent task may run (runaway loops are the first thing a gateway exists for):
 * more than {@code maxTurns} turns, or {@code maxUsd} spent, and the guard acts. {@code warn}: a header and a
 * flag on the task; {@code downgrade}: the following turns go down the model's fallback chain; {@code stop}: the
 * client gets an error in its own format that says why and how to go on. Either limit may be null (none).
 */
public record TaskGuard(Integer maxTurns, Double maxUsd, Action action) {

    public enum Action { WARN, DOWNGRADE, STOP }

    public TaskGuard {
        if (maxTurns != null && maxTurns < 1) {
            throw new IllegalArgumentException("maxTurns must be at least 1");
        }
        if (maxUsd != null && !(maxUsd > 0 && maxUsd < 1e9)) {
            throw new IllegalArgumentException("maxUsd must be a positive amount");
        }
        if (maxTurns == null && maxUsd == null) {
            throw new IllegalArgumentException("a task guard needs maxTurns, maxUsd or both");
        }
        if (action == null) {
            throw new IllegalArgumentException("action must be warn, downgrade or stop");
        }
    }

    public static Action action(String name) {
        try {
            return name == null ? null : Action.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    /**
     * Why a task that has run {@code turnsBefore} turns and spent {@code spentUsd} is past this guard at its next
     * turn ("31 turns > 30", "$5.02 spent >= $5.00"), or null when it is not.
     */
    public String exceededBy(int turnsBefore, double spentUsd) {
        if (maxTurns != null && turnsBefore + 1 > maxTurns) {
            return (turnsBefore + 1) + " turns > " + maxTurns;
        }
        if (maxUsd != null && spentUsd >= maxUsd) {
            return String.format(Locale.ROOT, "$%.4f spent >= $%.4f", spentUsd, maxUsd);
        }
        return null;
    }

    /** As kept in the routing settings: {@code maxTurns=30;maxUsd=5.0;action=warn}. */
    public String stored() {
        return "maxTurns=" + (maxTurns == null ? "" : maxTurns) + ";maxUsd=" + (maxUsd == null ? "" : maxUsd)
                + ";action=" + action.name().toLowerCase(Locale.ROOT);
    }

    public static TaskGuard parse(String stored) {
        Integer turns = null;
        Double usd = null;
        Action action = null;
        for (String part : stored.split(";")) {
            String[] kv = part.split("=", 2);
            if (kv.length < 2 || kv[1].isBlank()) {
                continue;
            }
            switch (kv[0]) {
                case "maxTurns" -> turns = Integer.valueOf(kv[1]);
                case "maxUsd" -> usd = Double.valueOf(kv[1]);
                case "action" -> action = action(kv[1]);
                default -> { }
            }
        }
        return new TaskGuard(turns, usd, action);
    }
}
