package dev.srooter.server.cortex;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.treesitter.TSLanguage;
import org.treesitter.TreeSitterGo;
import org.treesitter.TreeSitterJava;
import org.treesitter.TreeSitterJavascript;
import org.treesitter.TreeSitterPython;
import org.treesitter.TreeSitterTypescript;

/**
 * The languages Cortex reads, each with its tree-sitter grammar and one query whose captures name what a file
 * defines ({@code def.class}, {@code def.function}, {@code def.method}) and what it refers to ({@code ref.import},
 * {@code ref.call}, {@code ref.inherit}, {@code ref.type}).
 */
public enum Language {

    JAVA(List.of(".java"), TreeSitterJava::new, """
            (class_declaration name: (identifier) @def.class)
            (interface_declaration name: (identifier) @def.class)
            (enum_declaration name: (identifier) @def.class)
            (record_declaration name: (identifier) @def.class)
            (method_declaration name: (identifier) @def.method)
            (import_declaration (scoped_identifier name: (identifier) @ref.import))
            (method_invocation name: (identifier) @ref.call)
            (object_creation_expression type: (type_identifier) @ref.call)
            (superclass (type_identifier) @ref.inherit)
            (super_interfaces (type_list (type_identifier) @ref.inherit))
            (type_identifier) @ref.type
            """),
    PYTHON(List.of(".py"), TreeSitterPython::new, """
            (class_definition name: (identifier) @def.class)
            (function_definition name: (identifier) @def.function)
            (import_statement name: (dotted_name) @ref.import)
            (import_from_statement module_name: (dotted_name) @ref.import)
            (import_from_statement name: (dotted_name) @ref.call)
            (call function: (identifier) @ref.call)
            (call function: (attribute attribute: (identifier) @ref.call))
            (class_definition superclasses: (argument_list (identifier) @ref.inherit))
            """),
    GO(List.of(".go"), TreeSitterGo::new, """
            (function_declaration name: (identifier) @def.function)
            (method_declaration name: (field_identifier) @def.method)
            (type_spec name: (type_identifier) @def.class)
            (import_spec path: (interpreted_string_literal) @ref.import)
            (call_expression function: (identifier) @ref.call)
            (call_expression function: (selector_expression field: (field_identifier) @ref.call))
            (type_identifier) @ref.type
            """),
    TYPESCRIPT(List.of(".ts", ".mts", ".cts"), TreeSitterTypescript::new, """
            (class_declaration name: (type_identifier) @def.class)
            (interface_declaration name: (type_identifier) @def.class)
            (function_declaration name: (identifier) @def.function)
            (method_definition name: (property_identifier) @def.method)
            (variable_declarator name: (identifier) @def.function value: (arrow_function))
            (import_statement source: (string) @ref.import)
            (call_expression function: (identifier) @ref.call)
            (call_expression function: (member_expression property: (property_identifier) @ref.call))
            (new_expression constructor: (identifier) @ref.call)
            (extends_clause value: (identifier) @ref.inherit)
            (implements_clause (type_identifier) @ref.inherit)
            (type_identifier) @ref.type
            """),
    JAVASCRIPT(List.of(".js", ".mjs", ".cjs", ".jsx"), TreeSitterJavascript::new, """
            (class_declaration name: (identifier) @def.class)
            (function_declaration name: (identifier) @def.function)
            (method_definition name: (property_identifier) @def.method)
            (variable_declarator name: (identifier) @def.function value: (arrow_function))
            (import_statement source: (string) @ref.import)
            (call_expression function: (identifier) @ref.call)
            (call_expression function: (member_expression property: (property_identifier) @ref.call))
            (new_expression constructor: (identifier) @ref.call)
            (class_heritage (identifier) @ref.inherit)
            """);

    private final List<String> extensions;
    private final Supplier<TSLanguage> grammar;
    private final String query;

    Language(List<String> extensions, Supplier<TSLanguage> grammar, String query) {
        this.extensions = extensions;
        this.grammar = grammar;
        this.query = query;
    }

    public TSLanguage grammar() {
        return grammar.get();
    }

    public String query() {
        return query;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Language> of(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        for (Language language : values()) {
            for (String extension : language.extensions) {
                if (lower.endsWith(extension) && !lower.endsWith(".d.ts")) {
                    return Optional.of(language);
                }
            }
        }
        return Optional.empty();
    }
}
