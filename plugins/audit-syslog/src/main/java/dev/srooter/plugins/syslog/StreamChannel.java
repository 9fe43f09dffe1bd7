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
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
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
 *       authorities or those of {@code caFile}.
 * </ul>
 * A batch that fails part-way is sent again whole, so a receiver may see some records twice; each carries its id.
 */
final class StreamChannel implements SyslogChannel {

    private final SyslogSettings settings;
    private final SSLSocketFactory tls;
    private final ScheduledExecutorService deadlines;
    private Socket socket;

    StreamChannel(SyslogSettings settings) throws Exception {
        this.settings = settings;
        this.tls = settings.transport() == SyslogSettings.Transport.TLS ? tlsFactory(settings.caFile()) : null;
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
            return secured;
        } catch (IOException e) {
            closeQuietly(plain);
            throw new IOException("syslog receiver " + where() + ": " + e.getMessage(), e);
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

    private static SSLSocketFactory tlsFactory(Path caFile) throws Exception {
        if (caFile == null) {
            return SSLContext.getDefault().getSocketFactory();
        }
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
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context.getSocketFactory();
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
