package dev.srooter.server.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.srooter.api.ProviderConfig;
import dev.srooter.api.WireFormat;
import dev.srooter.plugins.anthropic.AnthropicProvider;
import dev.srooter.server.providers.Capabilities;
import dev.srooter.server.providers.ModelDirectory;
import dev.srooter.server.providers.Price;
import dev.srooter.server.providers.ProviderClients;
import dev.srooter.server.providers.Target;
import dev.srooter.testkit.FakeAnthropic;
import dev.srooter.testkit.FakeProvider;
import dev.srooter.testkit.Reply;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * srooter's own completions (the LLM classifier's) go through the one provider client: a refused credential gives
 * way to the next, as for any client's request (they once used the first credential only, with no rotation).
 */
class ModelCompletionTest {

    @Test
    void aCompletionUsesTheNextCredentialWhenOneIsRefused(@TempDir Path dir) throws Exception {
        try (FakeAnthropic fake = new FakeAnthropic(0, List.of("claude-x"))) {
            ModelCompletion completion = new ModelCompletion();
            completion.client = ProviderClients.over(dir, "p1", "key-a", "key-b");
            completion.rules = new RuleBook();
            completion.directory = new ModelDirectory();
            completion.directory.replace(List.of(new Target("p1", new ProviderConfig("fake", "http://127.0.0.1:"
                    + fake.port(), null), new AnthropicProvider(), "claude-x", "claude-x", Price.UNKNOWN,
                    Set.of(WireFormat.ANTHROPIC_MESSAGES), Capabilities.UNKNOWN, null)), List.of());
            fake.refuseKey("key-a", 401);
            fake.setDefaultReply(Reply.text("security"));
            for (int k = 0; k < 2; k++) {
                assertEquals("security", completion.complete("claude-x", "classify", "rotate the keys", 8,
                        Duration.ofSeconds(5)));
            }
            assertEquals("key-b", FakeProvider.credentialOf(fake.lastRequest()));

            fake.setDefaultReply(Reply.error(500));
            assertThrows(IOException.class, () -> completion.complete("claude-x", "classify", "x", 8,
                    Duration.ofSeconds(5)));
        }
    }
}
