package dev.srooter.server.translate;

import jakarta.json.JsonObject;

/**
 * One wire format, both ways: requests in from clients and out to providers, answers in from
 * providers and out to clients, plain and streamed. Each format has one codec; a crossing from
 * format A to format B is A's reader followed by B's writer, through the canonical model.
 */
public interface Codec {

    /** A client's request in this format, as the canonical model. */
    ChatRequest readRequest(JsonObject body);

    /** The canonical request as this format's body, for a provider. */
    JsonObject writeRequest(ChatRequest request, Crossing crossing);

    /** A provider's complete answer in this format; thinking is marked as made by {@code origin}. */
    ChatResponse readResponse(JsonObject body, String origin);

    /** The canonical answer as this format's body, for a client. */
    JsonObject writeResponse(ChatResponse response);

    /** Reads a provider's event stream in this format. */
    StreamReader streamReader(String origin);

    /** Writes an event stream in this format for a client; {@code clientBody} is what the client sent. */
    StreamWriter streamWriter(JsonObject clientBody);

    /** The message inside a provider's error body in this format, or null. */
    String errorMessage(JsonObject body);
}
