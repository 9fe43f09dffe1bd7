package dev.srooter.plugins.classifier;

import dev.srooter.api.ClassifierInput;
import dev.srooter.api.Intent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The labelled examples the classifier learns from, by source: each source is one style of writing (terse,
 * chatty, pasted code, non-native English, other languages, borderline wording, other stacks), so that an
 * evaluation can train on some styles and test on another, the way requests written by other people arrive.
 * Sources are listed in {@code intents/sources.txt}; each is {@code intents/<name>.tsv}: intent, shape
 * ({@code title} for a client's title side call, {@code chat} for an agent turn), the developer's text with
 * {@code \n} for a line break, and optionally a tool result.
 */
final class Corpus {

    /** What Claude Code and similar clients say when they ask a small model for a session title. */
    static final String TITLE_PROMPT = "Generate a concise, sentence-case title (3-7 words) that captures the main"
            + " topic or goal of this coding session. Return JSON with a single \"title\" field.";

    /** A coding agent's system prompt, as the examples' "chat" requests carry one. */
    static final String AGENT_PROMPT = "You are an interactive coding agent. Use the tools available to you to"
            + " help the user with software engineering tasks.";

    static final List<String> AGENT_TOOLS = List.of("Read", "Edit", "Write", "Bash", "Grep", "Glob");

    private Corpus() {
    }

    /** Every source the plugin ships, by name, in the order {@code sources.txt} lists them. */
    static Map<String, List<IntentModel.Example>> sources() {
        Map<String, List<IntentModel.Example>> sources = new LinkedHashMap<>();
        for (String name : lines("/intents/sources.txt")) {
            if (!name.isBlank() && !name.startsWith("#")) {
                sources.put(name.strip(), load("/intents/" + name.strip() + ".tsv"));
            }
        }
        return sources;
    }

    /** All examples of every source. */
    static List<IntentModel.Example> all() {
        List<IntentModel.Example> all = new ArrayList<>();
        sources().values().forEach(all::addAll);
        return all;
    }

    static List<IntentModel.Example> load(String resource) {
        return parse(lines(resource));
    }

    /** Examples in the sources' format, from any lines: a source, or a file of an organisation's own requests. */
    static List<IntentModel.Example> parse(List<String> lines) {
        List<IntentModel.Example> examples = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            Intent intent = Intent.valueOf(f[0].toUpperCase(Locale.ROOT));
            boolean title = f[1].equals("title");
            String text = f[2].replace("\\n", "\n");
            String toolResult = f.length > 3 ? f[3].replace("\\n", "\n") : "";
            examples.add(new IntentModel.Example(intent, new ClassifierInput(title ? TITLE_PROMPT : AGENT_PROMPT,
                    text, toolResult, title ? List.of() : AGENT_TOOLS, title ? 1 : 3, "model")));
        }
        return examples;
    }

    private static List<String> lines(String resource) {
        InputStream in = Corpus.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing resource " + resource);
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
