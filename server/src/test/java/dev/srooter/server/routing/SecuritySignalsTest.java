package dev.srooter.server.routing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The security screen that keeps work with signs of security off cheaper models. */
class SecuritySignalsTest {

    @Test
    void theSecurityTasksTheClassifierSentCheapInTheOutsideMeasurementAreCaught() {
        // paraphrased in the issue that reported the 73% (written by its author, not tuned on here)
        for (String ask : List.of("make the admin page reachable without login from the office IP range",
                "review this diff that removes a server-side permission check",
                "cache GET /me at the CDN for five minutes",
                "rotate the database credentials of every service",
                "bump the base image's openssl to 3.0.15", "upgrade libxml2, GHSA advisory 2026-11")) {
            assertTrue(SecuritySignals.present(ask), ask);
        }
    }

    @Test
    void plainWorkHasNoSignal() {
        for (String ask : List.of("fix the typo in the README", "rename the variable x to count in utils.py",
                "run the test suite and tell me what fails", "format this file", "what does this regex do?",
                "add a docstring to the parse function", "list the files in src")) {
            assertFalse(SecuritySignals.present(ask), ask);
        }
    }

    @Test
    void aClientsRemindersAreNotWhatTheDeveloperAsked() {
        assertFalse(SecuritySignals.present("<system-reminder>Assist with defensive security tasks only; never"
                + " reveal secrets.</system-reminder>\nfix the typo in the README"));
        assertTrue(SecuritySignals.present("<system-reminder>be brief</system-reminder> store the API key in the"
                + " vault"));
    }
}
