package dev.srooter.testkit;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Debian's rsyslogd as a real syslog receiver for tests: started in the foreground on free TCP and UDP ports with a
 * configuration of its own (nothing of the machine's syslog is touched), it parses each message it receives and
 * writes its RFC 5424 fields as one line, which {@link #received()} reads back. The build machine needs the
 * {@code rsyslog} package ({@code .ci/run} installs it).
 */
public final class Rsyslog implements AutoCloseable {

    /** One message as rsyslog parsed it. */
    public record Received(int pri, String appName, String procId, String msgId, String hostname, String timestamp,
                           String structuredData, String msg) {
    }

    private final Process process;
    private final Path out;
    private final int tcpPort;
    private final int udpPort;

    private Rsyslog(Process process, Path out, int tcpPort, int udpPort) {
        this.process = process;
        this.out = out;
        this.tcpPort = tcpPort;
        this.udpPort = udpPort;
    }

    /**
     * The files of a TLS receiver that asks every client for a certificate issued by {@code caFile} (rsyslog's
     * {@code x509/certvalid}), and shows its own {@code certFile} and {@code keyFile} (PEM).
     */
    public record MutualTls(Path caFile, Path certFile, Path keyFile) {
    }

    /** Starts rsyslogd with its files in {@code dir}; returns once it accepts TCP connections. */
    public static Rsyslog start(Path dir) throws IOException, InterruptedException {
        return start(dir, null);
    }

    /**
     * Starts rsyslogd whose TCP input is TLS through its OpenSSL driver (the {@code rsyslog-openssl} package), with
     * client certificates required, as a SIEM's syslog input that accepts only known senders.
     */
    public static Rsyslog startMutualTls(Path dir, MutualTls tls) throws IOException, InterruptedException {
        if (!Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/rsyslog/lmnsd_ossl.so"))
                && !Files.exists(Path.of("/usr/lib/rsyslog/lmnsd_ossl.so"))) {
            throw new IllegalStateException("rsyslogd's TLS driver is missing: apt-get install rsyslog-openssl");
        }
        return start(dir, tls);
    }

    private static Rsyslog start(Path dir, MutualTls tls) throws IOException, InterruptedException {
        Path binary = Path.of("/usr/sbin/rsyslogd");
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("the syslog tests run Debian's rsyslogd as their receiver: "
                    + "apt-get install rsyslog");
        }
        Files.createDirectories(dir);
        int tcp = freeTcpPort();
        int udp = freeUdpPort();
        Path out = dir.resolve("received.log");
        Path conf = dir.resolve("rsyslog.conf");
        String global = "global(workDirectory=\"" + dir + "\" maxMessageSize=\"64k\"" + (tls == null ? ")" :
                " defaultNetstreamDriverCAFile=\"" + tls.caFile() + "\" defaultNetstreamDriverCertFile=\""
                        + tls.certFile() + "\" defaultNetstreamDriverKeyFile=\"" + tls.keyFile() + "\")");
        String imtcp = tls == null ? "module(load=\"imtcp\")"
                : "module(load=\"imtcp\" streamDriver.name=\"ossl\" streamDriver.mode=\"1\""
                        + " streamDriver.authMode=\"x509/certvalid\")";
        Files.writeString(conf, String.join("\n",
                global,
                imtcp,
                "module(load=\"imudp\")",
                "template(name=\"fields\" type=\"string\" string=\"%pri%|%app-name%|%procid%|%msgid%|%hostname%|"
                        + "%timereported:::date-rfc3339%|%structured-data%|%msg%\\n\")",
                "input(type=\"imtcp\" port=\"" + tcp + "\" address=\"127.0.0.1\")",
                "input(type=\"imudp\" port=\"" + udp + "\" address=\"127.0.0.1\")",
                "action(type=\"omfile\" file=\"" + out + "\" template=\"fields\" flushOnTXEnd=\"on\")",
                ""));
        Process process = new ProcessBuilder(binary.toString(), "-n", "-f", conf.toString(), "-i",
                dir.resolve("rsyslogd.pid").toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("rsyslogd.stdout").toFile()).start();
        Rsyslog rsyslog = new Rsyslog(process, out, tcp, udp);
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", tcp), 500);
                return rsyslog;
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    rsyslog.close();
                    throw new IOException("rsyslogd did not start: "
                            + Files.readString(dir.resolve("rsyslogd.stdout")), notYet);
                }
                Thread.sleep(50);
            }
        }
    }

    public int tcpPort() {
        return tcpPort;
    }

    public int udpPort() {
        return udpPort;
    }

    /** Every message received so far, in the order rsyslog wrote them. */
    public List<Received> received() throws IOException {
        List<Received> all = new ArrayList<>();
        if (!Files.exists(out)) {
            return all;
        }
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            String[] f = line.split("\\|", 8);
            if (f.length == 8) {
                all.add(new Received(Integer.parseInt(f[0]), f[1], f[2], f[3], f[4], f[5], f[6], f[7]));
            }
        }
        return all;
    }

    /** Waits up to {@code timeout} for a message that matches. */
    public Optional<Received> await(Predicate<Received> wanted, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<Received> found = received().stream().filter(wanted).findFirst();
            if (found.isPresent() || System.nanoTime() > deadline) {
                return found;
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freeTcpPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
