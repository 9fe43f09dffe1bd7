package dev.srooter.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Every admin API action a role may take, taken once in the console (real chromium) as that role, each checked
 * through the API afterwards; destructive ones answer a confirmation; a value the browser can check is refused before
 * it is sent, and one only the server can judge shows the server's own message. A role that may not take an action
 * does not see it. Runs in the Derby pass.
 */
class ConsoleActionsE2EIT {

    private static final Gateway gateway = Gateway.get();
    private static final String RUN = Long.toString(System.nanoTime(), 36);
    private static WebDriver browser;
    private static WebDriverWait wait;

    @BeforeAll
    static void openBrowser() throws Exception {
        browser = ConsoleBrowser.forThisPass();
        wait = ConsoleBrowser.waiter();
    }

    /** What the admin test changes that other tests rely on, as it was. */
    private static String sensitiveBefore;

    @AfterAll
    static void restore() {
        if (sensitiveBefore != null) {
            gateway.admin("PUT", "/api/cortex/sensitive", sensitiveBefore);
        }
        gateway.admin("PUT", "/api/routing/classifier", "{\"name\":\"local\"}");
        gateway.neutralRouting();
    }

    private static WebElement byId(String id) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
    }

    private static void type(String id, String text) {
        ConsoleBrowser.type(By.id(id), text);
    }

    private static void click(String css) {
        ConsoleBrowser.click(By.cssSelector(css));
    }

    /**
     * Waits until the API shows what the console did. A 503 (the database chose the check as a lock's victim while
     * the console's own change ran: srooter says to retry) is retried like any other not-yet, and so is an element
     * the console re-rendered between being found and being read (a stale reference: the next poll finds it anew).
     */
    private static void waitFor(java.util.function.BooleanSupplier condition, String what) {
        new WebDriverWait(browser, java.time.Duration.ofSeconds(15)).withMessage(what)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
            try {
                return condition.getAsBoolean();
            } catch (AssertionError busy) {
                if (busy.getMessage() != null && busy.getMessage().contains("the database was busy")) {
                    return false;
                }
                throw busy;
            }
        });
    }

    private static JsonObject get(String path) {
        java.net.http.HttpResponse<String> answer = gateway.admin("GET", path, null);
        assertEquals(200, answer.statusCode(), path + " answered " + answer.body());
        return Gateway.object(answer.body());
    }

    private static List<JsonObject> list(String path) {
        java.net.http.HttpResponse<String> answer = gateway.admin("GET", path, null);
        assertEquals(200, answer.statusCode(), path + " answered " + answer.body());
        return Gateway.array(answer.body()).stream().map(JsonValue::asJsonObject).toList();
    }

    private static JsonObject provider(String name) {
        return list("/api/providers").stream().filter(p -> p.getString("name").equals(name)).findFirst().orElse(null);
    }

    @Test
    void anAdminManagesProvidersAndTheirCredentialsAndPrices() throws Exception {
        ConsoleBrowser.signIn(gateway.url, "admin", System.getProperty("srooter.admin.password"));
        ConsoleBrowser.open("providers");
        String name = "e2e-prov-" + RUN;
        type("provider-name", name);
        new Select(byId("provider-kind")).selectByVisibleText("openai");
        type("provider-url", "http://127.0.0.1:" + gateway.openAi.port() + "/v1");
        type("provider-key", "sk-e2e-first-0001");
        click("#provider-add");
        click("button[data-manage='" + name + "']");
        type("credential-new", "sk-e2e-second-0002");
        click("#credential-add-button");
        waitFor(() -> provider(name).getJsonArray("credentials").size() == 2, "a second key");
        click("button[data-manage='" + name + "']");
        WebElement rotate = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("form[id^='rotate-'] input")));
        rotate.sendKeys("sk-e2e-rotated-0003" + Keys.ENTER);
        ConsoleBrowser.confirm();
        waitFor(() -> provider(name).getJsonArray("credentials").toString().contains("****0003")
                && provider(name).getJsonArray("credentials").size() == 2, "rotated: the new key in, the old one gone");
        ConsoleBrowser.open("providers");
        click("button[data-manage='" + name + "']");
        click("button[data-remove-credential='****0002']");
        ConsoleBrowser.confirm();
        waitFor(() -> provider(name).getJsonArray("credentials").size() == 1, "a key removed");
        click("button[data-manage='" + name + "']");
        WebElement reset = byId("credentials-reset");
        reset.click();
        wait.until(ExpectedConditions.stalenessOf(reset)); // the page redraws with the credentials back in service

        // a model's price: the browser refuses a negative one; a good one is saved
        type("models-table-filter", name);
        click("button[data-price='" + name + "/gpt-4o-mini']");
        type("price-input", "-1");
        click("#price-save");
        assertFalse(byId("price-input-error").getText().isBlank(), "a negative price is refused in the form");
        type("price-input", "0.2");
        type("price-output", "0.8");
        click("#price-save");
        waitFor(() -> list("/api/models").stream().anyMatch(m -> m.getString("qualifiedName").equals(name + "/gpt-4o-mini")
                && "override".equals(m.getString("priceSource"))), "the price is the admin's");
        ConsoleBrowser.screenshot("actions-providers");

        click("button[data-remove-provider='" + name + "']");
        ConsoleBrowser.confirm();
        waitFor(() -> provider(name) == null, "the provider is removed");
    }

    @Test
    void anAdminSetsRoutingUsersKeysPoliciesBudgetsAuditSinksAndCortex() throws Exception {
        ConsoleBrowser.signIn(gateway.url, "admin", System.getProperty("srooter.admin.password"));
        // routing: the picture of it first, then the llm classifier with its model (the server judges the model)
        ConsoleBrowser.open("routing");
        assertTrue(byId("routing-overview").getText().contains("Trivial-task model"));
        assertTrue(byId("overview-classifier").getText().contains("local"));
        new Select(byId("classifier")).selectByVisibleText("llm");
        type("classifier-model", "nowhere/no-model");
        click("#classifier-use");
        waitFor(() -> byId("classifier-form").getText().contains("no provider serves 'nowhere/no-model'"),
                "the server's own message");
        type("classifier-model", Gateway.OPENAI_PROVIDER + "/" + Gateway.GPT);
        click("#classifier-use");
        waitFor(() -> "llm".equals(get("/api/routing/classifier").getString("name")), "the llm classifier");
        assertEquals(Gateway.OPENAI_PROVIDER + "/" + Gateway.GPT, get("/api/routing/classifier").getString("model"));
        waitFor(() -> byId("overview-classifier").getText().contains(Gateway.GPT), "shown beside the others");
        new Select(byId("classifier")).selectByVisibleText("local");
        click("#classifier-use");
        waitFor(() -> "local".equals(get("/api/routing/classifier").getString("name")), "back to local");
        // an alias, added and removed; a task guard for a team, set and removed; circuits closed
        type("alias-pattern", "e2e-" + RUN + "-*");
        type("alias-target", Gateway.OPENAI_PROVIDER + "/" + Gateway.GPT);
        click("#alias-save");
        waitFor(() -> list("/api/aliases").stream().anyMatch(a -> a.getString("pattern").equals("e2e-" + RUN + "-*")), "alias");
        click("button[data-alias='e2e-" + RUN + "-*']");
        ConsoleBrowser.confirm();
        waitFor(() -> list("/api/aliases").stream().noneMatch(a -> a.getString("pattern").startsWith("e2e-" + RUN)), "gone");
        type("guard-team", "e2e-" + RUN);
        type("guard-turns", "40");
        click("#guard-save");
        waitFor(() -> get("/api/routing/task-guard").containsKey("team:e2e-" + RUN), "a team's task guard");
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//tr[td[text()='team:e2e-" + RUN + "']]//button")))
                .click();
        ConsoleBrowser.confirm();
        waitFor(() -> !get("/api/routing/task-guard").containsKey("team:e2e-" + RUN), "guard removed");
        click("#circuits-close");
        ConsoleBrowser.screenshot("actions-routing");

        // users: created with a team, moved to another, password reset, deleted; paged and filtered
        for (int k = 0; k < 21; k++) {
            gateway.admin("POST", "/api/users", "{\"username\":\"e2e-many-" + RUN + "-" + k
                    + "\",\"password\":\"a-long-password-1\",\"role\":\"developer\"}");
        }
        ConsoleBrowser.open("users");
        assertTrue(byId("users-table-info").getText().contains("page 1 of"), byId("users-table-info").getText());
        String dev = "e2e-user-" + RUN;
        type("user-name", dev);
        type("user-password", "short");
        click("#user-form button");
        assertFalse(byId("user-password-error").getText().isBlank(), "a short password is refused in the form");
        type("user-password", "a-long-enough-password");
        type("user-team", "checkout");
        click("#user-form button");
        waitFor(() -> list("/api/users").stream().anyMatch(u -> u.getString("username").equals(dev)
                && "checkout".equals(u.getString("team", null))), "user with team");
        type("users-table-filter", dev);
        waitFor(() -> byId("users-table-info").getText().startsWith("1 of"), "filtered to one");
        WebElement teamInput = byId("users-table").findElement(By.cssSelector("input[data-team='" + dev + "']"));
        teamInput.clear();
        teamInput.sendKeys("payments" + Keys.ENTER);
        waitFor(() -> list("/api/users").stream().anyMatch(u -> u.getString("username").equals(dev)
                && "payments".equals(u.getString("team", null))), "team changed");
        WebElement password = byId("password-" + dev).findElement(By.tagName("input"));
        password.sendKeys("another-long-password" + Keys.ENTER);
        ConsoleBrowser.confirm();
        waitFor(() -> gateway.send("POST", "/api/auth/login", List.of(), "{\"username\":\"" + dev
                + "\",\"password\":\"another-long-password\"}").statusCode() == 200, "the new password works");

        // a key minted for that developer, with the keyboard only
        ConsoleBrowser.open("keys");
        new Select(byId("key-owner")).selectByValue(dev);
        WebElement keyName = byId("key-name");
        keyName.sendKeys("for-" + dev);
        keyName.sendKeys(Keys.TAB); // to the owner field
        browser.switchTo().activeElement().sendKeys(Keys.TAB); // to the expiry date
        assertEquals("key-expires", browser.switchTo().activeElement().getAttribute("id"));
        // a date field takes a Tab for each of its parts (month, day, year) before the focus leaves it
        for (int i = 0; i < 4 && "key-expires".equals(browser.switchTo().activeElement().getAttribute("id")); i++) {
            browser.switchTo().activeElement().sendKeys(Keys.TAB);
        }
        WebElement focused = browser.switchTo().activeElement();
        assertEquals("mint", focused.getAttribute("id"), "the focus order follows the form");
        assertFalse("none".equals(focused.getCssValue("outline-style")), "the focus is visible");
        focused.sendKeys(Keys.ENTER);
        byId("minted-secret");
        String devId = list("/api/users").stream().filter(u -> u.getString("username").equals(dev)).findFirst()
                .orElseThrow().getString("id");
        assertTrue(list("/api/keys").stream().anyMatch(k -> k.getString("name").equals("for-" + dev)
                && k.getString("userId").equals(devId)), "the key is the developer's");

        ConsoleBrowser.open("users");
        type("users-table-filter", dev);
        click("button[data-delete-user='" + dev + "']");
        ConsoleBrowser.confirm();
        waitFor(() -> list("/api/users").stream().noneMatch(u -> u.getString("username").equals(dev)),
                "deleted, although they had a key");
        assertTrue(list("/api/keys").stream().noneMatch(k -> k.getString("userId").equals(devId)), "their keys went");

        // policies: a form that says what each setting does; the browser refuses a cap of 0
        ConsoleBrowser.open("policies");
        assertTrue(byId("policy-form-max-output-tokens").getText().contains("The most output tokens"));
        type("policy-max-output-tokens-max", "0");
        click("button[data-policy='max-output-tokens']");
        assertFalse(byId("policy-max-output-tokens-max-error").getText().isBlank(), "refused before sending");
        new Select(byId("policy-max-output-tokens-scope")).selectByValue("teams");
        type("policy-max-output-tokens-subject", "e2e-" + RUN);
        type("policy-max-output-tokens-max", "4096");
        click("button[data-policy='max-output-tokens']");
        waitFor(() -> list("/api/policies").stream().filter(p -> p.getString("name").equals("max-output-tokens"))
                .anyMatch(p -> p.getJsonArray("settings").toString().contains("4096")), "a team's cap");
        click("button[data-clear-policy='max-output-tokens:team:e2e-" + RUN + "']");
        ConsoleBrowser.confirm();
        waitFor(() -> list("/api/policies").stream().filter(p -> p.getString("name").equals("max-output-tokens"))
                .noneMatch(p -> p.getJsonArray("settings").toString().contains("e2e-" + RUN)), "cleared");

        // budgets: a team's cap set and removed; a user's rate limit set and removed
        ConsoleBrowser.open("budget");
        new Select(byId("budget-scope")).selectByValue("teams");
        type("budget-subject", "e2e-" + RUN);
        type("org-limit", "25");
        click("#org-save");
        waitFor(() -> list("/api/budgets").stream().anyMatch(b -> b.getString("id").equals("team:e2e-" + RUN)), "cap");
        click("button[data-remove-cap='team:e2e-" + RUN + "']");
        ConsoleBrowser.confirm();
        waitFor(() -> list("/api/budgets").stream().noneMatch(b -> b.getString("id").equals("team:e2e-" + RUN)), "no cap");
        type("limit-subject", "e2e-" + RUN);
        type("limit-rpm", "30");
        click("#limit-save");
        waitFor(() -> list("/api/limits").stream().anyMatch(l -> l.getString("id").equals("user:e2e-" + RUN)), "limit");
        click("button[data-remove-limit='user:e2e-" + RUN + "']");
        ConsoleBrowser.confirm();
        waitFor(() -> list("/api/limits").stream().noneMatch(l -> l.getString("id").equals("user:e2e-" + RUN)), "none");

        // audit: the sinks (a sink turned off asks first) and the log of admin changes
        ConsoleBrowser.open("audit");
        WebElement sink = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-sink]")));
        String sinkName = sink.getAttribute("data-sink");
        assertTrue(browser.findElement(By.cssSelector("[data-sink-behind='" + sinkName + "']")).getText()
                .matches("\\d+ waiting.*"), "how far behind each sink is");
        WebElement enabled = byId("sink-enabled-" + sinkName);
        if (enabled.isSelected()) {
            enabled.click();
        }
        sink.click();
        ConsoleBrowser.confirm();
        waitFor(() -> byId("sink-form-" + sinkName).getText().contains("Saved"), "sink saved");
        gateway.admin("PUT", "/api/audit/sinks/jsonl", "{\"enabled\":false}"); // saved, off: it writes under data/
        click("[data-sink-test='jsonl']");
        waitFor(() -> byId("sink-form-jsonl").getText().contains("Delivered a test record, sink-test-"), "test record");
        assertTrue(byId("admin-changes").getText().contains("/api/users"), "admin changes are listed");

        // cortex: sensitive areas and escalation
        sensitiveBefore = gateway.admin("GET", "/api/cortex/sensitive", null).body();
        ConsoleBrowser.open("cortex");
        type("sensitive-tags", "e2e" + RUN + ": */e2e" + RUN + "/*");
        click("#sensitive-save");
        waitFor(() -> get("/api/cortex/sensitive").getJsonObject("tags").containsKey("e2e" + RUN), "sensitive area");
        ConsoleBrowser.screenshot("actions-cortex");
    }

    /** Every field on every admin page has a label (or an aria-label where a table row holds it): the keyboard's due. */
    @Test
    void everyFieldOnEveryPageIsLabelled() throws Exception {
        ConsoleBrowser.signIn(gateway.url, "admin", System.getProperty("srooter.admin.password"));
        for (String page : List.of("dashboard", "setup", "keys", "audit", "skills", "routing", "policies", "budget",
                "providers", "cortex", "users", "plugins", "account")) {
            ConsoleBrowser.open(page);
            Gateway.sleep(300); // the audit page's second half arrives after the first
            Object unlabelled = ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                    "return [...document.querySelectorAll('#page input, #page select, #page textarea')]"
                            + ".filter(f => f.type !== 'hidden' && f.labels.length === 0 && !f.getAttribute('aria-label'))"
                            + ".map(f => f.id || f.outerHTML.slice(0, 80));");
            assertEquals(List.of(), unlabelled, "unlabelled fields on " + page);
        }
    }

    @Test
    void aLeadSeesWhatALeadMayDoAndNothingMore() throws Exception {
        String lead = "e2e-lead-" + RUN;
        gateway.createUser(lead, "lead");
        gateway.admin("POST", "/api/users", "{\"username\":\"e2e-member-" + RUN
                + "\",\"password\":\"a-long-password-1\",\"role\":\"developer\"}");
        ConsoleBrowser.signIn(gateway.url, lead, "pw-" + lead + "-long-enough");
        List<String> pages = browser.findElements(By.cssSelector("#nav a")).stream().map(WebElement::getText).toList();
        assertEquals(List.of("Dashboard", "API keys", "Skills", "Routing", "Policies", "Budget", "Cortex", "Users",
                "My account"), pages);
        ConsoleBrowser.open("routing");
        byId("classifier-form");
        assertTrue(browser.findElements(By.id("alias-form")).isEmpty(), "aliases are an admin's");
        ConsoleBrowser.open("users");
        assertTrue(browser.findElements(By.id("user-form")).isEmpty(), "a lead creates no accounts");
        type("lead-team-user", "e2e-member-" + RUN);
        type("lead-team", "mobile");
        click("#lead-team-form button");
        waitFor(() -> list("/api/users").stream().anyMatch(u -> u.getString("username").equals("e2e-member-" + RUN)
                && "mobile".equals(u.getString("team", null))), "the lead put them in a team");
        ConsoleBrowser.open("keys");
        assertTrue(browser.findElements(By.id("key-owner")).isEmpty(), "only an admin mints for others");
        ConsoleBrowser.open("account");
        type("account-current", "pw-" + lead + "-long-enough");
        type("account-new", "a-new-long-password");
        click("#account-save");
        waitFor(() -> byId("account-form").getText().contains("Password changed"), "changed");
    }

    @Test
    void anAuditorSeesTheRecordsAndChangesButNoSinksAndADeveloperRatesTheirTasks() throws Exception {
        String auditor = "e2e-auditor-" + RUN;
        gateway.createUser(auditor, "auditor");
        ConsoleBrowser.signIn(gateway.url, auditor, "pw-" + auditor + "-long-enough");
        assertEquals(List.of("Dashboard", "Audit log", "My account"), browser.findElements(By.cssSelector("#nav a"))
                .stream().map(WebElement::getText).toList());
        ConsoleBrowser.open("audit");
        byId("admin-changes");
        assertTrue(browser.findElements(By.cssSelector("[data-sink]")).isEmpty(), "sinks are an admin's");

        String dev = "e2e-dev-" + RUN;
        String token = gateway.createUser(dev, "developer");
        String key = gateway.mintKeyAs(token, "laptop");
        assertEquals(200, gateway.anthropicWithKey(key, "{\"model\":\"" + Gateway.CLAUDE + "\",\"max_tokens\":16,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"rename x to count\"}]}").statusCode());
        ConsoleBrowser.signIn(gateway.url, dev, "pw-" + dev + "-long-enough");
        byId("my-tasks");
        assertTrue(browser.findElements(By.id("key-owner")).isEmpty());
        click("button[data-feedback$=':success']");
        // the task was not routed by a learned rule: the server says so, in the page
        waitFor(() -> byId("page").getText().contains("learned rule"), "the server's reason");
        ConsoleBrowser.screenshot("actions-developer");
    }
}
