package dev.srooter.server.plugins;

import dev.srooter.api.Policy;
import java.util.List;
import java.util.Map;

/** A request's lease on a plugin generation of given policies, for unit tests of stages (no jars, no PF4J). */
public final class Leases {

    private Leases() {
    }

    public static PluginHost.Lease of(List<Policy> policies) {
        return new PluginHost.Lease(new PluginHost.Generation(1, null, Map.of(), Map.of(), List.copyOf(policies),
                Map.of(), List.of(), Map.of()));
    }
}
