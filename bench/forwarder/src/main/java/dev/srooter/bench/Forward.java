package dev.srooter.bench;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * The bare stack under srooter: a request's body read, hashed (SHA-256, as srooter's audit does) and forwarded over
 * HTTP/1.1 to the upstream at {@code BARE_UPSTREAM_PORT} on this host (bench/run.py's nginx), at the same path, and
 * the answer's body copied back. No authentication, routing, audit or usage: what Liberty and one upstream call cost
 * on this machine, measured beside srooter in the same server (bench/run.py, the platform's floor), so that what
 * srooter adds above it is srooter's own.
 *
 * <p>The upstream call is written on the request thread over a kept socket per thread, head and body in one write,
 * with Nagle off, as srooter's own client does: the JDK's {@code HttpURLConnection} added over a millisecond at p50
 * here, which would have made the floor the client's, not the platform's. Only what nginx's fixed answers need is
 * read: a status line, headers with a {@code Content-Length}, the body.
 */
@WebServlet(urlPatterns = "/*")
public class Forward extends HttpServlet {

    private static final int PORT = Integer.parseInt(System.getenv().getOrDefault("BARE_UPSTREAM_PORT", "18080"));

    /** One kept connection per request thread: Liberty's pool reuses its threads. */
    private static final ThreadLocal<Upstream> UPSTREAM = new ThreadLocal<>();

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] body = request.getInputStream().readAllBytes();
        String digest = sha256(body);
        Upstream upstream = UPSTREAM.get();
        if (upstream == null) {
            upstream = new Upstream(new Socket("127.0.0.1", PORT));
            UPSTREAM.set(upstream);
        }
        byte[] answer;
        try {
            answer = upstream.call(request.getPathInfo(), body);
        } catch (IOException closed) { // nginx closed the kept connection: once more on a new one
            upstream.socket.close();
            upstream = new Upstream(new Socket("127.0.0.1", PORT));
            UPSTREAM.set(upstream);
            answer = upstream.call(request.getPathInfo(), body);
        }
        response.setStatus(upstream.status);
        response.setContentType("application/json");
        response.setHeader("x-bare-sha256", digest);
        response.setContentLength(answer.length);
        response.getOutputStream().write(answer);
    }

    /** One kept HTTP/1.1 connection to the upstream. */
    private static final class Upstream {
        final Socket socket;
        final InputStream in;
        final OutputStream out;
        int status;

        Upstream(Socket socket) throws IOException {
            socket.setTcpNoDelay(true);
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream(), 16384);
            this.out = socket.getOutputStream();
        }

        byte[] call(String path, byte[] body) throws IOException {
            byte[] head = ("POST " + path + " HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n"
                    + "content-length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] whole = new byte[head.length + body.length];
            System.arraycopy(head, 0, whole, 0, head.length);
            System.arraycopy(body, 0, whole, head.length, body.length);
            out.write(whole);
            out.flush();
            String statusLine = line();
            if (statusLine == null) {
                throw new IOException("closed");
            }
            status = Integer.parseInt(statusLine.split(" ")[1]);
            int length = 0;
            for (String header = line(); header != null && !header.isEmpty(); header = line()) {
                if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(header.substring(15).trim());
                }
            }
            return in.readNBytes(length);
        }

        private String line() throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    return null;
                }
                if (c != '\r') {
                    bytes.write(c);
                }
            }
            return bytes.toString(StandardCharsets.US_ASCII);
        }
    }

    private static String sha256(byte[] body) {
        try {
            StringBuilder hex = new StringBuilder(64);
            for (byte b : MessageDigest.getInstance("SHA-256").digest(body)) {
                hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
