package dev.srooter.server.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.srooter.server.providers.subscription.Subscription;
import dev.srooter.server.providers.subscription.Vendor;
import dev.srooter.server.security.SecretBox;
import dev.srooter.server.store.ProviderCredential;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An admin's change reloads every credential from the database while a request may be renewing a subscription after
 * a 401 (seen in CI: SubscriptionsIT's renewed request was sent with the access token just replaced, refused again,
 * and the subscription marked as needing sign-in). Tokens renewed after the row was read are kept; a row that
 * changed for another reason wins.
 */
class CredentialsReloadTest {

    private static final String PROVIDER = "plan";

    @TempDir
    Path dir;

    private SecretBox box;
    private Credentials credentials;

    @BeforeEach
    void open() {
        box = SecretBox.open(java.util.Base64.getEncoder().encodeToString(new byte[32]), dir);
        credentials = new Credentials();
        credentials.init(box);
    }

    private static Subscription tokens(String access, String refresh, long expiresInSeconds) {
        return new Subscription(Vendor.CHATGPT, access, refresh, Instant.ofEpochSecond(1_800_000_000L
                + expiresInSeconds), "acct", "http://127.0.0.1:1/token");
    }

    private ProviderCredential row(String id, Subscription plan) {
        ProviderCredential row = new ProviderCredential(PROVIDER, box.seal(plan.toJson(), PROVIDER), "****");
        row.id = id;
        row.kind = Credentials.SUBSCRIPTION;
        return row;
    }

    private String inService() {
        return credentials.pick(PROVIDER, Set.of()).orElseThrow().secret();
    }

    @Test
    void tokensRenewedWhileTheRowsWereBeingReadAreKept() {
        Subscription imported = tokens("at-0", "rt-0", 0);
        credentials.open(List.of(row("c1", imported)));
        Credentials.Live live = credentials.pick(PROVIDER, Set.of()).orElseThrow();
        List<ProviderCredential> readBeforeTheRenewal = List.of(row("c1", imported));

        credentials.adopt(live, tokens("at-1", "rt-1", 3600));
        credentials.open(readBeforeTheRenewal);

        assertEquals("at-1", inService());
        assertEquals("rt-1", credentials.pick(PROVIDER, Set.of()).orElseThrow().subscription().refreshToken());
    }

    @Test
    void aRowChangedForAnotherReasonWins() {
        Subscription imported = tokens("at-0", "rt-0", 0);
        credentials.open(List.of(row("c1", imported)));
        credentials.adopt(credentials.pick(PROVIDER, Set.of()).orElseThrow(), tokens("at-1", "rt-1", 3600));

        credentials.open(List.of(row("c1", tokens("at-admin", "rt-admin", 60))));

        assertEquals("at-admin", inService());
    }

    @Test
    void tokensRenewedOnACredentialReplacedMeanwhileReachTheOneOpenNow() {
        Subscription imported = tokens("at-0", "rt-0", 0);
        credentials.open(List.of(row("c1", imported)));
        Credentials.Live before = credentials.pick(PROVIDER, Set.of()).orElseThrow();
        credentials.open(List.of(row("c1", imported))); // a reload: the request still holds the object before it

        credentials.adopt(before, tokens("at-1", "rt-1", 3600));

        assertEquals("at-1", inService());
    }
}
