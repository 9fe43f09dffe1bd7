package dev.srooter.server.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugin generations with no server, over a real plugin jar (the webhook audit sink): every change loads a new
 * generation; a request's lease keeps the one it started with until it ends.
 */
class PluginGenerationsTest {

    static final String SINK_JAR = "/compat/audit-webhook-built-against-api-0.1.0.jar";

    static Path shipped(Path dir) throws Exception {
        Path shipped = Files.createDirectories(dir.resolve("shipped"));
        try (InputStream jar = PluginGenerationsTest.class.getResourceAsStream(SINK_JAR)) {
            Files.copy(jar, shipped.resolve("audit-webhook.jar"));
        }
        return shipped;
    }

    @Test
    void aLeaseKeepsItsGenerationWhileChangesLoadNewOnes(@TempDir Path dir) throws Exception {
        PluginHost host = new PluginHost();
        host.start(shipped(dir), dir.resolve("uploaded"), Set.of());
        assertEquals(1, host.generation());
        PluginHost.Lease first = host.lease();
        assertTrue(first.auditSinks().containsKey("webhook"));

        host.disable("audit-webhook");
        assertEquals(2, host.generation());
        try (PluginHost.Lease second = host.lease()) {
            assertTrue(!second.auditSinks().containsKey("webhook"), "a disabled plugin is not in the new generation");
        }
        assertEquals(1, first.generation());
        assertTrue(first.auditSinks().containsKey("webhook"), "a request in flight keeps the plugins it started with");
        first.close();

        host.enable("audit-webhook");
        try (PluginHost.Lease third = host.lease()) {
            assertEquals(3, third.generation());
            assertTrue(third.auditSinks().containsKey("webhook"));
        }
        try (InputStream jar = PluginGenerationsTest.class.getResourceAsStream(SINK_JAR)) {
            host.install(jar);
        }
        assertEquals(4, host.generation(), "an upload of the same id replaces the shipped plugin in a new generation");
        assertEquals("uploaded", host.plugins().stream().filter(p -> p.id().equals("audit-webhook")).findFirst()
                .orElseThrow().source());
        assertEquals(404, assertThrows(PluginHost.PluginProblem.class, () -> host.reload("nothing")).status);
    }
}
