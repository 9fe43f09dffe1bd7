package dev.srooter.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Skills through the gateway: injected into the system prompt in each wire format and after translation, in
 * priority order, scoped by intent, path and repository, identical for identical skill sets, leaving the
 * client's cache breakpoints where they were; soft ones can be turned off, hard ones cannot; secrets-guard
 * refuses credentials in the caller's format and keeps them out of the audit log.
 */
class SkillsIT {

    private static final String AGENT = "You are an interactive coding agent.";
    private static final String TITLE = "Generate a concise, sentence-case title for this coding session.";

    private final Gateway gateway = Gateway.get();
    private final String run = Long.toString(System.nanoTime(), 36);
    private final List<String> created = new ArrayList<>();

    @BeforeEach
    @AfterEach
    void reset() {
        created.forEach(name -> gateway.admin("DELETE", "/api/skills/" + name, null));
        created.clear();
        gateway.admin("PUT", "/api/skills/tdd-enforcer", "{\"enabled\":false}");
        gateway.admin("PUT", "/api/users/admin/team", "{\"team\":null}");
        gateway.anthropic.reset();
        gateway.openAi.reset();
        gateway.neutralRouting();
    }

    private String skill(String json) {
        HttpResponse<String> response = gateway.admin("POST", "/api/skills", json);
        assertEquals(201, response.statusCode(), response.body());
        String name = Gateway.object(response.body()).getString("name");
        created.add(name);
        return name;
    }

    /** An agent turn (with tools), or for the title system prompt, a side call without tools as Claude Code makes it. */
    private HttpResponse<String> claude(String system, String user, String... headers) {
        String tools = system.equals(TITLE) ? "" : "\"tools\":[{\"name\":\"Read\",\"input_schema\":{\"type\":"
                + "\"object\"}}],";
        HttpResponse<String> response = gateway.anthropic("/v1/messages", "{\"model\":\"" + Gateway.CLAUDE
                + "\",\"max_tokens\":64,\"system\":\"" + system + "\"," + tools + "\"messages\":[{\"role\":\"user\","
                + "\"content\":\"" + user + "\"}]}", headers);
        assertEquals(200, response.statusCode(), response.body());
        return response;
    }

    /** The system text the Anthropic fake received, its blocks joined. */
    private String anthropicSystem() {
        JsonValue system = Gateway.object(gateway.anthropic.lastRequest().body()).get("system");
        if (system instanceof JsonArray blocks) {
            return String.join("\n\n", blocks.stream().map(b -> b.asJsonObject().getString("text")).toList());
        }
        return system == null ? "" : ((jakarta.json.JsonString) system).getString();
    }

    @Test
    void aSkillIsInjectedInEachFormatInPriorityOrderWithAHeaderAndAnAuditRecord() {
        String low = skill("{\"name\":\"low-" + run + "\",\"text\":\"LOW-" + run + "\",\"kind\":\"soft\","
                + "\"priority\":10,\"intents\":[]}");
        String high = skill("{\"name\":\"high-" + run + "\",\"text\":\"HIGH-" + run + "\",\"kind\":\"soft\","
                + "\"priority\":90,\"intents\":[]}");

        HttpResponse<String> anthropic = claude(AGENT, "Implement a function that merges overlapping intervals");
        String system = anthropicSystem();
        assertTrue(system.startsWith(AGENT + "\n\n"), "the client's system prompt comes first: " + system);
        assertTrue(system.indexOf("HIGH-" + run) < system.indexOf("LOW-" + run), "priority order: " + system);
        assertEquals(high + ", " + low, anthropic.headers().firstValue("x-srooter-skills").orElseThrow());
        JsonObject audit = gateway.auditRecord(anthropic.headers().firstValue("x-srooter-request-id").orElseThrow());
        assertEquals(high + ", " + low, audit.getString("skills"));

        HttpResponse<String> chat = gateway.openAi("/v1/chat/completions", "{\"model\":\"" + Gateway.GPT
                + "\",\"messages\":[{\"role\":\"system\",\"content\":\"" + AGENT + "\"},{\"role\":\"user\","
                + "\"content\":\"hi\"}]}");
        assertEquals(200, chat.statusCode());
        JsonArray messages = Gateway.object(gateway.openAi.lastRequest().body()).getJsonArray("messages");
        assertEquals(AGENT, messages.getJsonObject(0).getString("content"));
        assertEquals("system", messages.getJsonObject(1).getString("role"));
        assertEquals("HIGH-" + run + "\n\nLOW-" + run, messages.getJsonObject(1).getString("content"));
        assertEquals("user", messages.getJsonObject(2).getString("role"));

        HttpResponse<String> responses = gateway.openAi("/v1/responses", "{\"model\":\"" + Gateway.GPT
                + "\",\"instructions\":\"" + AGENT + "\",\"input\":\"hi\"}");
        assertEquals(200, responses.statusCode());
        assertEquals(AGENT + "\n\nHIGH-" + run + "\n\nLOW-" + run,
                Gateway.object(gateway.openAi.lastRequest().body()).getString("instructions"));
    }

    @Test
    void afterTranslationTheSkillIsInTheProvidersFormat() {
        skill("{\"name\":\"x-" + run + "\",\"text\":\"CROSS-" + run + "\",\"kind\":\"soft\",\"priority\":5}");
        gateway.putAlias("skills-alias-*", Gateway.OPENAI_PROVIDER + "/" + Gateway.GPT);
        try {
            HttpResponse<String> crossed = gateway.anthropic("/v1/messages", "{\"model\":\"skills-alias-1\","
                    + "\"max_tokens\":64,\"system\":\"" + AGENT + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
            assertEquals(200, crossed.statusCode(), crossed.body());
            JsonArray messages = Gateway.object(gateway.openAi.lastRequest().body()).getJsonArray("messages");
            assertEquals(AGENT, messages.getJsonObject(0).getString("content"));
            assertEquals("CROSS-" + run, messages.getJsonObject(1).getString("content"), messages.toString());
        } finally {
            gateway.admin("DELETE", "/api/aliases/skills-alias-*", null);
        }
        HttpResponse<String> codexToClaude = gateway.openAi("/v1/responses", "{\"model\":\"" + Gateway.ANTHROPIC_PROVIDER
                + "/" + Gateway.CLAUDE + "\",\"instructions\":\"" + AGENT + "\",\"input\":\"hi\"}");
        assertEquals(200, codexToClaude.statusCode(), codexToClaude.body());
        assertTrue(anthropicSystem().endsWith("CROSS-" + run), anthropicSystem());
    }

    /** Every direction of translation: the skill lands in the provider's own system place, after the client's prompt. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0} client -> {1} provider")
    @org.junit.jupiter.params.provider.CsvSource({"anthropic,chat", "anthropic,responses", "chat,anthropic",
        "chat,responses", "responses,anthropic", "responses,chat"})
    void everyDirectionOfTranslationGetsTheSkillInTheProvidersFormat(String client, String provider) {
        gateway.ensurePinnedOpenAiProviders();
        skill("{\"name\":\"dir-" + run + "\",\"text\":\"DIRECTION-" + run + "\",\"kind\":\"soft\",\"priority\":5}");
        String model = switch (provider) {
            case "anthropic" -> Gateway.ANTHROPIC_PROVIDER + "/" + Gateway.CLAUDE;
            case "chat" -> Gateway.OPENAI_CHAT_ONLY + "/" + Gateway.GPT;
            default -> Gateway.OPENAI_RESPONSES_ONLY + "/" + Gateway.GPT;
        };
        HttpResponse<String> answer = switch (client) {
            case "anthropic" -> gateway.anthropic("/v1/messages", "{\"model\":\"" + model + "\",\"max_tokens\":32,"
                    + "\"system\":\"" + AGENT + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
            case "chat" -> gateway.openAi("/v1/chat/completions", "{\"model\":\"" + model + "\",\"messages\":["
                    + "{\"role\":\"system\",\"content\":\"" + AGENT + "\"},{\"role\":\"user\",\"content\":\"hi\"}]}");
            default -> gateway.openAi("/v1/responses", "{\"model\":\"" + model + "\",\"instructions\":\"" + AGENT
                    + "\",\"input\":\"hi\"}");
        };
        assertEquals(200, answer.statusCode(), answer.body());
        assertTrue(answer.headers().firstValue("x-srooter-translated").isPresent(), "a translated request");
        JsonObject sent = Gateway.object(provider.equals("anthropic") ? gateway.anthropic.lastRequest().body()
                : gateway.openAi.lastRequest().body());
        String system = switch (provider) {
            case "anthropic" -> anthropicSystem();
            case "chat" -> String.join("\n\n", sent.getJsonArray("messages").stream().map(JsonValue::asJsonObject)
                    .filter(m -> m.getString("role").equals("system") || m.getString("role").equals("developer"))
                    .map(m -> m.getString("content")).toList());
            default -> sent.getString("instructions", "");
        };
        assertTrue(system.contains(AGENT) && system.indexOf(AGENT) < system.indexOf("DIRECTION-" + run),
                client + " -> " + provider + ": " + sent);
    }

    @Test
    void claudeCodesCapturedRequestKeepsItsBreakpointsAndIdenticalSkillsGiveIdenticalBytes() throws Exception {
        skill("{\"name\":\"cc-" + run + "\",\"text\":\"CC-" + run + "\",\"kind\":\"soft\",\"priority\":5}");
        Path fixture = Path.of(System.getProperty("srooter.fixtures.dir"), "claude-code-2.1.328",
                "request-2-tool-result.json");
        JsonObject captured = Gateway.object(Files.readString(fixture)).getJsonObject("body");
        JsonArray clientSystem = captured.getJsonArray("system");
        String body = captured.toString();

        assertEquals(200, gateway.anthropic("/v1/messages", body).statusCode());
        String first = gateway.anthropic.lastRequest().body();
        assertEquals(200, gateway.anthropic("/v1/messages", body).statusCode());
        String second = gateway.anthropic.lastRequest().body();
        assertEquals(first, second, "the same request and skills reach the provider as the same bytes");

        JsonArray sent = Gateway.object(first).getJsonArray("system");
        assertEquals(clientSystem.size() + 1, sent.size());
        for (int i = 0; i < clientSystem.size(); i++) {
            assertEquals(clientSystem.get(i), sent.get(i), "system block " + i + " with its cache_control");
        }
        assertEquals("CC-" + run, sent.getJsonObject(sent.size() - 1).getString("text"));
        assertEquals(captured.get("messages"), Gateway.object(first).get("messages"),
                "messages and their breakpoints untouched");
    }

    @Test
    void skillsAreScopedByIntentPathAndRepository() {
        skill("{\"name\":\"sub-" + run + "\",\"text\":\"SUBSTANTIVE-" + run + "\",\"kind\":\"soft\","
                + "\"intents\":[\"substantive\"]}");
        skill("{\"name\":\"mig-" + run + "\",\"text\":\"MIGRATIONS-" + run + "\",\"kind\":\"soft\","
                + "\"paths\":[\"**/migrations/**\"]}");
        skill("{\"name\":\"repo-" + run + "\",\"text\":\"PAYMENTS-" + run + "\",\"kind\":\"soft\","
                + "\"repositories\":[\"payments-*\"]}");

        claude(TITLE, "Fix the flaky login test");
        assertFalse(anthropicSystem().contains("SUBSTANTIVE-" + run), "a trivial request: " + anthropicSystem());
        claude(AGENT, "Implement a function that merges overlapping intervals");
        assertTrue(anthropicSystem().contains("SUBSTANTIVE-" + run));
        assertFalse(anthropicSystem().contains("MIGRATIONS-" + run));
        assertFalse(anthropicSystem().contains("PAYMENTS-" + run));

        String toolTurn = "{\"model\":\"" + Gateway.CLAUDE + "\",\"max_tokens\":64,\"system\":\"Primary working "
                + "directory: /home/dev/payments-api\",\"messages\":[{\"role\":\"user\",\"content\":\"add a column\"},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t1\",\"name\":\"Read\","
                + "\"input\":{\"file_path\":\"/home/dev/payments-api/db/migrations/V7__refunds.sql\"}}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t1\",\"content\":\"CREATE"
                + " TABLE refunds (id INT);\"}]}]}";
        HttpResponse<String> scoped = gateway.anthropic("/v1/messages", toolTurn);
        assertEquals(200, scoped.statusCode(), scoped.body());
        assertTrue(anthropicSystem().contains("MIGRATIONS-" + run), anthropicSystem());
        assertTrue(anthropicSystem().contains("PAYMENTS-" + run), anthropicSystem());
    }

    @Test
    void softSkillsCanBeTurnedOffByClientsAndTeamsHardOnesCannot() {
        String soft = skill("{\"name\":\"soft-" + run + "\",\"text\":\"SOFT-" + run + "\",\"kind\":\"soft\","
                + "\"offForTeams\":[\"skunkworks\"]}");
        String hard = skill("{\"name\":\"hard-" + run + "\",\"text\":\"HARD-" + run + "\",\"kind\":\"hard\"}");

        claude(AGENT, "hi", "x-srooter-skills-off", soft + ", " + hard);
        assertFalse(anthropicSystem().contains("SOFT-" + run), "a client may leave a soft skill out");
        assertTrue(anthropicSystem().contains("HARD-" + run), "but not a hard one");

        gateway.admin("PUT", "/api/users/admin/team", "{\"team\":\"skunkworks\"}");
        claude(AGENT, "hi");
        assertFalse(anthropicSystem().contains("SOFT-" + run), "the team turned the soft skill off");
        assertTrue(anthropicSystem().contains("HARD-" + run));

        assertEquals(400, gateway.admin("PUT", "/api/skills/" + hard, "{\"text\":\"HARD\",\"kind\":\"hard\","
                + "\"offForTeams\":[\"skunkworks\"]}").statusCode(), "a hard skill cannot be turned off for a team");
        assertEquals(400, gateway.admin("PUT", "/api/skills/secrets-guard", "{\"text\":\"x\"}").statusCode());
        assertEquals(409, gateway.admin("DELETE", "/api/skills/secrets-guard", null).statusCode());
        assertEquals(409, gateway.admin("POST", "/api/skills", "{\"name\":\"" + soft + "\",\"text\":\"again\"}")
                .statusCode());
        String developer = gateway.createUser("skills-dev-" + run, "developer");
        assertEquals(403, gateway.as(developer, "POST", "/api/skills", "{\"name\":\"mine\",\"text\":\"t\"}")
                .statusCode());

        // issue 17: a lead could switch the secrets guard off; leads manage soft skills only
        String lead = gateway.createUser("skills-lead-" + run, "lead");
        assertEquals(403, gateway.as(lead, "PUT", "/api/skills/secrets-guard", "{\"enabled\":false}").statusCode());
        assertEquals(403, gateway.as(lead, "PUT", "/api/skills/" + hard, "{\"text\":\"HARD\",\"kind\":\"soft\"}")
                .statusCode(), "nor make a hard skill soft");
        assertEquals(403, gateway.as(lead, "DELETE", "/api/skills/" + hard, null).statusCode());
        assertEquals(403, gateway.as(lead, "POST", "/api/skills", "{\"name\":\"lead-hard-" + run + "\",\"text\":\"t\","
                + "\"kind\":\"hard\"}").statusCode());
        assertTrue(find(Gateway.array(gateway.admin("GET", "/api/skills", null).body()), "secrets-guard")
                .getBoolean("enabled"), "the guard is still on");
        assertEquals(200, gateway.as(lead, "PUT", "/api/skills/" + soft, "{\"text\":\"SOFT\",\"kind\":\"soft\"}")
                .statusCode(), "a soft skill is the lead's to change");
    }

    @Test
    void theBuiltInsAreListedAndTddEnforcerCanBeSwitchedOn() {
        JsonArray skills = Gateway.array(gateway.admin("GET", "/api/skills", null).body());
        JsonObject tdd = find(skills, "tdd-enforcer");
        assertEquals("soft", tdd.getString("kind"));
        assertFalse(tdd.getBoolean("enabled"), "soft built-ins are off until an admin switches them on");
        assertEquals("plugin", tdd.getString("source"));
        assertEquals("soft", find(skills, "spec-first").getString("kind"));
        JsonObject guard = find(skills, "secrets-guard");
        assertEquals("hard", guard.getString("kind"));
        assertTrue(guard.getBoolean("enabled"));

        assertEquals(200, gateway.admin("PUT", "/api/skills/tdd-enforcer", "{\"enabled\":true}").statusCode());
        HttpResponse<String> substantive = claude(AGENT, "Implement a function that merges overlapping intervals");
        assertTrue(anthropicSystem().contains("[srooter skill: tdd-enforcer]"), anthropicSystem());
        assertTrue(substantive.headers().firstValue("x-srooter-skills").orElse("").contains("tdd-enforcer"));
        HttpResponse<String> trivial = claude(TITLE, "Fix the flaky login test");
        assertEquals("trivial", trivial.headers().firstValue("x-srooter-intent").orElse(""));
        assertFalse(anthropicSystem().contains("tdd-enforcer"), "its intents do not include trivial work");
    }

    @Test
    void secretsGuardRefusesCredentialsInTheCallersFormatAndKeepsThemOutOfTheAuditLog() throws Exception {
        String awsKey = ("AKIA" + run.toUpperCase() + "QQQQQQQQQQQQQQQQ").substring(0, 20);
        HttpResponse<String> refused = gateway.anthropic("/v1/messages", "{\"model\":\"" + Gateway.CLAUDE
                + "\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"why does this fail? "
                + "aws_access_key_id = " + awsKey + "\"}]}");
        assertEquals(400, refused.statusCode(), refused.body());
        JsonObject error = Gateway.object(refused.body()).getJsonObject("error");
        assertEquals("invalid_request_error", error.getString("type"));
        assertTrue(error.getString("message").contains("'secrets-guard'") && error.getString("message")
                .contains("an AWS access key"), error.getString("message"));
        assertFalse(refused.body().contains(awsKey));
        assertTrue(gateway.anthropic.received().isEmpty(), "no model saw it");

        String ghToken = "ghp_" + (run + "abcdefghijklmnopqrstuvwxyz0123456789").substring(0, 36);
        HttpResponse<String> openAi = gateway.openAi("/v1/responses", "{\"model\":\"" + Gateway.GPT
                + "\",\"input\":\"GITHUB_TOKEN=" + ghToken + "\"}");
        assertEquals(400, openAi.statusCode());
        assertEquals("skill_refused", Gateway.object(openAi.body()).getJsonObject("error").getString("code"));

        JsonObject audit = gateway.auditRecord(refused.headers().firstValue("x-srooter-request-id").orElseThrow());
        assertEquals(400, audit.getInt("status"));
        assertEquals("skill_refused", audit.getString("errorType"));
        assertEquals("secrets-guard (refused)", audit.getString("skills"));
        gateway.auditRecord(openAi.headers().firstValue("x-srooter-request-id").orElseThrow());
        for (String secret : List.of(awsKey, ghToken)) {
            List<String> found = new ArrayList<>();
            assertFalse(gateway.searchDatabase(secret, found).isEmpty());
            assertEquals(List.of(), found, "the credential is stored nowhere");
        }
    }

    private static JsonObject find(JsonArray skills, String name) {
        return skills.stream().map(JsonValue::asJsonObject).filter(s -> s.getString("name").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no skill " + name + " in " + skills));
    }
}
