package dev.srooter.server.translate;

/**
 * Whether and which tool the model must call. {@code name} is set only for {@link Mode#TOOL}.
 * {@code parallel} false forbids several calls in one turn; null leaves it to the provider.
 */
public record ToolChoice(Mode mode, String name, Boolean parallel) {

    public enum Mode { AUTO, ANY, NONE, TOOL }
}
