package dev.srooter.testkit;

import java.util.List;
import java.util.Map;

/**
 * A request as the fake provider received it, for assertions on what srooter forwarded.
 *
 * @param headers header names in lower case
 */
public record RecordedRequest(String method, String pathAndQuery, Map<String, List<String>> headers, String body) {

    /** The first value of a header, or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
