package dev.srooter.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser (Debian's chromium, headless, through its chromedriver) against the running
 * server: log in, mint and revoke a key, watch a request appear in the live table without a reload, change a
 * routing rule, export the audit log, see pages adapt to a developer's role; a screenshot of every page at a
 * laptop and a wide-screen width is saved under {@code target/screenshots}. Runs in the Derby pass (the console
 * is the same on both databases).
 */
class DashboardE2EIT {

    private static final Gateway gateway = Gateway.get();
    private static final Path DOWNLOADS = ConsoleBrowser.DOWNLOADS;
    private static WebDriver browser;
    private static WebDriverWait wait;

    @BeforeAll
    static void openBrowser() throws Exception {
        browser = ConsoleBrowser.forThisPass();
        wait = ConsoleBrowser.waiter();
    }

    @AfterAll
    static void restoreRouting() {
        gateway.neutralRouting();
    }

    private static void signIn(String username, String password) throws Exception {
        ConsoleBrowser.signIn(gateway.url, username, password);
    }

    private static void open(String page) throws Exception {
        ConsoleBrowser.open(page);
    }

    private static void screenshot(String name) throws Exception {
        ConsoleBrowser.screenshot(name);
    }

    @Test
    void anAdminWorksTheConsole() throws Exception {
        browser.get(gateway.url + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-username")));
        screenshot("login");
        ConsoleBrowser.type(By.id("login-username"), "admin");
        ConsoleBrowser.type(By.id("login-password"), "not-the-password");
        ConsoleBrowser.click(By.id("login-submit"));
        wait.until(ExpectedConditions.textToBe(By.id("login-error"), "Wrong username or password."));

        signIn("admin", gateway.adminPassword());
        List<String> pages = browser.findElements(By.cssSelector("#nav a")).stream().map(WebElement::getText).toList();
        assertEquals(List.of("Dashboard", "Get started", "API keys", "Audit log", "Skills", "Routing", "Policies", "Budget",
                "Providers", "Cortex", "Users", "Plugins", "Backups", "My account"), pages);

        // an online backup from its page: listed once complete
        open("backups");
        String newest = browser.findElements(By.cssSelector("tr[data-backup]")).stream().findFirst()
                .map(r -> r.getAttribute("data-backup")).orElse("");
        ConsoleBrowser.click(By.id("backup-take"));
        wait.until(d -> d.findElements(By.cssSelector("tr[data-backup]")).stream().findFirst()
                .map(r -> !r.getAttribute("data-backup").equals(newest)).orElse(false));
        assertTrue(browser.findElement(By.cssSelector("tr[data-backup]")).getText().matches("(?s).*\\d [KM]B.*"),
                browser.findElement(By.cssSelector("tr[data-backup]")).getText());

        // mint a key: shown once; then revoke it
        String name = "e2e-" + Long.toString(System.nanoTime(), 36);
        open("keys");
        ConsoleBrowser.type(By.id("key-name"), name);
        // a date picker's typed form depends on the browser's locale; its value does not
        String expires = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(30).toString();
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "document.getElementById('key-expires').value = arguments[0]", expires);
        ConsoleBrowser.click(By.id("mint"));
        WebElement secret = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("minted-secret")));
        String minted = secret.getText();
        assertTrue(minted.startsWith("srt_live_"), minted);
        String mintedExpiry = Gateway.array(gateway.admin("GET", "/api/keys", null).body())
                .getValuesAs(jakarta.json.JsonObject.class).stream().filter(k -> k.getString("name").equals(name))
                .findFirst().orElseThrow().getString("expiresAt");
        assertEquals(expires + "T23:59:59Z", mintedExpiry, "the key expires at the end of the day picked");
        assertTrue(browser.findElement(By.cssSelector("tr[data-key='" + name + "']")).getText().contains("active"));
        screenshot("keys");
        ConsoleBrowser.click(By.cssSelector("button[data-revoke='" + name + "']"));
        ConsoleBrowser.confirm(); // revoking asks first
        wait.until(d -> d.findElement(By.cssSelector("tr[data-key='" + name + "']")).getText().contains("revoked"));
        HttpResponse<String> refused = gateway.anthropicWithKey(minted, "{\"model\":\"" + Gateway.CLAUDE
                + "\",\"max_tokens\":8,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertEquals(401, refused.statusCode(), "the key revoked in the console no longer works");

        // rotate a key: its successor is shown once, and it keeps working through the grace
        String rotating = "e2e-rotate-" + Long.toString(System.nanoTime(), 36);
        String oldKey = gateway.mintKey(rotating);
        open("account"); // away and back: the keys page is drawn again, with the key minted through the API
        open("keys");
        ConsoleBrowser.click(By.cssSelector("button[data-rotate='" + rotating + "']"));
        ConsoleBrowser.confirm();
        String successor = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("minted-secret"))).getText();
        assertTrue(successor.startsWith("srt_live_") && !successor.equals(oldKey), successor);
        String message = "{\"model\":\"" + Gateway.CLAUDE + "\",\"max_tokens\":8,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"rotated\"}]}";
        assertEquals(200, gateway.anthropicWithKey(successor, message).statusCode());
        assertEquals(200, gateway.anthropicWithKey(oldKey, message).statusCode(), "the old key, within its grace");
        assertEquals(2, browser.findElements(By.cssSelector("tr[data-key='" + rotating + "']")).size());

        // the live table shows a request that finishes while the page is open
        open("dashboard");
        HttpResponse<String> sent = gateway.anthropic("/v1/messages", "{\"model\":\"" + Gateway.CLAUDE
                + "\",\"max_tokens\":8,\"messages\":[{\"role\":\"user\",\"content\":\"live table\"}]}");
        String id = sent.headers().firstValue("x-srooter-request-id").orElseThrow();
        WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#live-rows tr[data-id='"
                + id + "']")));
        assertTrue(row.getText().contains(Gateway.CLAUDE) && row.getText().contains("200"), row.getText());

        // the costliest tasks, live: a task that has just cost $30 is among them, with its turns and model
        gateway.anthropic.enqueue(dev.srooter.testkit.Reply.text("ok").withUsage(
                new dev.srooter.testkit.Reply.Usage(5_000_000, 1_000_000, 0, 0)));
        HttpResponse<String> costly = gateway.anthropic("/v1/messages", "{\"model\":\"" + Gateway.CLAUDE
                + "\",\"max_tokens\":8,\"messages\":[{\"role\":\"user\",\"content\":\"a costly task "
                + System.nanoTime() + "\"}]}");
        String task = costly.headers().firstValue("x-srooter-task").orElseThrow();
        WebElement taskRow = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(
                "#task-rows tr[data-task='" + task + "']")));
        assertTrue(taskRow.getText().contains(Gateway.CLAUDE) && taskRow.getText().contains("$30.00"),
                taskRow.getText());
        screenshot("dashboard");

        // change a routing rule
        open("routing");
        ConsoleBrowser.type(By.cssSelector("input.rule-target[data-intent='trivial']"), "cheapest");
        ConsoleBrowser.click(By.id("rules-save"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("page"), "Rules saved"));
        String rules = gateway.admin("GET", "/api/routing/rules", null).body();
        assertTrue(Gateway.object(rules).getJsonArray("rules").stream().anyMatch(r -> r.asJsonObject()
                .getString("intent").equals("trivial") && r.asJsonObject().getString("target").equals("cheapest")), rules);
        // srooter suggests a council of different vendors
        String suggested = browser.findElement(By.id("council-suggested")).getText();
        assertTrue(suggested.contains("claude") && suggested.contains("gpt"), suggested);
        ConsoleBrowser.type(By.id("council-members"), Gateway.ANTHROPIC_PROVIDER + "/" + Gateway.CLAUDE + ", "
                + Gateway.OPENAI_PROVIDER + "/" + Gateway.GPT);
        ConsoleBrowser.type(By.id("council-blocking-triggers"), "security");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("council-on-reject")))
                .selectByVisibleText("concerns");
        ConsoleBrowser.click(By.id("council-save"));
        wait.until(d -> d.findElement(By.id("council-members")).getAttribute("value").contains(Gateway.GPT)
                && gateway.admin("GET", "/api/routing/council", null).body().contains(Gateway.GPT));
        jakarta.json.JsonObject councilSet = Gateway.object(gateway.admin("GET", "/api/routing/council", null).body());
        assertEquals("concerns", councilSet.getJsonObject("blocking").getString("onReject"), councilSet.toString());
        assertEquals("security", councilSet.getJsonObject("blocking").getJsonArray("triggers").getString(0));
        // a review of security work, listed with each member's verdict (the fakes answer as reviewers)
        assertEquals(200, gateway.admin("PUT", "/api/routing/rules", "{\"rules\":[{\"intent\":\"security\","
                + "\"target\":\"requested\",\"council\":true}]}").statusCode());
        java.util.function.Function<jakarta.json.JsonObject, dev.srooter.testkit.Reply> reviewer = request ->
                request.toString().contains("member of a review council") ? dev.srooter.testkit.Reply.text(
                        "{\"verdict\":\"concerns\",\"reasons\":\"no test for it\"}") : null;
        gateway.anthropic.setResponder(reviewer);
        gateway.openAi.setResponder(reviewer);
        HttpResponse<String> reviewed = gateway.anthropic("/v1/messages", "{\"model\":\"" + Gateway.CLAUDE
                + "\",\"max_tokens\":8,\"system\":\"You are an interactive coding agent.\",\"messages\":[{\"role\":"
                + "\"user\",\"content\":\"Our JWT validation accepts unsigned tokens; fix the signature verification "
                + System.nanoTime() + "\"}]}");
        String review = reviewed.headers().firstValue("x-srooter-council").orElseThrow().substring("review ".length());
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> gateway.admin("GET", "/api/council/reviews/"
                + review, null).body().contains("\"verdict\":\"concerns\""));
        open("dashboard"); // away and back: the page reads the reviews when it opens
        open("routing");
        WebElement reviewRow = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(
                "#council-reviews tr[data-review='" + review + "']")));
        assertTrue(reviewRow.getText().contains("concerns") && reviewRow.getText().contains(Gateway.GPT),
                reviewRow.getText());
        // a learned rule, set and explained in the console
        gateway.neutralRouting();
        open("dashboard");
        open("routing");
        ConsoleBrowser.type(By.cssSelector("input.rule-target[data-intent='trivial']"), "learned");
        ConsoleBrowser.type(By.cssSelector("input.rule-candidates[data-intent='trivial']"), Gateway.ANTHROPIC_PROVIDER + "/" + Gateway.HAIKU + ", " + Gateway.ANTHROPIC_PROVIDER + "/"
                + Gateway.CLAUDE);
        ConsoleBrowser.click(By.id("rules-save"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("page"), "Rules saved"));
        String learnedRow = wait.until(d -> {
            var rows = d.findElements(By.cssSelector("tr[data-context='trivial|*|*|*']"));
            return rows.isEmpty() ? null : rows.get(0).getText();
        });
        assertTrue(learnedRow.contains(Gateway.HAIKU) && learnedRow.contains("success"), learnedRow);
        ConsoleBrowser.type(By.id("learned-explore"), "0.2");
        ConsoleBrowser.click(By.id("learned-save"));
        wait.until(d -> Gateway.object(gateway.admin("GET", "/api/routing/learned", null).body())
                .getJsonObject("settings").getJsonNumber("exploreShare").doubleValue() == 0.2);
        // derived fallback chains, turned on from the page and listed as derived
        wait.until(d -> { // the page draws itself again after the save: click the box of the page as it is now
            try {
                d.findElement(By.id("derive-chains")).click();
                return true;
            } catch (org.openqa.selenium.StaleElementReferenceException redrawn) {
                return false;
            }
        });
        wait.until(d -> Gateway.object(gateway.admin("GET", "/api/routing/derived-chains", null).body())
                .getBoolean("enabled"));
        wait.until(d -> !d.findElements(By.cssSelector("[data-derived]")).isEmpty());
        screenshot("routing");
        gateway.admin("PUT", "/api/routing/derived-chains", "{\"enabled\":false}");
        gateway.admin("PUT", "/api/routing/learned/settings", "{\"exploreShare\":0.1}");
        gateway.neutralRouting();
        gateway.admin("PUT", "/api/routing/council", "{\"members\":[],\"blocking\":{\"triggers\":[]}}");
        gateway.anthropic.setResponder(null);
        gateway.openAi.setResponder(null);

        // the first-run setup: a key minted there, and the lines to paste with this server's address and the key
        open("setup");
        browser.findElement(By.id("setup-key-name")).clear();
        ConsoleBrowser.type(By.id("setup-key-name"), "e2e-setup");
        ConsoleBrowser.click(By.id("setup-mint"));
        String mintedKey = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("setup-key"))).getText();
        String snippets = browser.findElement(By.id("setup-snippets")).getText();
        assertTrue(mintedKey.startsWith("srt_live_") && snippets.contains("ANTHROPIC_BASE_URL=" + gateway.url + "/k/"
                + mintedKey), snippets);
        assertTrue(snippets.contains("base_url = \"" + gateway.url + "/v1\"") && snippets.contains("OPENAI_API_BASE="
                + gateway.url + "/v1"), snippets);
        assertTrue(browser.findElement(By.id("setup-providers")).getText().contains(Gateway.ANTHROPIC_PROVIDER));
        screenshot("setup");
        assertEquals(200, gateway.send("POST", "/k/" + mintedKey + "/v1/messages", List.of("anthropic-version",
                "2023-06-01"), "{\"model\":\"" + Gateway.CLAUDE + "\",\"max_tokens\":8,\"messages\":[{\"role\":"
                + "\"user\",\"content\":\"hi\"}]}").statusCode(), "the pasted base URL works as it is");

        // export the audit log
        open("audit");
        screenshot("audit");
        ConsoleBrowser.click(By.id("export-csv"));
        Path csv = DOWNLOADS.resolve("srooter-audit.csv");
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> Files.exists(csv) && !Files.exists(
                DOWNLOADS.resolve("srooter-audit.csv.crdownload")));
        String exported = Files.readString(csv);
        assertTrue(exported.startsWith("id,created_at,"), exported.substring(0, Math.min(200, exported.length())));
        assertTrue(exported.contains(id), "the export holds the request just sent");

        // the Cortex graph: a symbol, its neighbourhood drawn, a click moves to a neighbour
        String repo = "e2e-shop-" + Long.toString(System.nanoTime(), 36);
        Path sample = Path.of("..", "testkit", "cortex-sample").toAbsolutePath().normalize();
        assertEquals(201, gateway.admin("POST", "/api/cortex/repos", "{\"name\":\"" + repo + "\",\"path\":\"" + sample
                + "\"}").statusCode());
        try {
            open("cortex");
            ConsoleBrowser.type(By.id("symbol-query"), "charge");
            ConsoleBrowser.click(By.id("symbol-search"));
            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#symbol-results button[data-symbol='charge']")))
                    .click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#graph-svg g[data-symbol='record']")));
            assertTrue(browser.findElement(By.id("graph")).getText().contains("method charge"),
                    browser.findElement(By.id("graph")).getText());
            assertTrue(browser.findElements(By.cssSelector("#graph-svg g[data-symbol='checkout']")).size() == 1,
                    "who uses charge: checkout");
            ConsoleBrowser.click(By.cssSelector("#graph-svg g[data-symbol='record']"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("graph"), "method record"));
            screenshot("cortex");
            // cross-agent context: the scope set from the page (the hot spots are CrossAgentContextIT's)
            new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("context-scope")))
                    .selectByVisibleText("team");
            ConsoleBrowser.click(By.id("context-save"));
            wait.until(d -> Gateway.object(gateway.admin("GET", "/api/cortex/context", null).body()).getString("scope")
                    .equals("team"));
            gateway.admin("PUT", "/api/cortex/context", "{\"scope\":\"org\"}");
        } finally {
            gateway.admin("DELETE", "/api/cortex/repos/" + repo, null);
        }

        // a Claude Max subscription connected from the Providers page, pasted as Claude Code keeps it
        open("providers");
        String plan = "e2e-max-" + System.nanoTime();
        ConsoleBrowser.type(By.id("subscription-name"), plan);
        ConsoleBrowser.type(By.id("subscription-url"), "http://127.0.0.1:" + gateway.anthropic.port());
        ConsoleBrowser.type(By.id("subscription-text"), "{\"claudeAiOauth\":{\"accessToken\":"
                + "\"sk-ant-oat01-e2e\",\"refreshToken\":\"sk-ant-ort01-e2e\",\"expiresAt\":"
                + (System.currentTimeMillis() + 3_600_000) + "}}");
        ConsoleBrowser.click(By.id("subscription-import"));
        WebElement planRow = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("tr[data-provider='" + plan + "']")));
        assertTrue(planRow.getText().contains("subscription"), planRow.getText());
        assertTrue(planRow.getText().contains("anthropic"), planRow.getText());
        screenshot("providers-subscription");
        Gateway.array(gateway.admin("GET", "/api/providers", null).body()).stream().map(v -> v.asJsonObject())
                .filter(p -> p.getString("name").equals(plan))
                .forEach(p -> gateway.admin("DELETE", "/api/providers/" + p.getString("id"), null));

        for (String page : List.of("skills", "policies", "budget", "providers", "users", "plugins")) {
            open(page);
            assertTrue(browser.findElements(By.cssSelector("#page .notice:not(.ok)")).isEmpty(),
                    page + " shows an error: " + browser.findElement(By.id("page")).getText());
            screenshot(page);
        }
        open("dashboard");
        browser.manage().window().setSize(new Dimension(2560, 1440));
        screenshot("dashboard-wide");
        browser.manage().window().setSize(new Dimension(1280, 800));
        screenshot("dashboard-laptop");
        browser.manage().window().setSize(new Dimension(1440, 900));
    }

    @Test
    void aDevelopersConsoleHasTheirOwnPagesOnly() throws Exception {
        String username = "e2e-dev-" + Long.toString(System.nanoTime(), 36);
        gateway.createUser(username, "developer");
        signIn(username, "pw-" + username + "-long-enough");
        List<String> pages = browser.findElements(By.cssSelector("#nav a")).stream().map(WebElement::getText).toList();
        assertEquals(List.of("My usage", "API keys", "My account"), pages);
        wait.until(d -> d.findElements(By.cssSelector("#page .loading")).isEmpty());
        screenshot("developer-usage");
        browser.get(gateway.url + "/#users");
        wait.until(d -> d.findElements(By.cssSelector("#page .loading")).isEmpty());
        assertEquals("My usage", browser.findElement(By.id("page-title")).getText(),
                "a page the role may not see is not shown");
    }
}
