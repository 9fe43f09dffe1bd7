package dev.srooter.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srooter.testkit.Reply;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A policy plugin swapped without a redeploy: the sample prompt-size policy is uploaded as version 1 (limit
 * 1024 KB), then replaced by version 2 (limit 1 KB: a new jar, with its own defaults) while requests keep
 * coming. No request fails; the request after the swap meets version 2. Then disable, enable, reload, remove.
 */
class PluginSwapIT {

    private final Gateway gateway = Gateway.get();

    @AfterEach
    void reset() {
        gateway.admin("DELETE", "/api/plugins/policy-prompt-size", null);
        gateway.anthropic.reset();
    }

    private HttpResponse<String> upload(byte[] jar) throws Exception {
        return gateway.http.send(HttpRequest.newBuilder(URI.create(gateway.url + "/api/plugins"))
                .header("authorization", "Bearer " + gateway.adminToken).header("content-type",
                        "application/java-archive").POST(HttpRequest.BodyPublishers.ofByteArray(jar)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A prompt of about {@code kb} kilobytes. */
    private HttpResponse<String> ask(int kb) {
        return gateway.anthropic("/v1/messages", "{\"model\":\"" + Gateway.CLAUDE + "\",\"max_tokens\":16,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(kb * 1024) + "\"}]}");
    }

    private JsonObject plugin(String id) {
        return Gateway.array(gateway.admin("GET", "/api/plugins", null).body()).stream().map(JsonValue::asJsonObject)
                .filter(p -> p.getString("id").equals(id)).findFirst().orElse(null);
    }

    @Test
    void aPolicyPluginIsReplacedUnderLoadWithoutAFailedRequest() throws Exception {
        byte[] v1 = Files.readAllBytes(Path.of(System.getProperty("srooter.samples.dir"), "policy-prompt-size.jar"));
        byte[] v2 = withVersion(v1, "2.0.0", "max.kb=1\n");

        HttpResponse<String> first = upload(v1);
        assertEquals(201, first.statusCode(), first.body());
        assertEquals("1.0.0", Gateway.object(first.body()).getString("version"));
        assertEquals("uploaded", Gateway.object(first.body()).getString("source"));
        assertEquals(200, ask(2).statusCode(), "version 1 allows 2 KB");

        // a load of requests, each taking a while at the provider so that some are in flight at the swap
        gateway.anthropic.setDefaultReply(Reply.text("ok").delayed(100));
        AtomicBoolean running = new AtomicBoolean(true);
        List<String> failures = new CopyOnWriteArrayList<>();
        List<Integer> done = new CopyOnWriteArrayList<>();
        List<Thread> load = new java.util.ArrayList<>();
        for (int t = 0; t < 6; t++) {
            Thread thread = new Thread(() -> {
                while (running.get()) {
                    HttpResponse<String> answer = ask(0);
                    done.add(answer.statusCode());
                    if (answer.statusCode() != 200) {
                        failures.add(answer.statusCode() + " " + answer.body());
                    }
                }
            });
            thread.start();
            load.add(thread);
        }
        Thread.sleep(500);
        int beforeSwap = done.size();
        HttpResponse<String> swapped = upload(v2);
        HttpResponse<String> next = ask(2);
        Thread.sleep(500);
        running.set(false);
        for (Thread thread : load) {
            thread.join(30_000);
        }

        assertEquals(201, swapped.statusCode(), swapped.body());
        assertEquals("2.0.0", Gateway.object(swapped.body()).getString("version"));
        assertEquals(403, next.statusCode(), "the request after the swap meets version 2: " + next.body());
        assertTrue(next.body().contains("'prompt-size'") && next.body().contains("the limit is 1 KB"), next.body());
        assertTrue(beforeSwap > 0 && done.size() > beforeSwap, "requests ran before and after the swap: " + done.size());
        assertEquals(List.of(), failures, "no request failed while the plugin was replaced");

        // disable, enable, reload, remove
        assertEquals(200, gateway.admin("POST", "/api/plugins/policy-prompt-size/disable", null).statusCode());
        assertEquals("DISABLED", plugin("policy-prompt-size").getString("state"));
        assertEquals(200, ask(2).statusCode());
        assertEquals(200, gateway.admin("POST", "/api/plugins/policy-prompt-size/enable", null).statusCode());
        assertEquals(403, ask(2).statusCode());
        HttpResponse<String> reloaded = gateway.admin("POST", "/api/plugins/policy-prompt-size/reload", null);
        assertEquals(200, reloaded.statusCode(), reloaded.body());
        assertEquals("STARTED", Gateway.object(reloaded.body()).getString("state"));
        assertEquals(403, ask(2).statusCode());
        assertEquals(204, gateway.admin("DELETE", "/api/plugins/policy-prompt-size", null).statusCode());
        assertEquals(200, ask(2).statusCode());
        assertEquals(null, plugin("policy-prompt-size"));
    }

    @Test
    void uploadsAreCheckedAndShippedPluginsCannotBeRemoved() throws Exception {
        HttpResponse<String> garbage = upload("not a jar".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, garbage.statusCode(), garbage.body());
        assertEquals(409, gateway.admin("DELETE", "/api/plugins/policy-core", null).statusCode());
        assertEquals(404, gateway.admin("POST", "/api/plugins/no-such-plugin/enable", null).statusCode());
        String developer = gateway.createUser("uploader-" + Long.toString(System.nanoTime(), 36), "developer");
        assertEquals(403, gateway.as(developer, "POST", "/api/plugins/policy-core/disable", null).statusCode());
    }

    /** The same plugin as a new version: its manifest's version and its bundled defaults changed. */
    static byte[] withVersion(byte[] jar, String version, String properties) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JarInputStream in = new JarInputStream(new java.io.ByteArrayInputStream(jar))) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().put(new Attributes.Name("Plugin-Version"), version);
            try (JarOutputStream copy = new JarOutputStream(out, manifest)) {
                for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                    copy.putNextEntry(new JarEntry(entry.getName()));
                    copy.write(entry.getName().equals("prompt-size.properties")
                            ? properties.getBytes(StandardCharsets.UTF_8) : in.readAllBytes());
                    copy.closeEntry();
                }
            }
        }
        return out.toByteArray();
    }
}
