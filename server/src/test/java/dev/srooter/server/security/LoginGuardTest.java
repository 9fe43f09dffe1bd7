package dev.srooter.server.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Issue 17, item 6: nothing slowed password guessing. */
class LoginGuardTest {

    private final LoginGuard guard = new LoginGuard();

    private String attempt(String user, String address, boolean right) {
        return guard.attempt(user, address, () -> right ? Optional.of("token") : Optional.empty());
    }

    @Test
    void afterFiveWrongPasswordsThatUserFromThatAddressWaitsLongerEachTime() {
        guard.setClock(1_000_000);
        for (int k = 0; k < LoginGuard.FREE_FAILURES; k++) {
            assertNull(attempt("admin", "10.0.0.9", false));
        }
        LoginGuard.Refused refused = assertThrows(LoginGuard.Refused.class, () -> attempt("admin", "10.0.0.9", true));
        assertEquals(60, refused.retryAfterSeconds(), "even the right password waits");
        assertEquals("token", attempt("admin", "10.0.0.10", true), "another address is not locked out");

        guard.setClock(1_000_000 + 61_000);
        assertNull(attempt("admin", "10.0.0.9", false));
        assertEquals(120, assertThrows(LoginGuard.Refused.class, () -> attempt("admin", "10.0.0.9", true))
                .retryAfterSeconds(), "the next wait doubles");
        guard.setClock(1_000_000 + 61_000 + 121_000);
        assertEquals("token", attempt("admin", "10.0.0.9", true));
    }

    @Test
    void oneAddressGuessingManyUsernamesWaitsToo() {
        guard.setClock(5_000_000);
        for (int k = 0; k < LoginGuard.FREE_FAILURES_PER_ADDRESS; k++) {
            assertNull(attempt("user" + k, "10.0.0.7", false));
        }
        assertThrows(LoginGuard.Refused.class, () -> attempt("someone-else", "10.0.0.7", true));
    }

    @Test
    void anUnknownUserCostsAsMuchAsAWrongPassword() {
        String stored = PasswordHasher.hash("right-password-123");
        long before = PasswordHasher.ITERATIONS_RUN.get();
        PasswordHasher.matches("wrong-password", stored);
        long known = PasswordHasher.ITERATIONS_RUN.get() - before;
        before = PasswordHasher.ITERATIONS_RUN.get();
        PasswordHasher.matchesNobody("wrong-password");
        long unknown = PasswordHasher.ITERATIONS_RUN.get() - before;
        // an unknown user once answered without any PBKDF2 at all, so timing listed who has an account
        assertEquals(310_000, known);
        assertEquals(known, unknown);
    }
}
