package dev.srooter.server.translate;

import jakarta.json.JsonObject;

/** A function the model may call: name, description and the JSON schema of its arguments. */
public record Tool(String name, String description, JsonObject parameters) {
}
