package dev.srooter.server.cortex;

import dev.srooter.server.security.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSQuery;
import org.treesitter.TSQueryCapture;
import org.treesitter.TSQueryCursor;
import org.treesitter.TSQueryMatch;
import org.treesitter.TSTree;

/**
 * Reads one source file with tree-sitter into its definitions and references. Parsers are per thread (tree-sitter
 * parsers are not shared); compiled queries are shared.
 */
public final class FileParser {

    private static final Map<Language, TSQuery> QUERIES = new EnumMap<>(Language.class);
    private static final ThreadLocal<Map<Language, TSParser>> PARSERS = ThreadLocal.withInitial(
            () -> new EnumMap<>(Language.class));

    private FileParser() {
    }

    private static synchronized TSQuery query(Language language) {
        return QUERIES.computeIfAbsent(language, l -> new TSQuery(l.grammar(), l.query()));
    }

    private static TSParser parser(Language language) {
        return PARSERS.get().computeIfAbsent(language, l -> {
            TSParser parser = new TSParser();
            parser.setLanguage(l.grammar());
            return parser;
        });
    }

    public static CodeFacts parse(String path, Language language, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        TSTree tree = parser(language).parseString(null, text);
        TSNode root = tree.getRootNode();
        String module = moduleName(path, language);
        List<CodeFacts.Definition> definitions = new ArrayList<>();
        definitions.add(new CodeFacts.Definition(module, "module", 1, 0, bytes.length));
        List<Captured> references = new ArrayList<>();
        TSQuery query = query(language);
        TSQueryCursor cursor = new TSQueryCursor();
        cursor.exec(query, root);
        TSQueryMatch match = new TSQueryMatch();
        while (cursor.nextMatch(match)) {
            for (TSQueryCapture capture : match.getCaptures()) {
                String name = query.getCaptureNameForId(capture.getIndex());
                TSNode node = capture.getNode();
                String value = new String(bytes, node.getStartByte(), node.getEndByte() - node.getStartByte(),
                        StandardCharsets.UTF_8);
                int line = node.getStartPoint().getRow() + 1;
                if (name.startsWith("def.")) {
                    TSNode declaration = node.getParent();
                    definitions.add(new CodeFacts.Definition(value, name.substring(4), line,
                            declaration.getStartByte(), declaration.getEndByte()));
                } else {
                    references.add(new Captured(name.substring(4), normalise(name.substring(4), value),
                            node.getStartByte(), line));
                }
            }
        }
        List<CodeFacts.Reference> resolved = new ArrayList<>(references.size());
        Set<String> seen = new HashSet<>();
        for (Captured ref : references) {
            if (ref.to().isEmpty()) {
                continue;
            }
            String from = innermost(definitions, ref.startByte());
            if (from.equals(ref.to()) && !ref.kind().equals("import")) {
                continue; // a definition's own name
            }
            // one edge per (from, to, kind): a method calling save() ten times depends on it once
            if (seen.add(from + "\u0000" + ref.to() + "\u0000" + ref.kind())) {
                resolved.add(new CodeFacts.Reference(from, ref.to(), ref.kind(), ref.line()));
            }
        }
        int lines = 1;
        for (byte b : bytes) {
            if (b == '\n') {
                lines++;
            }
        }
        return new CodeFacts(path, language, lines, Sha256.hex(bytes), List.copyOf(definitions), List.copyOf(resolved));
    }

    private record Captured(String kind, String to, int startByte, int line) {
    }

    /** The innermost definition whose text holds {@code at}; the module at top level. */
    private static String innermost(List<CodeFacts.Definition> definitions, int at) {
        CodeFacts.Definition best = definitions.get(0);
        for (CodeFacts.Definition d : definitions) {
            if (d.startByte() <= at && at < d.endByte() && d.endByte() - d.startByte() < best.endByte() - best.startByte()) {
                best = d;
            }
        }
        return best.name();
    }

    /** Imports name modules by their last part: {@code payments.charge}, {@code "./payments/charge"} give charge. */
    private static String normalise(String kind, String value) {
        if (!kind.equals("import")) {
            return value;
        }
        String v = value.replace("\"", "").replace("'", "").replace("`", "");
        int cut = Math.max(v.lastIndexOf('/'), v.lastIndexOf('.') > v.lastIndexOf('/') && !v.startsWith(".")
                ? v.lastIndexOf('.') : -1);
        String last = cut >= 0 ? v.substring(cut + 1) : v;
        for (String extension : new String[] {".js", ".ts", ".mjs", ".jsx", ".tsx"}) {
            if (last.endsWith(extension)) {
                last = last.substring(0, last.length() - extension.length());
            }
        }
        return last;
    }

    /** A file's module: its stem; Go files, their package's folder; index and __init__ files, their folder. */
    static String moduleName(String path, Language language) {
        String normal = path.replace('\\', '/');
        int slash = normal.lastIndexOf('/');
        String file = normal.substring(slash + 1);
        String folder = slash > 0 ? normal.substring(normal.lastIndexOf('/', slash - 1) + 1, slash) : file;
        String stem = file.contains(".") ? file.substring(0, file.indexOf('.')) : file;
        if (language == Language.GO || stem.equals("index") || stem.equals("__init__")) {
            return slash > 0 ? folder : stem;
        }
        return stem;
    }
}
