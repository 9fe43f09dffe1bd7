package dev.srooter.server.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A provider's header line read into its name and value as trim and toLowerCase read it, with fewer copies. */
class Http1HeaderLineTest {

    private static final String[] NAMES = {"Content-Type", "content-length", "TRANSFER-ENCODING", "Connection", "Date",
        "Server", "Request-Id", "x-request-id", "Retry-After", "anthropic-ratelimit-requests-remaining", "X-Custom",
        "Content-Typ", "Content-Types", "ContentType", "Vary", "cf-ray", "É-name", "naïve", "µ"};
    private static final String[] SPACES = {"", " ", "  ", "\t", " \t"};
    private static final String[] VALUES = {"", "text/event-stream", "application/json; charset=utf-8", "0", "a b",
        "Mon, 07 Dec 2026 10:00:00 GMT", "é ü", "\t"};

    @Test
    void everyLineReadsAsTrimAndToLowerCaseReadIt() {
        Random random = new Random(12);
        for (int n = 0; n < 20_000; n++) {
            String line = pick(random, SPACES) + pick(random, NAMES) + pick(random, SPACES) + ":"
                    + pick(random, SPACES) + pick(random, VALUES) + pick(random, SPACES);
            int colon = line.indexOf(':');
            assertEquals(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), Http1Transport.name(line, colon),
                    line);
            assertEquals(line.substring(colon + 1).trim(), Http1Transport.value(line, colon), line);
        }
    }

    @Test
    void aCommonNameIsTheSameStringEveryTime() {
        String first = Http1Transport.name("Content-Type: text/plain", 12);
        assertEquals("content-type", first);
        assertSame(first, Http1Transport.name("CONTENT-TYPE:application/json", 12));
    }

    private static String pick(Random random, String[] from) {
        return from[random.nextInt(from.length)];
    }
}
