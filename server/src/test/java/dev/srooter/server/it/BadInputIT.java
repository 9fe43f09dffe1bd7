package dev.srooter.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, bad input: malformed, truncated, wrongly typed, huge and deeply nested JSON, invalid UTF-8 and absurd
 * values, sent to every endpoint in its own format, each against a model that is passed through and one that is
 * translated. Each gets a 4xx in the caller's format, never a 500, and leaves its audit record.
 */
class BadInputIT {

    private final Gateway gateway = Gateway.get();

    @org.junit.jupiter.api.AfterEach
    void reset() {
        gateway.anthropic.reset();
        gateway.openAi.reset();
    }

    private record Endpoint(String path, boolean anthropic, String passModel, String translateModel) {
    }

    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("/v1/messages", true, Gateway.CLAUDE, Gateway.GPT),
            new Endpoint("/v1/messages/count_tokens", true, Gateway.CLAUDE, Gateway.GPT),
            new Endpoint("/v1/chat/completions", false, Gateway.GPT, Gateway.CLAUDE),
            new Endpoint("/v1/responses", false, Gateway.GPT, Gateway.CLAUDE));

    /** Bodies that are not JSON objects, or not JSON at all, whatever the model. */
    private static Map<String, byte[]> malformed() {
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        for (String text : List.of("{", "{\"model\":", "{\"model\":\"m\",}", "[]", "\"text\"", "null", "42",
                "{\"model\":\"m\"} trailing", "\u0000", "{\"model\":\"m\",\"model\":}", "{'model':'m'}")) {
            bodies.put("malformed " + text.replace("\u0000", "NUL"), text.getBytes(StandardCharsets.UTF_8));
        }
        bodies.put("model as a number", "{\"model\":5,\"messages\":[]}".getBytes(StandardCharsets.UTF_8));
        bodies.put("model as an object", "{\"model\":{\"a\":1},\"messages\":[]}".getBytes(StandardCharsets.UTF_8));
        bodies.put("deep nesting", nested(100_000));
        return bodies;
    }

    /** Bodies that name a real model but carry wrong types or absurd values in the fields a codec reads. */
    private static Map<String, String> wronglyTyped(Endpoint e, String model) {
        String m = "\"model\":\"" + model + "\"";
        Map<String, String> bodies = new LinkedHashMap<>();
        if (e.path().equals("/v1/responses")) {
            bodies.put("input as a number", "{" + m + ",\"input\":5}");
            bodies.put("input items of wrong types", "{" + m + ",\"input\":[1,\"x\",null,{\"type\":5}]}");
            bodies.put("function output without a call", "{" + m + ",\"input\":[{\"type\":\"function_call_output\","
                    + "\"output\":{\"x\":1}}]}");
            bodies.put("reasoning as a string", "{" + m + ",\"input\":\"hi\",\"reasoning\":\"deep\"}");
            bodies.put("tools as a string", "{" + m + ",\"input\":\"hi\",\"tools\":\"all\"}");
            bodies.put("huge max_output_tokens", "{" + m + ",\"input\":\"hi\",\"max_output_tokens\":1e309}");
            bodies.put("temperature as a word", "{" + m + ",\"input\":\"hi\",\"temperature\":\"hot\"}");
            return bodies;
        }
        String limit = e.anthropic() ? ",\"max_tokens\":16" : "";
        bodies.put("messages as a string", "{" + m + limit + ",\"messages\":\"hello\"}");
        bodies.put("messages of wrong types", "{" + m + limit + ",\"messages\":[1,\"x\",null]}");
        bodies.put("role as a number", "{" + m + limit + ",\"messages\":[{\"role\":5,\"content\":\"hi\"}]}");
        bodies.put("content as a number", "{" + m + limit + ",\"messages\":[{\"role\":\"user\",\"content\":5}]}");
        bodies.put("content blocks of wrong types", "{" + m + limit + ",\"messages\":[{\"role\":\"user\","
                + "\"content\":[5,{\"type\":7},{\"type\":\"image\",\"source\":\"x\"}]}]}");
        bodies.put("tools as a string", "{" + m + limit + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"tools\":\"all\"}");
        bodies.put("tool results without a call", "{" + m + limit + ",\"messages\":[{\"role\":\"user\",\"content\":"
                + "[{\"type\":\"tool_result\",\"tool_use_id\":5,\"content\":{\"a\":1}}]},{\"role\":\"tool\"}]}");
        bodies.put("temperature as a word", "{" + m + limit + ",\"temperature\":\"hot\",\"messages\":[{\"role\":"
                + "\"user\",\"content\":\"hi\"}]}");
        bodies.put("absurd numbers", "{" + m + (e.anthropic() ? ",\"max_tokens\":99999999999999999999999" : ","
                + "\"max_tokens\":99999999999999999999999") + ",\"top_p\":1e400,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hi\"}]}");
        bodies.put("stream as a word", "{" + m + limit + ",\"stream\":\"yes\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hi\"}]}");
        bodies.put("system of wrong type", "{" + m + limit + ",\"system\":5,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hi\"}]}");
        return bodies;
    }

    private static byte[] nested(int depth) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("{\"model\":\"m\",\"messages\":".getBytes(StandardCharsets.UTF_8));
        for (int k = 0; k < depth; k++) {
            out.write('[');
        }
        for (int k = 0; k < depth; k++) {
            out.write(']');
        }
        out.write('}');
        return out.toByteArray();
    }

    private HttpResponse<String> send(Endpoint e, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.url + e.path()))
                .timeout(Duration.ofSeconds(30)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (e.anthropic()) {
            request.header("x-api-key", gateway.key).header("anthropic-version", "2023-06-01");
        } else {
            request.header("authorization", "Bearer " + gateway.key);
        }
        return gateway.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** What is wrong with an answer to bad input, or null when it is a 4xx in the caller's format. */
    private static String wrong(Endpoint e, HttpResponse<String> response) {
        int status = response.statusCode();
        if (status == 200) {
            return null; // the provider took it (a lenient field): not an error srooter must raise
        }
        if (status < 400 || status >= 500) {
            return "status " + status + ": " + response.body();
        }
        try {
            JsonObject body = Gateway.object(response.body());
            if (e.anthropic() ? !"error".equals(body.getString("type", "")) || !body.containsKey("error")
                    : !body.containsKey("error") || !body.getJsonObject("error").containsKey("message")) {
                return "not in the caller's format: " + response.body();
            }
        } catch (RuntimeException notJson) {
            return "not JSON: " + response.body();
        }
        return response.headers().firstValue("x-srooter-request-id").isPresent() ? null : "no request id";
    }

    @Test
    void everyBadBodyGetsA4xxInTheCallersFormatAndAnAuditRecord() throws Exception {
        List<String> failures = new ArrayList<>();
        List<String> audited = new ArrayList<>();
        for (Endpoint e : ENDPOINTS) {
            Map<String, byte[]> bodies = new LinkedHashMap<>(malformed());
            bodies.put("invalid UTF-8", concat("{\"model\":\"" + e.passModel() + "\",\"max_tokens\":16,\"messages\":"
                    + "[{\"role\":\"user\",\"content\":\"", new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0xc3}, "\"}]}"));
            for (String model : List.of(e.passModel(), e.translateModel())) {
                wronglyTyped(e, model).forEach((name, text) -> bodies.put(name + " (" + model + ")",
                        text.getBytes(StandardCharsets.UTF_8)));
            }
            for (Map.Entry<String, byte[]> body : bodies.entrySet()) {
                HttpResponse<String> response = send(e, body.getValue());
                String problem = wrong(e, response);
                if (problem != null) {
                    failures.add(e.path() + ", " + body.getKey() + ": " + problem);
                }
                response.headers().firstValue("x-srooter-request-id").ifPresent(audited::add);
            }
        }
        assertEquals(List.of(), failures);
        // a sample across the sweep: each bad request left its record
        for (int k = 0; k < audited.size(); k += 17) {
            gateway.auditRecord(audited.get(k));
        }
        assertEquals(200, gateway.anthropic("/v1/messages", "{\"model\":\"" + Gateway.CLAUDE + "\",\"max_tokens\":8,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"still here\"}]}").statusCode());
    }

    private static byte[] concat(String head, byte[] middle, String tail) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(middle);
        out.writeBytes(tail.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
