package dev.srooter.plugins.syslog;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The sink's settings, checked when an admin saves them, so that a mistake is a 400 with its reason and not a lost
 * batch later.
 *
 * <ul>
 *   <li>{@code host} (required) and {@code port} (514 for UDP and TCP, 6514 for TLS, as RFC 5426 and 5425 assign);
 *   <li>{@code transport}: {@code tcp} (the default: a record is either delivered or retried), {@code tls}, or
 *       {@code udp} (fire and forget, as syslog has always been: a lost datagram is never known);
 *   <li>{@code framing} on TCP and TLS: {@code octet-counting} (the default, RFC 6587 and the only one RFC 5425
 *       allows) or {@code lf}, a newline after each message, for receivers that split on lines (a record never
 *       holds one: its JSON escapes them);
 *   <li>{@code facility}: a name ({@code local0} by default, {@code audit}, {@code auth}, ...) or a number 0-23;
 *   <li>{@code appName} ({@code srooter}) and {@code hostname} (this machine's name) as the message's header shows
 *       them: printable ASCII without spaces;
 *   <li>{@code caFile}: for TLS, a PEM file of the certificates to trust instead of the JVM's (a private CA);
 *   <li>{@code certFile} and {@code keyFile}, together: for TLS, the certificate and key srooter shows a receiver
 *       that asks for one (mutual TLS), as PEM files ({@link ClientIdentity});
 *   <li>{@code timeoutSeconds} (10): the longest a connection or a batch's write may take before the batch fails
 *       and is offered again; the audit writer never waits longer on a receiver that stopped reading.
 * </ul>
 */
record SyslogSettings(String host, int port, Transport transport, boolean octetCounting, int facility,
                      String appName, String hostname, Path caFile, Path certFile, Path keyFile, Duration timeout) {

    enum Transport { UDP, TCP, TLS }

    /** RFC 5424's facilities, by the names syslog configurations use. */
    private static final List<String> FACILITIES = List.of("kern", "user", "mail", "daemon", "auth", "syslog", "lpr",
            "news", "uucp", "cron", "authpriv", "ftp", "ntp", "audit", "alert", "clock", "local0", "local1", "local2",
            "local3", "local4", "local5", "local6", "local7");

    static SyslogSettings parse(Map<String, String> settings) {
        String host = value(settings, "host", null);
        if (host == null) {
            throw new IllegalArgumentException("the syslog sink needs a host setting: the receiver's name or address");
        }
        Transport transport = switch (value(settings, "transport", "tcp").toLowerCase(Locale.ROOT)) {
            case "udp" -> Transport.UDP;
            case "tcp" -> Transport.TCP;
            case "tls" -> Transport.TLS;
            default -> throw new IllegalArgumentException("transport must be udp, tcp or tls, not '"
                    + settings.get("transport") + "'");
        };
        int port = number(settings, "port", transport == Transport.TLS ? 6514 : 514, 1, 65535);
        boolean octetCounting = switch (value(settings, "framing", "octet-counting").toLowerCase(Locale.ROOT)) {
            case "octet-counting" -> true;
            case "lf" -> false;
            default -> throw new IllegalArgumentException("framing must be octet-counting or lf, not '"
                    + settings.get("framing") + "'");
        };
        String facilityName = value(settings, "facility", "local0").toLowerCase(Locale.ROOT);
        int facility = FACILITIES.indexOf(facilityName);
        if (facility < 0) {
            facility = number(settings, "facility", -1, 0, 23);
        }
        String appName = headerField(settings, "appName", "srooter", 48);
        String hostname = headerField(settings, "hostname", localName(), 255);
        Path caFile = tlsFile(settings, "caFile", transport);
        Path certFile = tlsFile(settings, "certFile", transport);
        Path keyFile = tlsFile(settings, "keyFile", transport);
        if ((certFile == null) != (keyFile == null)) {
            throw new IllegalArgumentException("certFile and keyFile go together: the certificate srooter shows a"
                    + " receiver and its private key");
        }
        Duration timeout = Duration.ofSeconds(number(settings, "timeoutSeconds", 10, 1, 300));
        return new SyslogSettings(host, port, transport, octetCounting, facility, appName, hostname, caFile,
                certFile, keyFile, timeout);
    }

    /** A file TLS reads ({@code caFile}, {@code certFile}, {@code keyFile}): null when unset. */
    private static Path tlsFile(Map<String, String> settings, String name, Transport transport) {
        String v = value(settings, name, null);
        if (v == null) {
            return null;
        }
        if (transport != Transport.TLS) {
            throw new IllegalArgumentException(name + " is for transport tls only");
        }
        Path file = Path.of(v);
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(name + " " + v + " is not a readable file on the server");
        }
        return file;
    }

    private static String value(Map<String, String> settings, String name, String otherwise) {
        String v = settings.get(name);
        return v == null || v.isBlank() ? otherwise : v.trim();
    }

    private static int number(Map<String, String> settings, String name, int otherwise, int min, int max) {
        String v = value(settings, name, null);
        if (v == null) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException notANumber) {
            // said below
        }
        String also = "facility".equals(name) ? " (or one of " + String.join(", ", FACILITIES) + ")" : "";
        throw new IllegalArgumentException(name + " must be a number from " + min + " to " + max + also + ", not '"
                + v + "'");
    }

    /** RFC 5424's header fields are 1 to {@code max} printable ASCII characters, no space. */
    private static String headerField(Map<String, String> settings, String name, String otherwise, int max) {
        String v = value(settings, name, otherwise);
        if (v.length() > max || !v.chars().allMatch(c -> c >= 33 && c <= 126)) {
            throw new IllegalArgumentException(name + " must be 1 to " + max
                    + " printable ASCII characters without spaces (RFC 5424), not '" + v + "'");
        }
        return v;
    }

    /** This machine's name for the HOSTNAME field; RFC 5424's "-" (unknown) when it has none fit to send. */
    private static String localName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name.isEmpty() || name.length() > 255 || !name.chars().allMatch(c -> c >= 33 && c <= 126)
                    ? "-" : name;
        } catch (UnknownHostException e) {
            return "-";
        }
    }
}
