package dev.srooter.server.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The deployment files say what operations rely on: several replicas rolled one at a time, probes on MicroProfile
 * Health's endpoints, resources requested, a disruption budget, the master key shared by every replica from a
 * Secret; and a container image on Open Liberty's conventions (/config, features.sh, configure.sh).
 */
class DeploymentTest {

    private static final Path DEPLOY = Path.of("..", "deploy");

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> manifests() throws IOException {
        List<Map<String, Object>> all = new ArrayList<>();
        for (Object doc : new Yaml().loadAll(Files.readString(DEPLOY.resolve("kubernetes/srooter.yaml")))) {
            all.add((Map<String, Object>) doc);
        }
        return all;
    }

    private static Map<String, Object> kind(List<Map<String, Object>> all, String kind) {
        return all.stream().filter(m -> kind.equals(m.get("kind"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind));
    }

    @SuppressWarnings("unchecked")
    private static Object at(Object node, String... path) {
        Object current = node;
        for (String step : path) {
            current = current instanceof List<?> list ? list.get(Integer.parseInt(step))
                    : ((Map<String, Object>) current).get(step);
        }
        return current;
    }

    @Test
    void severalReplicasWithHealthProbesResourcesAndADisruptionBudget() throws IOException {
        List<Map<String, Object>> all = manifests();
        Map<String, Object> deployment = kind(all, "Deployment");
        assertTrue((Integer) at(deployment, "spec", "replicas") >= 2);
        assertEquals(0, at(deployment, "spec", "strategy", "rollingUpdate", "maxUnavailable"));
        Object container = at(deployment, "spec", "template", "spec", "containers", "0");
        assertEquals("/health/ready", at(container, "readinessProbe", "httpGet", "path"));
        assertEquals("/health/live", at(container, "livenessProbe", "httpGet", "path"));
        assertEquals("/health/started", at(container, "startupProbe", "httpGet", "path"));
        assertTrue(at(container, "resources", "requests", "cpu") != null
                && at(container, "resources", "requests", "memory") != null);
        assertEquals("srooter", at(container, "envFrom", "1", "secretRef", "name"));
        assertTrue(((Map<?, ?>) at(kind(all, "Secret"), "stringData")).containsKey("SROOTER_MASTER_KEY"),
                "every replica opens credentials with the same master key");
        assertEquals("postgresql", at(kind(all, "ConfigMap"), "data", "SROOTER_DB"));
        assertEquals(9080, at(kind(all, "Service"), "spec", "ports", "0", "port"));
        assertTrue((Integer) at(kind(all, "PodDisruptionBudget"), "spec", "minAvailable") >= 1);
    }

    @Test
    void theImageFollowsOpenLibertysConventions() throws IOException {
        String containerfile = Files.readString(DEPLOY.resolve("Containerfile"));
        assertTrue(containerfile.lines().anyMatch(l -> l.startsWith("FROM ") && l.contains("open-liberty")));
        assertTrue(containerfile.contains("/config/apps/"), "the war in /config/apps");
        int features = containerfile.indexOf("RUN features.sh");
        int configure = containerfile.indexOf("RUN configure.sh");
        assertTrue(features > 0 && configure > features, "features.sh before configure.sh");
    }
}
