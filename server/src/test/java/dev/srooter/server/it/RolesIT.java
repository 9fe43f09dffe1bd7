package dev.srooter.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Users and roles: the role matrix over the admin API (each role allowed and refused where it should be),
 * developers confined to their own keys and usage, users managed by admins only, passwords stored slowly
 * hashed, and every admin change recorded with who, what and when.
 */
class RolesIT {

    private static final Gateway gateway = Gateway.get();
    private static final String RUN = Long.toString(System.nanoTime(), 36);
    private static final Map<String, String> TOKENS = new java.util.LinkedHashMap<>();

    @BeforeAll
    static void users() {
        TOKENS.put("admin", gateway.adminToken);
        for (String role : List.of("lead", "developer", "auditor")) {
            TOKENS.put(role, gateway.createUser(role + "-" + RUN, role));
        }
    }

    /** One admin API call and the roles that may make it. */
    private record Call(String method, String path, String body, Set<String> allowed) {
    }

    private static final Set<String> ALL = Set.of("admin", "lead", "developer", "auditor");

    private static List<Call> matrix() {
        return List.of(
                new Call("GET", "/api/users", null, Set.of("admin")),
                new Call("POST", "/api/users", "{\"username\":\"\"}", Set.of("admin")),
                new Call("GET", "/api/providers", null, Set.of("admin")),
                new Call("GET", "/api/aliases", null, Set.of("admin")),
                new Call("GET", "/api/plugins", null, Set.of("admin")),
                new Call("GET", "/api/routing/rules", null, Set.of("admin", "lead")),
                new Call("GET", "/api/routing/chains", null, Set.of("admin", "lead")),
                new Call("GET", "/api/policies", null, Set.of("admin", "lead")),
                new Call("PUT", "/api/policies/no-such-policy", "{}", Set.of("admin", "lead")),
                new Call("GET", "/api/budgets", null, Set.of("admin", "lead")),
                new Call("PUT", "/api/budgets/teams/none-" + RUN, "{\"period\":\"daily\"}", Set.of("admin", "lead")),
                new Call("GET", "/api/limits", null, Set.of("admin", "lead")),
                new Call("GET", "/api/audit?limit=1", null, Set.of("admin", "auditor")),
                new Call("GET", "/api/audit/export?format=jsonl&from=2100-01-01T00:00:00Z", null,
                        Set.of("admin", "auditor")),
                new Call("GET", "/api/audit/admin?limit=1", null, Set.of("admin", "auditor")),
                new Call("GET", "/api/audit/sinks", null, Set.of("admin", "auditor")),
                new Call("GET", "/api/keys", null, Set.of("admin", "lead", "developer")),
                new Call("GET", "/api/usage", null, ALL),
                new Call("GET", "/api/me", null, ALL));
    }

    @Test
    void eachRoleIsAllowedAndRefusedWhereItShouldBe() {
        List<String> wrong = new ArrayList<>();
        for (Call call : matrix()) {
            for (Map.Entry<String, String> role : TOKENS.entrySet()) {
                int status = gateway.as(role.getValue(), call.method(), call.path(), call.body()).statusCode();
                boolean allowed = call.allowed().contains(role.getKey());
                if (allowed ? status == 403 || status == 401 : status != 403) {
                    wrong.add(role.getKey() + " " + call.method() + " " + call.path() + " -> " + status);
                }
            }
        }
        assertTrue(wrong.isEmpty(), "role matrix violations: " + wrong);
        assertEquals(401, gateway.send("GET", "/api/users", null, null).statusCode(), "no token, no access");
    }

    @Test
    void developersSeeAndRevokeTheirOwnKeysOnly() {
        String developer = TOKENS.get("developer");
        String mine = gateway.mintKeyAs(developer, "laptop");
        JsonArray keys = Gateway.array(gateway.as(developer, "GET", "/api/keys", null).body());
        assertTrue(keys.size() >= 1);
        String myName = "developer-" + RUN;
        String adminsKey = Gateway.array(gateway.admin("GET", "/api/keys", null).body()).stream()
                .map(JsonValue::asJsonObject).filter(k -> k.getString("name").equals("integration-tests"))
                .findFirst().orElseThrow().getString("id");
        for (JsonValue k : keys) {
            assertNotEquals(adminsKey, k.asJsonObject().getString("id"), "a developer sees only their keys");
        }
        assertEquals(404, gateway.as(developer, "DELETE", "/api/keys/" + adminsKey, null).statusCode());
        assertEquals(403, gateway.as(developer, "POST", "/api/keys", "{\"name\":\"x\",\"username\":\"admin\"}")
                .statusCode());
        assertEquals(200, gateway.anthropicWithKey(mine, "{\"model\":\"" + Gateway.CLAUDE + "\",\"max_tokens\":8,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").statusCode());

        JsonObject usage = Gateway.object(gateway.as(developer, "GET", "/api/usage", null).body());
        assertEquals(myName, usage.getString("username"));
        assertEquals(403, gateway.as(developer, "GET", "/api/usage?username=admin", null).statusCode());
        assertEquals(200, gateway.as(TOKENS.get("auditor"), "GET", "/api/usage?username=" + myName, null)
                .statusCode());
        JsonObject me = Gateway.object(gateway.as(developer, "GET", "/api/me", null).body());
        assertEquals("developer", me.getString("role"));
    }

    @Test
    void usersAreManagedByAdminsWithSlowlyHashedPasswords() throws Exception {
        String name = "managed-" + RUN;
        String password = "a-password-nobody-guesses-" + RUN;
        HttpResponse<String> created = gateway.admin("POST", "/api/users", "{\"username\":\"" + name
                + "\",\"password\":\"" + password + "\",\"role\":\"developer\"}");
        assertEquals(201, created.statusCode(), created.body());
        assertFalse(created.body().contains(password));
        assertEquals(409, gateway.admin("POST", "/api/users", "{\"username\":\"" + name
                + "\",\"password\":\"" + password + "\",\"role\":\"developer\"}").statusCode());
        assertEquals(400, gateway.admin("POST", "/api/users", "{\"username\":\"short-" + RUN
                + "\",\"password\":\"short\",\"role\":\"developer\"}").statusCode());
        assertEquals(400, gateway.admin("POST", "/api/users", "{\"username\":\"bad-" + RUN
                + "\",\"password\":\"" + password + "\",\"role\":\"superuser\"}").statusCode());

        String token = gateway.login(name, password);
        assertEquals(403, gateway.as(token, "GET", "/api/routing/rules", null).statusCode());
        assertEquals(200, gateway.admin("PUT", "/api/users/" + name + "/role", "{\"role\":\"lead\"}").statusCode());
        String leadToken = gateway.login(name, password);
        assertEquals(200, gateway.as(leadToken, "GET", "/api/routing/rules", null).statusCode(),
                "a new login carries the new role");

        List<String> found = new ArrayList<>();
        List<String> searched = gateway.searchDatabase(password, found);
        assertFalse(searched.isEmpty());
        assertEquals(List.of(), found, "the password is stored nowhere, the admin change log included");
        List<String> hashes = new ArrayList<>();
        gateway.searchDatabase("pbkdf2-sha256$310000$", hashes);
        assertFalse(hashes.isEmpty(), "passwords are stored as PBKDF2 hashes with 310,000 iterations");

        assertEquals(409, gateway.admin("PUT", "/api/users/admin/role", "{\"role\":\"developer\"}").statusCode(),
                "the last admin stays an admin");
        assertEquals(204, gateway.admin("DELETE", "/api/users/" + name, null).statusCode());
        assertEquals(401, gateway.send("POST", "/api/auth/login", null, "{\"username\":\"" + name
                + "\",\"password\":\"" + password + "\"}").statusCode());
    }

    /**
     * Issue 17, item 3: a token once kept the role it was issued with for its eight hours: a demoted or deleted
     * admin kept admin (plugin upload included), and a password change left other sessions open.
     */
    @Test
    void aTokenEndsWhenItsUserIsDemotedDeletedOrChangesPassword() {
        String name = "ex-admin-" + RUN;
        String password = "pw-" + name + "-long-enough";
        String token = gateway.createUser(name, "admin");
        String otherSession = gateway.login(name, password);
        assertEquals(200, gateway.as(token, "GET", "/api/plugins", null).statusCode());

        assertEquals(200, gateway.admin("PUT", "/api/users/" + name + "/role", "{\"role\":\"developer\"}")
                .statusCode());
        HttpResponse<String> demoted = gateway.as(token, "GET", "/api/plugins", null);
        assertEquals(401, demoted.statusCode(), "the demoted admin's token no longer works");
        assertTrue(demoted.body().contains("log in again"), demoted.body());
        assertEquals(401, gateway.as(otherSession, "GET", "/api/keys", null).statusCode());
        String developer = gateway.login(name, password);
        assertEquals(403, gateway.as(developer, "GET", "/api/plugins", null).statusCode());
        assertEquals(200, gateway.as(developer, "GET", "/api/keys", null).statusCode());

        // one's own password: the current one is required; the change ends every other session
        String second = gateway.login(name, password);
        String next = password + "-next";
        assertEquals(403, gateway.as(developer, "PUT", "/api/users/" + name + "/password",
                "{\"password\":\"" + next + "\"}").statusCode(), "without the current password");
        assertEquals(403, gateway.as(developer, "PUT", "/api/users/" + name + "/password",
                "{\"password\":\"" + next + "\",\"currentPassword\":\"wrong-password-here\"}").statusCode());
        HttpResponse<String> changed = gateway.as(developer, "PUT", "/api/users/" + name + "/password",
                "{\"password\":\"" + next + "\",\"currentPassword\":\"" + password + "\"}");
        assertEquals(200, changed.statusCode(), changed.body());
        String fresh = Gateway.object(changed.body()).getString("token");
        assertEquals(401, gateway.as(second, "GET", "/api/keys", null).statusCode(), "other sessions end");
        assertEquals(401, gateway.as(developer, "GET", "/api/keys", null).statusCode());
        assertEquals(200, gateway.as(fresh, "GET", "/api/keys", null).statusCode(), "the answer's token works");
        String key = gateway.mintKeyAs(fresh, "laptop"); // an account with a key can be deleted too (it once could not)

        assertEquals(204, gateway.admin("DELETE", "/api/users/" + name, null).statusCode());
        assertEquals(401, gateway.as(fresh, "GET", "/api/keys", null).statusCode(), "a deleted user's token ends");
        assertEquals(401, gateway.anthropicWithKey(key, "{\"model\":\"" + Gateway.CLAUDE + "\",\"max_tokens\":8,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").statusCode(), "nor does their key");
    }

    /** Issue 17, item 6: nothing slowed password guessing. */
    @Test
    void repeatedWrongPasswordsAreSlowedWithARetryAfter() {
        String name = "guessed-" + RUN;
        gateway.createUser(name, "developer");
        String wrong = "{\"username\":\"" + name + "\",\"password\":\"not-the-password\"}";
        for (int k = 0; k < 5; k++) {
            assertEquals(401, gateway.send("POST", "/api/auth/login", null, wrong).statusCode());
        }
        HttpResponse<String> slowed = gateway.send("POST", "/api/auth/login", null,
                "{\"username\":\"" + name + "\",\"password\":\"pw-" + name + "-long-enough\"}");
        assertEquals(429, slowed.statusCode(), "even the right password waits: " + slowed.body());
        assertEquals("60", slowed.headers().firstValue("retry-after").orElseThrow());
        assertTrue(Gateway.object(slowed.body()).getString("error").contains("too many failed sign-ins"));
    }

    @Test
    void everyAdminChangeIsRecordedWithWhoWhatAndWhen() {
        String lead = TOKENS.get("lead");
        HttpResponse<String> change = gateway.as(lead, "PUT", "/api/policies/max-output-tokens/teams/t-" + RUN,
                "{\"max\":2048}");
        assertEquals(200, change.statusCode(), change.body());
        gateway.as(TOKENS.get("developer"), "PUT", "/api/policies/allowlist", "{\"models\":[]}");
        String secret = "never-in-the-log-" + RUN;
        gateway.admin("POST", "/api/users", "{\"username\":\"logged-" + RUN + "\",\"password\":\"" + secret
                + "\",\"role\":\"auditor\"}");
        try {
            JsonArray events = Gateway.array(gateway.as(TOKENS.get("auditor"), "GET", "/api/audit/admin?limit=50", null)
                    .body());
            JsonObject policy = find(events, "PUT", "/api/policies/max-output-tokens/teams/t-" + RUN);
            assertEquals("lead-" + RUN, policy.getString("username"));
            assertEquals("lead", policy.getString("role"));
            assertEquals(200, policy.getInt("status"));
            assertEquals("{\"max\":2048}", policy.getString("detail"));
            assertTrue(policy.getString("at").startsWith("20"), policy.toString());

            JsonObject refused = find(events, "PUT", "/api/policies/allowlist");
            assertEquals("developer-" + RUN, refused.getString("username"));
            assertEquals(403, refused.getInt("status"), "refused attempts are recorded too");

            JsonObject user = find(events, "POST", "/api/users");
            assertFalse(user.getString("detail").contains(secret), user.getString("detail"));
            assertTrue(user.getString("detail").contains("\"password\":\"***\""), user.getString("detail"));
        } finally {
            gateway.admin("DELETE", "/api/policies/max-output-tokens/teams/t-" + RUN, null);
            gateway.admin("DELETE", "/api/users/logged-" + RUN, null);
        }
    }

    @Test
    void theServerPublishesAnOpenApiDocumentOfTheAdminApi() {
        HttpResponse<String> doc = gateway.send("GET", "/openapi", null, null);
        assertEquals(200, doc.statusCode());
        for (String path : List.of("/api/users", "/api/policies/{name}", "/api/budgets/org", "/api/plugins",
                "/api/audit/export", "/api/limits/users/{username}")) {
            assertTrue(doc.body().contains(path + ":"), "the OpenAPI document lists " + path);
        }
    }

    private static JsonObject find(JsonArray events, String method, String path) {
        return events.stream().map(JsonValue::asJsonObject)
                .filter(e -> e.getString("method").equals(method) && e.getString("path").equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("no admin event " + method + " " + path + " in " + events));
    }
}
