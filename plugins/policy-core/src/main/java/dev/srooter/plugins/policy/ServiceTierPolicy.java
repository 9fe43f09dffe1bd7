package dev.srooter.plugins.policy;

import dev.srooter.api.Policy;
import dev.srooter.api.PolicyDecision;
import dev.srooter.api.PolicyRequest;
import dev.srooter.api.PolicySettings;
import java.util.List;
import org.pf4j.Extension;

/**
 * Which service tiers a request may ask for: {@code {"allowed": ["auto", "default", "flex"]}}. A tier not on
 * every list set is removed, so the provider's default tier serves ({@code "deny": true} refuses instead).
 */
@Extension
public class ServiceTierPolicy implements Policy {

    @Override
    public String description() {
        return "Which service tiers a request may ask for. A tier not on every list set is removed so the provider's default serves, or refused when deny is on.";
    }

    @Override
    public List<dev.srooter.api.SettingSpec> settings() {
        return List.of(dev.srooter.api.SettingSpec.choiceList("allowed", "Tiers allowed",
                "The service tiers requests may name.", List.of("auto", "default", "flex", "priority", "scale")),
                dev.srooter.api.SettingSpec.flag("deny", "Refuse instead",
                "Refuse a request that names another tier, instead of removing its tier."));
    }

    @Override
    public String name() {
        return "service-tier";
    }

    @Override
    public int order() {
        return 200;
    }

    @Override
    public PolicyDecision evaluate(PolicyRequest request, PolicySettings settings) {
        List<List<String>> lists = Levels.lists(settings, "allowed");
        if (lists.isEmpty()) {
            return PolicyDecision.allow();
        }
        String tier = request.serviceTier();
        if (tier == null || lists.stream().allMatch(list -> list.contains(tier))) {
            return PolicyDecision.allow();
        }
        if (Levels.anyTrue(settings, "deny")) {
            return PolicyDecision.deny("service tier '" + tier + "' is not allowed");
        }
        request.setServiceTier(null);
        return PolicyDecision.rewrote("service_tier " + tier + " -> provider default");
    }
}
