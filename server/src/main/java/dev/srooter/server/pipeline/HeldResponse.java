package dev.srooter.server.pipeline;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An answer held back from the client while the council sits on it (blocking mode): the relays write status,
 * headers and body here as they would to the client, and nothing leaves until {@link #release} sends it all at
 * once, a stream included, whole and unbroken (or a rewrite of it in its place); or {@link #discard} drops it for a
 * refusal.
 */
final class HeldResponse extends HttpServletResponseWrapper {

    private final HttpServletResponse client;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final List<String[]> headers = new ArrayList<>();
    private int status = 200;
    private String contentType;

    HeldResponse(HttpServletResponse client) {
        super(client);
        this.client = client;
    }

    HttpServletResponse client() {
        return client;
    }

    @Override public void setStatus(int sc) {
        status = sc;
    }

    @Override public int getStatus() {
        return status;
    }

    @Override public void setHeader(String name, String value) {
        headers.removeIf(h -> h[0].equalsIgnoreCase(name));
        headers.add(new String[] {name, value});
    }

    @Override public void addHeader(String name, String value) {
        headers.add(new String[] {name, value});
    }

    @Override public void setIntHeader(String name, int value) {
        setHeader(name, Integer.toString(value));
    }

    @Override public String getHeader(String name) {
        for (String[] h : headers) {
            if (h[0].equalsIgnoreCase(name)) {
                return h[1];
            }
        }
        return null;
    }

    @Override public void setContentType(String type) {
        contentType = type;
    }

    @Override public String getContentType() {
        return contentType;
    }

    @Override public void setContentLength(int length) {
        // the length is the held body's, set on release
    }

    @Override public void setContentLengthLong(long length) {
        // likewise
    }

    @Override public void flushBuffer() {
        // held: nothing leaves yet
    }

    @Override public boolean isCommitted() {
        return false;
    }

    @Override public void reset() {
        body.reset();
        headers.clear();
        status = 200;
        contentType = null;
    }

    @Override public void resetBuffer() {
        body.reset();
    }

    @Override public PrintWriter getWriter() {
        return new PrintWriter(new java.io.OutputStreamWriter(body, StandardCharsets.UTF_8), true);
    }

    @Override public ServletOutputStream getOutputStream() {
        return new ServletOutputStream() {
            @Override public boolean isReady() {
                return true;
            }

            @Override public void setWriteListener(WriteListener listener) {
                throw new IllegalStateException("a held answer is written synchronously");
            }

            @Override public void write(int b) {
                body.write(b);
            }

            @Override public void write(byte[] b, int off, int len) {
                body.write(b, off, len);
            }
        };
    }

    /** Sends what was held, with {@code extra} headers (name, value, ...) added; false when the client has gone. */
    boolean release(String... extra) {
        return release(body.toByteArray(), extra);
    }

    /** Sends the held status and headers with {@code replacement} for the body (the answer rewritten). */
    boolean release(byte[] replacement, String... extra) {
        client.setStatus(status);
        for (String[] h : headers) {
            client.addHeader(h[0], h[1]);
        }
        for (int k = 0; k + 1 < extra.length; k += 2) {
            client.setHeader(extra[k], extra[k + 1]);
        }
        if (contentType != null) {
            client.setContentType(contentType);
        }
        try {
            client.getOutputStream().write(replacement);
            client.flushBuffer();
            return true;
        } catch (IOException gone) {
            return false;
        }
    }

    /** Forgets what was held: a refusal takes its place. */
    void discard() {
        reset();
    }
}
