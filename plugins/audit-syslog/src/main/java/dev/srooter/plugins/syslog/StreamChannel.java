package dev.srooter.plugins.syslog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Messages over one TCP connection (RFC 6587), or TLS over it (RFC 5425), kept open from batch to batch.
 *
 * <ul>
 *   <li>A batch goes out in one write. When it cannot all be written within the timeout (a receiver that accepts and
 *       stops reading), the connection is closed from another thread, which ends the blocked write, and the batch
 *       fails: srooter offers it again on a new connection. A socket's own timeout bounds reads only, not writes.
 *   <li>Before each batch the connection is checked for the receiver having closed it (restarted, or dropped an
 *       idle client): a write to such a connection can succeed locally and be lost, so a new one is made first.
 *   <li>TLS checks the receiver's certificate against its host name, as HTTPS does, with the JVM's trusted
 *       authorities or those of {@code caFile}; to a receiver that asks for a client certificate it shows
 *       {@code certFile}'s, when set.
 * </ul>
 * A batch that fails part-way is sent again whole, so a receiver may see some records twice; each carries its id.
 */
final class StreamChannel implements SyslogChannel {

    /** How long a new TLS 1.3 connection waits for the receiver to refuse the client's certificate, once. */
    private static final long VERDICT_WAIT_MILLIS = 250;

    private final SyslogSettings settings;
    private final SSLSocketFactory tls;
    private final ScheduledExecutorService deadlines;
    private Socket socket;

    StreamChannel(SyslogSettings settings) throws Exception {
        this.settings = settings;
        this.tls = settings.transport() == SyslogSettings.Transport.TLS ? tlsFactory(settings) : null;
        this.deadlines = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "srooter-syslog-deadline");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public synchronized void send(List<byte[]> messages) throws IOException {
        if (socket != null && closedByReceiver(socket)) {
            closeSocket();
        }
        if (socket == null) {
            socket = connect();
        }
        byte[] frames = frames(messages);
        Socket current = socket;
        AtomicBoolean late = new AtomicBoolean();
        ScheduledFuture<?> deadline = deadlines.schedule(() -> {
            late.set(true);
            closeQuietly(current);
        }, settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        try {
            current.getOutputStream().write(frames);
            current.getOutputStream().flush();
        } catch (IOException e) {
            closeSocket();
            if (late.get()) {
                throw new SocketTimeoutException("syslog receiver " + where() + " took no more data for "
                        + settings.timeout().toSeconds() + " s");
            }
            throw e;
        } finally {
            deadline.cancel(false);
        }
    }

    private byte[] frames(List<byte[]> messages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(messages.size() * 700);
        for (byte[] message : messages) {
            if (settings.octetCounting()) {
                out.writeBytes((message.length + " ").getBytes(StandardCharsets.US_ASCII));
                out.writeBytes(message);
            } else {
                out.writeBytes(message);
                out.write('\n');
            }
        }
        return out.toByteArray();
    }

    private Socket connect() throws IOException {
        int timeout = (int) settings.timeout().toMillis();
        Socket plain = new Socket();
        try {
            // the name is looked up again for every new connection, so a receiver that moves is found
            plain.connect(new InetSocketAddress(settings.host(), settings.port()), timeout);
            if (tls == null) {
                return plain;
            }
            SSLSocket secured = (SSLSocket) tls.createSocket(plain, settings.host(), settings.port(), true);
            SSLParameters parameters = secured.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            secured.setSSLParameters(parameters);
            secured.setSoTimeout(timeout);
            secured.startHandshake();
            awaitVerdict(secured);
            return secured;
        } catch (IOException e) {
            closeQuietly(plain);
            String hint = settings.certFile() == null && String.valueOf(e.getMessage()).matches(
                    ".*(certificate_required|bad_certificate).*")
                    ? " (the receiver asks for a client certificate: set certFile and keyFile)" : "";
            throw new IOException("syslog receiver " + where() + ": " + e.getMessage() + hint, e);
        }
    }

    /**
     * TLS 1.3 ends the client's side of a handshake before the receiver has checked the client's certificate (or
     * its absence). A receiver that refuses says so within a round trip, with an alert; that is waited for here, so
     * that the refusal fails this connection, and the batch with it, instead of the batch being written into a
     * connection the receiver is closing. Nothing heard within the wait is an acceptance (receivers never send).
     */
    private void awaitVerdict(SSLSocket socket) throws IOException {
        if (!"TLSv1.3".equals(socket.getSession().getProtocol())) {
            return; // TLS 1.2: the receiver's verdict came before its Finished message, inside the handshake
        }
        socket.setSoTimeout((int) Math.min(VERDICT_WAIT_MILLIS, settings.timeout().toMillis()));
        try {
            if (socket.getInputStream().read() < 0) {
                throw new IOException("the receiver closed the connection after the TLS handshake");
            }
        } catch (SocketTimeoutException accepted) {
            // no alert: accepted
        }
    }

    /** True when the receiver has closed the connection (syslog receivers never send, so anything read is an end). */
    private static boolean closedByReceiver(Socket socket) {
        try {
            socket.setSoTimeout(1);
            InputStream in = socket.getInputStream();
            return in.read() < 0;
        } catch (SocketTimeoutException open) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static SSLSocketFactory tlsFactory(SyslogSettings settings) throws Exception {
        KeyManager[] identity = settings.certFile() == null ? null
                : ClientIdentity.keyManagers(settings.certFile(), settings.keyFile());
        TrustManager[] trust = settings.caFile() == null ? null : trustManagers(settings.caFile());
        if (identity == null && trust == null) {
            return SSLContext.getDefault().getSocketFactory();
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(identity, trust, null); // null: the JVM's defaults
        return context.getSocketFactory();
    }

    private static TrustManager[] trustManagers(Path caFile) throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream pem = Files.newInputStream(caFile)) {
            int n = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(pem)) {
                trusted.setCertificateEntry("ca-" + n++, certificate);
            }
            if (n == 0) {
                throw new IllegalArgumentException("caFile " + caFile + " holds no certificate");
            }
        } catch (java.security.cert.CertificateException e) {
            throw new IllegalArgumentException("caFile " + caFile + " is not a PEM file of certificates: "
                    + e.getMessage());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        return trust.getTrustManagers();
    }

    private String where() {
        return settings.host() + ":" + settings.port();
    }

    private void closeSocket() {
        closeQuietly(socket);
        socket = null;
    }

    private static void closeQuietly(Socket socket) {
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException ignored) {
            // closing is all that was asked
        }
    }

    @Override
    public synchronized void close() {
        closeSocket();
        deadlines.shutdownNow();
    }
}
