package dev.srooter.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A model provider faked over real HTTP: it lists models, answers in its protocol's exact wire
 * format (streaming included), plays scripted replies and faults in order, and records every
 * request it receives. Subclasses know one protocol; this class knows HTTP and scripting.
 */
public abstract class FakeProvider implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-provider");
        t.setDaemon(true);
        return t;
    });
    private final Deque<Reply> script = new ConcurrentLinkedDeque<>();
    private final List<RecordedRequest> received = java.util.Collections.synchronizedList(new ArrayList<>());
    /** Model listings apart: srooter lists models on a schedule, which must not disturb counts of calls. */
    private final List<RecordedRequest> listings = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger streamsAbandonedByClient = new AtomicInteger();
    private volatile List<String> models;
    /** Credentials this fake answers with a fixed status (401, 403, 429), whatever the request. */
    private final Map<String, Integer> refusedKeys = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile String retryAfter = "1";
    private volatile Reply defaultReply;
    private final Reply initialReply;
    private volatile Function<JsonObject, Reply> responder;
    private final Deque<RawReply> rawScript = new ConcurrentLinkedDeque<>();

    protected FakeProvider(int port, List<String> models, String defaultText) throws IOException {
        this.models = List.copyOf(models);
        this.defaultReply = Reply.text(defaultText);
        this.initialReply = defaultReply;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 512);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public List<String> models() {
        return models;
    }

    /** Changes what the model listing says from now on (models added, models gone). */
    public void setModels(List<String> models) {
        this.models = List.copyOf(models);
    }

    /** Answers every request made with this credential with {@code status} (401, 403, 429...). */
    public void refuseKey(String credential, int status) {
        refusedKeys.put(credential, status);
    }

    public void acceptKey(String credential) {
        refusedKeys.remove(credential);
    }

    /** The {@code retry-after} this fake sends with 429s (seconds). */
    public void setRetryAfter(String seconds) {
        this.retryAfter = seconds;
    }

    /** The credential a request carried: {@code x-api-key}, or the bearer token. */
    public static String credentialOf(RecordedRequest request) {
        String key = request.header("x-api-key");
        if (key != null) {
            return key;
        }
        String auth = request.header("authorization");
        return auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : null;
    }

    /** Queues replies, answered in order before the default reply. */
    public void enqueue(Reply... replies) {
        script.addAll(List.of(replies));
    }

    /** Queues faults answered as raw bytes, before any scripted reply. */
    public void enqueueRaw(RawReply... replies) {
        rawScript.addAll(List.of(replies));
    }

    public void setDefaultReply(Reply reply) {
        this.defaultReply = reply;
    }

    /**
     * Answers by looking at each request (after any queued replies), for clients such as Claude Code
     * that make side calls in an order a queue cannot predict. Returning null falls back to the default.
     */
    public void setResponder(Function<JsonObject, Reply> responder) {
        this.responder = responder;
    }

    /** Forgets scripted replies and recorded requests, and answers with the first default reply again. */
    public void reset() {
        defaultReply = initialReply;
        script.clear();
        rawScript.clear();
        received.clear();
        listings.clear();
        responder = null;
        streamsAbandonedByClient.set(0);
        refusedKeys.clear();
        retryAfter = "1";
    }

    /** The model listing requests (GET .../models, /api/tags, Ollama's /api/show), kept apart from {@link #received()}. */
    public List<RecordedRequest> listings() {
        synchronized (listings) {
            return List.copyOf(listings);
        }
    }

    /** Every request but model listings. */
    public List<RecordedRequest> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    public RecordedRequest lastRequest() {
        synchronized (received) {
            return received.isEmpty() ? null : received.get(received.size() - 1);
        }
    }

    /** Streams the fake was writing when the client went away. */
    public int streamsAbandonedByClient() {
        return streamsAbandonedByClient.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** Answers the model listing. */
    protected abstract void listModels(HttpExchange exchange) throws IOException;

    /** Answers a call on {@code path}, or returns false when the path is not one of this protocol's. */
    protected abstract boolean answer(String path, JsonObject request, Reply reply, HttpExchange exchange)
            throws IOException;

    /** The protocol's error body for a status. */
    protected abstract JsonObject errorBody(int status, String message);

    protected JsonObject errorBody(int status) {
        return errorBody(status, "fake provider answered " + status);
    }

    private void handle(HttpExchange exchange) throws IOException {
        boolean cut = false;
        try {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            RecordedRequest recorded = new RecordedRequest(exchange.getRequestMethod(),
                    exchange.getRequestURI().toString(), lowerCaseHeaders(exchange), body);
            String path = exchange.getRequestURI().getPath();
            boolean listing = exchange.getRequestMethod().equals("GET")
                    && (path.endsWith("/models") || path.equals("/api/tags")) || path.equals("/api/show");
            (listing ? listings : received).add(recorded);
            exchange.setAttribute("body", body); // read once; a listing that takes a body (/api/show) finds it here
            String credential = credentialOf(recorded);
            Integer refused = credential == null ? null : refusedKeys.get(credential);
            if (refused != null) {
                if (refused == 429) {
                    exchange.getResponseHeaders().set("retry-after", retryAfter);
                }
                sendJson(exchange, refused, errorBody(refused));
                return;
            }
            if (listing) {
                listModels(exchange);
                return;
            }
            RawReply raw = rawScript.poll();
            if (raw != null) {
                sendRaw(exchange, raw);
                return;
            }
            JsonObject request;
            try (JsonReader reader = Json.createReader(new StringReader(body))) {
                request = reader.readObject();
            }
            Reply reply = script.poll();
            Function<JsonObject, Reply> current = responder;
            if (reply == null && current != null) {
                reply = current.apply(request);
            }
            if (reply == null) {
                reply = defaultReply;
            }
            sleep(reply.delayMillis());
            if (reply.status() != 200) {
                sendJson(exchange, reply.status(), reply.text().isEmpty() ? errorBody(reply.status())
                        : errorBody(reply.status(), reply.text()));
                return;
            }
            if (!answer(path, request, reply, exchange)) {
                sendJson(exchange, 404, errorBody(404));
            }
        } catch (SseWriter.StreamCut streamCut) {
            // Not closing the exchange: the server then drops the connection without ending the chunked
            // body, which is what a provider that dies mid-stream looks like to its client.
            cut = true;
            throw streamCut;
        } catch (IOException clientGone) {
            streamsAbandonedByClient.incrementAndGet();
        } finally {
            if (!cut) {
                exchange.close();
            }
        }
    }

    private static void sendRaw(HttpExchange exchange, RawReply raw) throws IOException {
        if (raw.head() == null) {
            sleep(raw.stallMillis()); // never answers: the exchange stays open until the client gives up
            return;
        }
        exchange.getResponseHeaders().set("content-type", raw.contentType());
        exchange.sendResponseHeaders(raw.status(), 0);
        OutputStream out = exchange.getResponseBody();
        out.write(raw.head());
        out.flush();
        sleep(raw.stallMillis());
        for (int k = 0; k < raw.times(); k++) {
            out.write(raw.repeat());
        }
        out.write(raw.end());
        out.flush();
    }

    private static Map<String, List<String>> lowerCaseHeaders(HttpExchange exchange) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        return headers;
    }

    protected static void sendJson(HttpExchange exchange, int status, JsonObject json) throws IOException {
        byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("content-type", "application/json");
        exchange.getResponseHeaders().set("request-id", "req_fake_" + System.nanoTime());
        if (status == 429 && !exchange.getResponseHeaders().containsKey("retry-after")) {
            exchange.getResponseHeaders().set("retry-after", "1");
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    protected static SseWriter startStream(HttpExchange exchange, Reply reply) throws IOException {
        exchange.getResponseHeaders().set("content-type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("cache-control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        return new SseWriter(out, reply);
    }

    protected static String modelOf(JsonObject request) {
        return request.getString("model", "unknown");
    }

    static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
