package dev.srooter.server.it;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless chromium (Debian's, through its chromedriver) for every console test of the run: started by the first
 * class that asks, quit when the JVM ends. Signing in, opening a page, answering a confirmation and saving a
 * screenshot (under {@code target/screenshots}) are the same for every test.
 */
final class ConsoleBrowser {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final Path DOWNLOADS = Path.of("target", "e2e-downloads").toAbsolutePath();

    private static WebDriver browser;
    private static WebDriverWait wait;

    private ConsoleBrowser() {
    }

    /** The browser, for a console test class: on the Derby pass only (the console is the same on both databases). */
    static WebDriver forThisPass() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue("derby".equals(System.getProperty("srooter.db")),
                "the console is tested once, on Derby");
        return driver();
    }

    static synchronized WebDriver driver() throws Exception {
        if (browser == null) {
            start();
        }
        return browser;
    }

    static synchronized WebDriverWait waiter() throws Exception {
        driver();
        return wait;
    }

    private static void start() throws Exception {
        Files.createDirectories(SCREENSHOTS);
        Files.createDirectories(DOWNLOADS);
        try (var old = Files.list(DOWNLOADS)) {
            for (Path file : old.toList()) {
                Files.delete(file); // a file left by an earlier run would make Chrome save the export under another name
            }
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("srooter.chromium", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1440,900");
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("download.default_directory", DOWNLOADS.toString());
        prefs.put("download.prompt_for_download", false);
        options.setExperimentalOption("prefs", prefs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("srooter.chromedriver", "/usr/bin/chromedriver")))
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class); // pages redraw as they load
        // a field in a section being redrawn is briefly there but not yet interactable (seen once in CI, on a slow machine)
        wait.ignoring(org.openqa.selenium.ElementNotInteractableException.class);
        WebDriver started = browser;
        Runtime.getRuntime().addShutdownHook(new Thread(started::quit));
    }

    static void signIn(String url, String username, String password) throws Exception {
        WebDriver b = driver();
        b.get(url + "/");
        b.manage().deleteAllCookies();
        ((org.openqa.selenium.JavascriptExecutor) b).executeScript("sessionStorage.clear()");
        b.get(url + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-username")));
        b.findElement(By.id("login-username")).sendKeys(username);
        b.findElement(By.id("login-password")).sendKeys(password);
        b.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("nav")));
    }

    static void open(String page) throws Exception {
        driver().findElement(By.id("nav-" + page)).click();
        // the console navigates on the hash's change, after the click returns: wait for the page itself to say it
        // is drawn (CI once looked for the routing page's fields while the dashboard was still shown)
        wait.until(d -> page.equals(d.findElement(By.id("page")).getAttribute("data-page")) && !redrawing(d)
                && d.findElements(By.cssSelector("#page .loading")).isEmpty());
    }

    /**
     * Whether the console is between a change (or a navigation) and the page's redraw: it marks the page aria-busy
     * meanwhile, and a field typed into then is replaced.
     */
    static boolean redrawing(WebDriver d) {
        var page = d.findElements(By.id("page")); // none on the sign-in screen
        return !page.isEmpty() && "true".equals(page.get(0).getAttribute("aria-busy"));
    }

    /** Types into a field, again if the page redrew it meanwhile (pages redraw after every change). */
    static void type(By field, String text) {
        wait.until(d -> {
            WebElement input = d.findElement(field);
            if (redrawing(d) || !input.isDisplayed() || !input.isEnabled()) {
                return false;
            }
            input.clear();
            input.sendKeys(text);
            return true;
        });
    }

    /** Clicks a button once the page is drawn and the button can be clicked. */
    static void click(By button) {
        wait.until(d -> {
            WebElement element = d.findElement(button);
            if (redrawing(d) || !element.isDisplayed() || !element.isEnabled()) {
                return false;
            }
            element.click();
            return true;
        });
    }

    /** Accepts the confirmation a destructive action asks for. */
    static void confirm() throws Exception {
        wait.until(ExpectedConditions.alertIsPresent()).accept();
    }

    static void screenshot(String name) throws Exception {
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) driver()).getScreenshotAs(OutputType.BYTES));
    }
}
