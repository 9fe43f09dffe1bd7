package dev.srooter.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, no leaks: run after every other integration test against the same server (it is ordered last:
 * {@code junit-platform.properties}), it first sends canaries through the paths that carry secrets and prompts (a gateway key,
 * a provider credential, a prompt passed through, translated, streamed, refused by the secrets guard, answered
 * with errors), then scans everything the server wrote during the whole run: its logs, its database (outside the
 * sealed columns, which hold ciphertext), the audit exports and the admin API's answers. None may hold a
 * credential, a gateway key or prompt text; the one answer that minted a key is the only place the key appears.
 */
@org.junit.jupiter.api.Order(Integer.MAX_VALUE)
class LeakScanIT {

    private static final Pattern GATEWAY_KEY = Pattern.compile("srt_live_[A-Za-z0-9_-]{43}");

    private final Gateway gateway = Gateway.get();
    private final String run = Long.toString(System.nanoTime(), 36);

    @Test
    void noCredentialGatewayKeyOrPromptIsLeftAnywhere() throws Exception {
        String prompt = "leak-canary-prompt-" + run;
        String providerSecret = "sk-canary-provider-" + run;
        String awsKey = "AKIA" + (run + "QWERTYUIOPASDFGH").toUpperCase().replaceAll("[^A-Z0-9]", "X").substring(0, 16);
        String key = gateway.mintKey("leak-" + run);
        JsonObject provider = gateway.addProvider("leak-" + run, "openai", "http://127.0.0.1:" + gateway.openAi.port()
                + "/v1", providerSecret);
        String model = "leak-" + run + "/" + Gateway.GPT;

        List<String> ids = new ArrayList<>();
        ids.add(id(gateway.openAiWithKey(key, "/v1/chat/completions", chat(model, prompt, false))));
        ids.add(id(gateway.openAiWithKey(key, "/v1/chat/completions", chat(model, prompt, true))));
        ids.add(id(gateway.anthropicWithKey(key, messages(model, prompt))));
        ids.add(id(gateway.anthropicWithKey(key, messages(Gateway.CLAUDE, prompt))));
        ids.add(id(gateway.anthropicWithKey(key, messages("no-such-model-" + run, prompt))));
        HttpResponse<String> guarded = gateway.anthropicWithKey(key, messages(Gateway.CLAUDE, prompt + " my key is "
                + awsKey + " and the secret wJalrXUtnFEMI/K7MDENG/bPxRfiCY" + run.toUpperCase()));
        assertFalse(guarded.statusCode() == 200, "the secrets guard refuses a request carrying a credential");
        assertFalse(guarded.body().contains(awsKey), "a refusal names the kind of credential, never the credential");
        ids.add(id(guarded));
        gateway.auditRecord(ids.get(ids.size() - 1)); // the audit writer has flushed what came before

        Map<String, String> needles = new LinkedHashMap<>();
        needles.put("a prompt", prompt);
        needles.put("a gateway key", key);
        needles.put("a provider credential", providerSecret);
        needles.put("the anthropic provider credential", Gateway.PROVIDER_SECRET_ANTHROPIC);
        needles.put("the openai provider credential", Gateway.PROVIDER_SECRET_OPENAI);
        needles.put("a credential in a prompt", awsKey);
        needles.put("a webhook's authorization (AuditSinksIT)", "hook-secret");
        // configured on the Derby server; generated on the PostgreSQL one, which once printed it in its log
        needles.put("the admin password", gateway.adminPassword());

        List<String> leaks = new ArrayList<>();
        int files = scanLogs(needles, leaks);
        for (Map.Entry<String, String> needle : needles.entrySet()) {
            List<String> found = new ArrayList<>();
            gateway.searchDatabase(needle.getValue(), found);
            found.forEach(where -> leaks.add(needle.getKey() + " in the database: " + where));
        }
        for (String path : List.of("/api/audit/export?format=csv", "/api/audit/export?format=jsonl", "/api/audit?limit=500",
                "/api/audit/admin?limit=1000", "/api/audit/sinks", "/api/keys", "/api/providers", "/api/users",
                "/api/stats/recent", "/api/tasks", "/api/skills", "/api/policies")) {
            HttpResponse<String> answer = gateway.admin("GET", path, null);
            assertEquals(200, answer.statusCode(), path + ": " + answer.body());
            scan("the answer to GET " + path, answer.body(), needles, leaks);
        }
        gateway.admin("DELETE", "/api/providers/" + provider.getString("id"), null);
        System.out.println("leak scan: " + files + " log files, the database and 12 admin answers, for "
                + needles.size() + " secrets and every gateway key: " + leaks.size() + " leaks");
        assertEquals(List.of(), leaks);
    }

    private int scanLogs(Map<String, String> needles, List<String> leaks) throws Exception {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(gateway.logDir())) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path file : files) {
            scan("the log " + file.getFileName(), new String(Files.readAllBytes(file), StandardCharsets.UTF_8), needles,
                    leaks);
        }
        return files.size();
    }

    private static void scan(String where, String text, Map<String, String> needles, List<String> leaks) {
        needles.forEach((what, needle) -> {
            if (text.contains(needle)) {
                leaks.add(what + " in " + where);
            }
        });
        Matcher keys = GATEWAY_KEY.matcher(text);
        if (keys.find()) {
            leaks.add("a gateway key (" + keys.group().substring(0, 13) + "...) in " + where);
        }
    }

    private static String id(HttpResponse<String> response) {
        return response.headers().firstValue("x-srooter-request-id").orElseThrow(() -> new AssertionError(
                "no request id: " + response.statusCode() + " " + response.body()));
    }

    private static String chat(String model, String prompt, boolean stream) {
        return "{\"model\":\"" + model + "\"" + (stream ? ",\"stream\":true" : "") + ",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"" + prompt + "\"}]}";
    }

    private static String messages(String model, String prompt) {
        return "{\"model\":\"" + model + "\",\"max_tokens\":32,\"messages\":[{\"role\":\"user\",\"content\":\""
                + prompt + "\"}]}";
    }
}
