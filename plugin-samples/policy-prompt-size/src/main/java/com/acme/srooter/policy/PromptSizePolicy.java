package com.acme.srooter.policy;

import dev.srooter.api.Policy;
import dev.srooter.api.PolicyDecision;
import dev.srooter.api.PolicyRequest;
import dev.srooter.api.PolicySettings;
import dev.srooter.api.SettingSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.pf4j.Extension;

/**
 * Refuses requests larger than a limit, in KB: a whole policy plugin in one class.
 *
 * <p>srooter calls {@link #evaluate} for every gateway request, on the request thread, in {@link #order()} among
 * the other policies. Return {@code allow()}, {@code deny(why)} (the developer gets a 403 naming this policy),
 * or change the request through its setters and return {@code rewrote(what)}. {@code settings} holds what admins
 * stored with {@code PUT /api/policies/prompt-size} (org-wide), {@code .../teams/{team}} and
 * {@code .../users/{username}}, as plain maps.
 */
@Extension
public class PromptSizePolicy implements Policy {

    /** Read once, from this plugin's own jar: a new version of the jar can ship other defaults. */
    private final long defaultMaxKb = Long.parseLong(defaults().getProperty("max.kb"));

    @Override
    public String name() {
        return "prompt-size";
    }

    @Override
    public int order() {
        return 50; // cheap and decisive: before the built-ins
    }

    /** Said on the console beside the policy's form. */
    @Override
    public String description() {
        return "Refuses requests larger than a limit, before any model is called.";
    }

    /** The settings the console offers a form for; the admin API refuses anything else (a typo, a text for a number). */
    @Override
    public List<SettingSpec> settings() {
        return List.of(SettingSpec.integer("maxKb", "Largest request (KB)",
                "Requests above this many kilobytes are refused; the smallest limit set at any level applies.", 1));
    }

    @Override
    public PolicyDecision evaluate(PolicyRequest request, PolicySettings settings) {
        long maxKb = defaultMaxKb;
        for (Map<String, Object> level : settings.levels()) {
            if (level.get("maxKb") instanceof Number n) {
                maxKb = Math.min(maxKb, n.longValue());
            }
        }
        if (request.bodyBytes() <= maxKb * 1024) {
            return PolicyDecision.allow();
        }
        return PolicyDecision.deny("the request is " + (request.bodyBytes() + 1023) / 1024 + " KB; the limit is "
                + maxKb + " KB. Start a new conversation or leave out large files.");
    }

    private static Properties defaults() {
        Properties properties = new Properties();
        try (InputStream in = PromptSizePolicy.class.getResourceAsStream("/prompt-size.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
