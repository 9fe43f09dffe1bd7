package dev.srooter.plugins.policy;

import dev.srooter.api.Policy;
import dev.srooter.api.PolicyDecision;
import dev.srooter.api.PolicyRequest;
import dev.srooter.api.PolicySettings;
import java.util.List;
import org.pf4j.Extension;

/**
 * Which models may serve: {@code {"models": ["claude-sonnet-*", "openai/gpt-5"]}} at org, team or user level
 * ({@code *} matches any text; a model matches by its name or provider/name). A model must be on every list
 * that is set; an empty list sets no restriction. Routing and fallbacks keep to the lists too.
 */
@Extension
public class AllowlistPolicy implements Policy {

    @Override
    public String description() {
        return "Which models may serve. A model must be on every list that is set (org, team, user); an empty list sets no restriction. Routing and fallback chains keep to the lists too.";
    }

    @Override
    public List<dev.srooter.api.SettingSpec> settings() {
        return List.of(dev.srooter.api.SettingSpec.textList("models", "Models allowed",
                "Model names or provider/model, * matches any text (claude-sonnet-*, openai/gpt-5)."));
    }

    @Override
    public String name() {
        return "allowlist";
    }

    @Override
    public int order() {
        return 100;
    }

    @Override
    public PolicyDecision evaluate(PolicyRequest request, PolicySettings settings) {
        List<List<String>> lists = Levels.lists(settings, "models");
        if (lists.isEmpty() || permits(request.model(), lists) || permits(request.requestedModel(), lists)) {
            return PolicyDecision.allow();
        }
        return PolicyDecision.deny("model '" + request.requestedModel() + "' is not on the model allowlist for "
                + (request.username() == null ? "this caller" : request.username()) + "; allowed: "
                + String.join(", ", lists.get(lists.size() - 1)));
    }

    @Override
    public boolean permits(String model, PolicyRequest request, PolicySettings settings) {
        return permits(model, Levels.lists(settings, "models"));
    }

    private static boolean permits(String model, List<List<String>> lists) {
        for (List<String> list : lists) {
            if (list.stream().noneMatch(pattern -> Levels.matches(pattern, model))) {
                return false;
            }
        }
        return true;
    }
}
