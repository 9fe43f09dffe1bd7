package com.acme.srooter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srooter.api.DiscoveredModel;
import dev.srooter.api.Operation;
import dev.srooter.api.ProviderConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A plugin's own tests need no server: each method is a small, pure statement about the vendor's API. */
class AcmeProviderTest {

    private final AcmeProvider acme = new AcmeProvider();
    private final ProviderConfig account = new ProviderConfig("acme-prod", "https://api.acme.example/v1", "ak-123");

    @Test
    void callsGoUnderTheBaseUrl() {
        assertEquals("https://api.acme.example/v1/chat/completions",
                acme.endpoint(account, Operation.CHAT_COMPLETIONS).orElseThrow().toString());
        assertTrue(acme.endpoint(account, Operation.MESSAGES).isEmpty());
    }

    @Test
    void theKeyGoesInAcmesHeader() {
        assertEquals(Map.of("x-acme-key", "ak-123"), acme.authHeaders(account));
    }

    @Test
    void readsTheModelListing() {
        assertEquals(List.of(new DiscoveredModel("acme-coder-1", "Acme Coder"), new DiscoveredModel("acme-fast", "acme-fast")),
                acme.parseModels("{\"data\":[{\"id\":\"acme-coder-1\",\"name\":\"Acme Coder\"},{\"id\":\"acme-fast\"}]}"));
    }
}
