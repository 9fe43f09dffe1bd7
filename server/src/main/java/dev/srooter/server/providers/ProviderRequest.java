package dev.srooter.server.providers;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * A model call to a provider as srooter builds it: the address, the time the provider has to begin answering, and the
 * headers in the order they were added, names in lower case. srooter's own transport writes it as it is; the JDK's
 * client gets it as an {@link HttpRequest} ({@link #toJdk}). The JDK's builder, used for this before, kept every
 * header in a sorted map of lists twice over (the builder's and the built request's): about 2 KB of the 45 a small
 * request allocates (bench/README.md, "Less garbage a request").
 *
 * <p>Headers are checked as the JDK's builder checks them, since srooter's transport writes them to the socket as they
 * are: a name is a token, a value holds no line break or other control character, and the headers the transport
 * writes itself ({@code host}, {@code content-length}, {@code connection}, ...) cannot be given.
 */
final class ProviderRequest {

    /** The JDK's client refuses these too: the transport decides them. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private URI uri;
    private final String method;
    private final Duration timeout;
    /** Name, value, name, value, ... */
    private String[] headers = new String[16];
    private int size;

    ProviderRequest(URI uri, String method, Duration timeout) {
        this.uri = uri;
        this.method = method;
        this.timeout = timeout;
    }

    URI uri() {
        return uri;
    }

    /** Another address (the client's query string added to the provider's endpoint). */
    void uri(URI to) {
        uri = to;
    }

    String method() {
        return method;
    }

    Duration timeout() {
        return timeout;
    }

    /** Adds a value; a name given before keeps its values. */
    ProviderRequest header(String name, String value) {
        String lower = checkedName(name);
        checkValue(lower, value);
        if (size == headers.length) {
            headers = Arrays.copyOf(headers, size * 2);
        }
        headers[size++] = lower;
        headers[size++] = value;
        return this;
    }

    /** Sets a header: every value it had before goes. */
    ProviderRequest setHeader(String name, String value) {
        String lower = checkedName(name);
        checkValue(lower, value);
        int kept = 0;
        for (int i = 0; i < size; i += 2) {
            if (!headers[i].equals(lower)) {
                headers[kept++] = headers[i];
                headers[kept++] = headers[i + 1];
            }
        }
        Arrays.fill(headers, kept, size, null);
        size = kept;
        return header(lower, value);
    }

    /** The first value of a header, or null. */
    String first(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (int i = 0; i < size; i += 2) {
            if (headers[i].equals(lower)) {
                return headers[i + 1];
            }
        }
        return null;
    }

    /** How many header lines there are. */
    int headerCount() {
        return size / 2;
    }

    String name(int line) {
        return headers[2 * line];
    }

    String value(int line) {
        return headers[2 * line + 1];
    }

    /** The same request for the JDK's client, with {@code body}. */
    HttpRequest toJdk(HttpRequest.BodyPublisher body) {
        HttpRequest.Builder jdk = HttpRequest.newBuilder(uri).method(method, body);
        if (timeout != null) {
            jdk.timeout(timeout);
        }
        for (int i = 0; i < size; i += 2) {
            jdk.header(headers[i], headers[i + 1]);
        }
        return jdk.build();
    }

    private static String checkedName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("A header needs a name.");
        }
        for (int i = 0; i < name.length(); i++) {
            if (!token(name.charAt(i))) {
                throw new IllegalArgumentException("Invalid header name: " + name);
            }
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (RESTRICTED.contains(lower)) {
            throw new IllegalArgumentException("Restricted header name: " + name);
        }
        return lower;
    }

    private static void checkValue(String name, String value) {
        if (value == null) {
            throw new IllegalArgumentException("Header " + name + " needs a value.");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '\t' && (c < 0x20 || c == 0x7f || c > 0xff)) {
                throw new IllegalArgumentException("Invalid value of header " + name);
            }
        }
    }

    /** RFC 9110's token characters. */
    private static boolean token(char c) {
        return c > 0x20 && c < 0x7f && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
    }
}
